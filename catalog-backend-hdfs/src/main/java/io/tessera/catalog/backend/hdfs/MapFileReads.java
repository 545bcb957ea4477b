package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.spi.RangeReads;
import io.tessera.catalog.spi.StoredRecord;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BigIntWritable;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.MapFile;
import org.apache.hadoop.io.WritableComparable;

/**
 * Reads records from a layer's MapFiles: a point read finds the one file whose span holds the index
 * (from the directory listing) and asks a cached {@link MapFile.Reader} (at most {@code maxOpen}
 * open, least recently used closed first, keyed by file and modification time so a file written
 * again is never read through a stale reader); a scan opens only the files whose span meets a range
 * and seeks to each range's start.
 */
final class MapFileReads implements AutoCloseable {

    private final FileSystem fs;
    private final Configuration conf;
    private final int maxOpen;
    private final Map<String, MapFile.Reader> open = new LinkedHashMap<>(16, 0.75f, true);

    MapFileReads(FileSystem fs, Configuration conf, int maxOpen) {
        this.fs = fs;
        this.conf = conf;
        this.maxOpen = maxOpen;
    }

    /** The record at {@code index} under {@code layerDir}, or empty. */
    Optional<byte[]> read(Path layerDir, long index) {
        List<MapFileSpans.Span> spans = MapFileSpans.of(fs, conf, layerDir);
        MapFileSpans.Span span = null;
        for (MapFileSpans.Span s : spans) {
            if (s.first() <= index && index <= s.last()) {
                span = s;
                break;
            }
        }
        if (span == null) {
            return Optional.empty();
        }
        try {
            MapFile.Reader reader = reader(span.file());
            BytesWritable value = new BytesWritable();
            synchronized (reader) {
                if (reader.get(new BigIntWritable(index), value) == null) {
                    return Optional.empty();
                }
            }
            return Optional.of(value.copyBytes());
        } catch (IOException e) {
            throw new CatalogIOException("cannot read record " + index + " from " + span.file() + ": " + HadoopErrors.reason(e), e);
        }
    }

    private MapFile.Reader reader(Path file) throws IOException {
        FileStatus data = fs.getFileStatus(new Path(file, MapFile.DATA_FILE_NAME));
        String key = file + "@" + data.getModificationTime() + "/" + data.getLen();
        synchronized (open) {
            MapFile.Reader r = open.get(key);
            if (r != null) {
                return r;
            }
            r = new MapFile.Reader(fs.makeQualified(file), conf);
            open.put(key, r);
            while (open.size() > maxOpen) {
                var eldest = open.entrySet().iterator();
                MapFile.Reader gone = eldest.next().getValue();
                eldest.remove();
                closeQuietly(gone);
            }
            return r;
        }
    }

    /** The records in {@code ranges} (sorted, disjoint), ascending, reading only the files that meet them. */
    RangeReads.RecordCursor scan(Path layerDir, List<IndexRange> ranges) {
        Deque<Map.Entry<MapFileSpans.Span, List<IndexRange>>> work = new ArrayDeque<>();
        for (MapFileSpans.Span s : MapFileSpans.of(fs, conf, layerDir)) {
            List<IndexRange> meeting = ranges.stream().filter(s::meets).toList();
            if (!meeting.isEmpty()) {
                work.add(Map.entry(s, meeting));
            }
        }
        return new RangeReads.RecordCursor() {
            private MapFile.Reader reader;
            private MapFileSpans.Span span;
            private Iterator<IndexRange> spanRanges;
            private IndexRange range;
            private StoredRecord next;

            @Override
            public boolean hasNext() {
                try {
                    while (next == null && step()) {
                        // Each step opens a file, seeks to a range, or reads one entry.
                    }
                } catch (IOException e) {
                    throw new CatalogIOException("cannot read the MapFiles under " + layerDir + ": " + HadoopErrors.reason(e), e);
                }
                return next != null;
            }

            /** One step of the scan; false when every file that meets a range is done. */
            private boolean step() throws IOException {
                if (reader == null) {
                    Map.Entry<MapFileSpans.Span, List<IndexRange>> w = work.poll();
                    if (w == null) {
                        return false;
                    }
                    span = w.getKey();
                    spanRanges = w.getValue().iterator();
                    reader = new MapFile.Reader(fs.makeQualified(span.file()), conf);
                    range = null;
                }
                BytesWritable value = new BytesWritable();
                long index;
                if (range == null) {
                    if (!spanRanges.hasNext()) {
                        closeReader();
                        return true;
                    }
                    range = spanRanges.next();
                    // The first entry at or after the range's start; the reader then goes on from it.
                    WritableComparable<?> first = reader.getClosest(new BigIntWritable(Math.max(range.start(),
                            span.first())), value);
                    if (first == null) {
                        closeReader();
                        return true;
                    }
                    index = ((BigIntWritable) first).index();
                } else {
                    BigIntWritable key = new BigIntWritable();
                    if (!reader.next(key, value)) {
                        closeReader();
                        return true;
                    }
                    index = key.index();
                }
                if (index > range.end()) {
                    range = null;
                    return true;
                }
                next = new StoredRecord(index, value.copyBytes());
                return true;
            }

            private void closeReader() {
                if (reader != null) {
                    closeQuietly(reader);
                    reader = null;
                }
            }

            @Override
            public StoredRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                StoredRecord r = next;
                next = null;
                return r;
            }

            @Override
            public void close() {
                closeReader();
            }
        };
    }

    private static void closeQuietly(MapFile.Reader r) {
        try {
            r.close();
        } catch (IOException ignored) {
            // Only a reader is released; nothing was written.
        }
    }

    @Override
    public void close() {
        synchronized (open) {
            open.values().forEach(MapFileReads::closeQuietly);
            open.clear();
        }
    }
}
