package io.tessera.catalog.spark;

import io.tessera.catalog.geotiff.TiffSource;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A GeoTIFF on any Hadoop file system ({@code hdfs://}, {@code s3a://}, ...), read by positional
 * reads of one open stream, which Hadoop allows from several threads at once.
 */
final class HadoopTiffSource implements TiffSource {

    private final String name;
    private final FSDataInputStream in;
    private final long size;

    private HadoopTiffSource(String name, FSDataInputStream in, long size) {
        this.name = name;
        this.in = in;
        this.size = size;
    }

    /** Opens {@code uri} with the file system Hadoop's configuration gives its scheme. */
    static HadoopTiffSource open(URI uri, Configuration conf) throws IOException {
        Path path = new Path(uri);
        FileSystem fs = path.getFileSystem(conf);
        long size = fs.getFileStatus(path).getLen();
        return new HadoopTiffSource(uri.toString(), fs.open(path), size);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        if (position >= size) {
            return -1;
        }
        byte[] buffer = new byte[(int) Math.min(dst.remaining(), size - position)];
        int n = in.read(position, buffer, 0, buffer.length);
        if (n > 0) {
            dst.put(buffer, 0, n);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
