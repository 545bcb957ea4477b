package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.exceptions.CatalogIOException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BigIntWritable;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.MapFile;
import org.apache.hadoop.io.SequenceFile;

/**
 * Writes records, ascending by index, into MapFiles as GeoTrellis's {@code HadoopRDDWriter} does:
 * uncompressed, {@link BigIntWritable} keys and {@link BytesWritable} values, an index entry every
 * {@code interval} keys, and a new file {@code part-r-<n>-<first index>} whenever the next record
 * would take the current one past the block size minus 16 KiB. {@link #close} closes the last file
 * and writes {@code _SUCCESS}.
 */
final class RollingMapFileWriter implements AutoCloseable {

    /** The marker GeoTrellis (and Hadoop's output committers) leave in a finished layer directory. */
    static final String SUCCESS = "_SUCCESS";

    private static final long HEADROOM = 16 * 1024;

    private final FileSystem fs;
    private final Configuration conf;
    private final Path dir;
    private final long rollAt;
    private final int interval;
    private int partition;
    private MapFile.Writer current;
    private long bytesInCurrent;
    private long last = Long.MIN_VALUE;
    private boolean any;

    /**
     * @param firstPartition the partition number of the first file (later ones count up)
     */
    RollingMapFileWriter(FileSystem fs, Configuration conf, Path dir, int interval, int firstPartition) {
        this.fs = fs;
        this.conf = conf;
        this.dir = dir;
        this.interval = interval;
        this.partition = firstPartition;
        this.rollAt = fs.getDefaultBlockSize(dir) - HEADROOM;
    }

    /**
     * Appends one record.
     *
     * @throws IllegalStateException when {@code index} is not above the previous one
     */
    void append(long index, byte[] record) {
        if (any && index <= last) {
            throw new IllegalStateException("records must come ascending and unique: " + index + " after " + last);
        }
        long size = 8L + record.length;
        try {
            if (current == null || bytesInCurrent + size > rollAt) {
                roll(index);
            }
            current.append(new BigIntWritable(index), new BytesWritable(record));
        } catch (IOException e) {
            throw new CatalogIOException("cannot write record " + index + " under " + dir + ": " + HadoopErrors.reason(e), e);
        }
        bytesInCurrent += size;
        last = index;
        any = true;
    }

    private void roll(long firstIndex) throws IOException {
        if (current != null) {
            current.close();
            partition++;
        }
        Path file = new Path(dir, MapFileSpans.name(partition, firstIndex));
        current = new MapFile.Writer(conf, fs.makeQualified(file), MapFile.Writer.keyClass(BigIntWritable.class),
                MapFile.Writer.valueClass(BytesWritable.class),
                SequenceFile.Writer.compression(SequenceFile.CompressionType.NONE));
        current.setIndexInterval(interval);
        bytesInCurrent = 0;
    }

    /** Closes the last file and marks the directory finished. */
    @Override
    public void close() {
        closeFiles();
        try {
            fs.mkdirs(dir);
            fs.create(new Path(dir, SUCCESS), true).close();
        } catch (IOException e) {
            throw new CatalogIOException("cannot finish the MapFiles under " + dir + ": " + HadoopErrors.reason(e), e);
        }
    }

    /**
     * Closes the last file without marking the directory finished: a part of a write whose owner
     * marks it.
     */
    void closeFiles() {
        try {
            if (current != null) {
                current.close();
                current = null;
            }
        } catch (IOException e) {
            throw new CatalogIOException("cannot finish the MapFiles under " + dir + ": " + HadoopErrors.reason(e), e);
        }
    }

    /** Closes what is open without marking the directory finished. */
    void discard() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // The files are being thrown away.
            }
            current = null;
        }
    }
}
