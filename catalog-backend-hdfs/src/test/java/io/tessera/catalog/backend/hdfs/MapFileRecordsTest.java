package io.tessera.catalog.backend.hdfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.spi.RangeReads;
import io.tessera.catalog.spi.StoredRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BigIntWritable;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.MapFile;
import org.apache.hadoop.io.SequenceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MapFile record layer on Hadoop's local file system: what we write, Hadoop's own readers open
 * with GeoTrellis's key and value classes, no compression and index interval 4; files roll at the
 * block size; point reads and range scans find exactly the records; and the MapFiles GeoTrellis
 * 3.7.1 wrote read back with the spans and records its {@code expected.json} lists.
 */
class MapFileRecordsTest {

    @TempDir
    java.nio.file.Path tmp;

    private static Configuration smallBlocks() {
        Configuration conf = new Configuration(false);
        conf.setLong("fs.local.block.size", 64 * 1024);
        return conf;
    }

    @Test
    void writtenFilesRollAtTheBlockSizeAndReadBackExactly() throws IOException {
        Configuration conf = smallBlocks();
        // A new instance: FileSystem.get would hand back a cached one made with another configuration.
        FileSystem local = FileSystem.newInstance(java.net.URI.create("file:///"), conf);
        writeAndReadBack(local, conf, new Path(tmp.toUri().toString(), "layer/3"));
    }

    /** The same on a real HDFS (MiniDFSCluster), with its 64 KiB block size set on the files written. */
    @Test
    void writtenFilesReadBackOnHdfs() throws IOException {
        Configuration conf = new Configuration();
        conf.setLong("dfs.blocksize", 64 * 1024);
        String dir = HdfsTestServer.get().newDirectory();
        try (FileSystem fs = FileSystem.newInstance(java.net.URI.create(dir), conf)) {
            writeAndReadBack(fs, conf, new Path(dir + "/layer/3"));
        }
    }

    private static void writeAndReadBack(FileSystem fs, Configuration conf, Path dir) throws IOException {
        TreeMap<Long, byte[]> written = new TreeMap<>();
        Random r = new Random(7);
        try (RollingMapFileWriter w = new RollingMapFileWriter(fs, conf, dir, 4, 0)) {
            for (long i = 0; i < 3000; i++) {
                if (i % 7 == 3) {
                    continue;
                }
                byte[] b = new byte[100 + r.nextInt(200)];
                r.nextBytes(b);
                w.append(i * 3, b);
                written.put(i * 3, b);
            }
            assertThrows(IllegalStateException.class, () -> w.append(3, new byte[1]), "out of order");
        }
        List<MapFileSpans.Span> spans = MapFileSpans.of(fs, conf, dir);
        assertTrue(spans.size() > 5, "files rolled at 64 KiB: " + spans.size());
        assertTrue(fs.exists(new Path(dir, "_SUCCESS")));
        for (int i = 0; i < spans.size(); i++) {
            MapFileSpans.Span s = spans.get(i);
            assertEquals(MapFileSpans.name(i, s.first()), s.file().getName());
            assertEquals(written.ceilingKey(s.first()), s.first(), "each file is named by its first index");
        }

        try (SequenceFile.Reader data = new SequenceFile.Reader(conf,
                SequenceFile.Reader.file(fs.makeQualified(new Path(spans.get(0).file(), MapFile.DATA_FILE_NAME))))) {
            assertEquals("org.apache.hadoop.io.BigIntWritable", data.getKeyClassName());
            assertEquals(BytesWritable.class.getName(), data.getValueClassName());
            assertEquals(SequenceFile.CompressionType.NONE, data.getCompressionType());
        }
        try (MapFile.Reader hadoop = new MapFile.Reader(fs.makeQualified(spans.get(1).file()), conf)) {
            long first = spans.get(1).first();
            BytesWritable v = new BytesWritable();
            assertTrue(hadoop.get(new BigIntWritable(first), v) != null, "Hadoop's reader finds our keys");
            assertArrayEquals(written.get(first), v.copyBytes());
        }
        int indexEntries = 0;
        try (SequenceFile.Reader index = new SequenceFile.Reader(conf,
                SequenceFile.Reader.file(fs.makeQualified(new Path(spans.get(0).file(), MapFile.INDEX_FILE_NAME))))) {
            BigIntWritable k = new BigIntWritable();
            while (index.next(k, new org.apache.hadoop.io.LongWritable())) {
                indexEntries++;
            }
        }
        long inFirst = written.subMap(spans.get(0).first(), true, spans.get(0).last(), true).size();
        assertEquals((inFirst + 3) / 4, indexEntries, "an index entry every 4 keys");

        try (MapFileReads reads = new MapFileReads(fs, conf, 3)) {
            for (long i = 0; i < 9000; i += 37) {
                byte[] expected = written.get(i);
                var got = reads.read(dir, i);
                assertEquals(expected != null, got.isPresent(), "record " + i);
                if (expected != null) {
                    assertArrayEquals(expected, got.get());
                }
            }
            List<IndexRange> ranges = List.of(new IndexRange(0, 0), new IndexRange(10, 40), new IndexRange(2000, 4000),
                    new IndexRange(8990, 20000));
            TreeMap<Long, byte[]> expected = new TreeMap<>();
            for (IndexRange q : ranges) {
                expected.putAll(written.subMap(q.start(), true, q.end(), true));
            }
            List<Long> scanned = new ArrayList<>();
            try (RangeReads.RecordCursor c = reads.scan(dir, ranges)) {
                while (c.hasNext()) {
                    StoredRecord rec = c.next();
                    scanned.add(rec.index());
                    assertArrayEquals(expected.get(rec.index()), rec.bytes(), "record " + rec.index());
                }
            }
            assertEquals(new ArrayList<>(expected.keySet()), scanned);
            assertTrue(reads.read(new Path(dir, "nothing-here"), 3).isEmpty());
        }
    }

    @Test
    void geoTrellisWrittenMapFilesReadBackWithTheirSpansAndRecords() throws Exception {
        java.nio.file.Path fixture = java.nio.file.Path.of("src/test/resources/fixtures/geotrellis-3.x-hadoop");
        JsonNode expected = new ObjectMapper().readTree(Files.readAllBytes(fixture.resolve("expected.json")));
        Configuration conf = new Configuration(false);
        FileSystem fs = FileSystem.newInstance(java.net.URI.create("file:///"), conf);
        int layers = 0;
        try (MapFileReads reads = new MapFileReads(fs, conf, 16)) {
            for (JsonNode layer : expected.get("layers")) {
                Path dir = new Path(fixture.toAbsolutePath().toUri().toString(),
                        "catalog/" + layer.get("name").asText() + "/" + layer.get("zoom").asInt());
                List<MapFileSpans.Span> spans = MapFileSpans.of(fs, conf, dir);
                TreeSet<Long> indexes = new TreeSet<>();
                for (JsonNode tile : layer.get("tiles")) {
                    long index = Long.parseLong(tile.get("index").asText());
                    indexes.add(index);
                    String file = tile.get("file").asText();
                    MapFileSpans.Span holder = spans.stream().filter(s -> s.first() <= index && index <= s.last())
                            .findFirst().orElseThrow();
                    assertTrue(file.endsWith("/" + holder.file().getName()), file + " holds " + index);
                    assertTrue(reads.read(dir, index).isPresent(), layer.get("name") + " record " + index);
                }
                List<Long> scanned = new ArrayList<>();
                try (RangeReads.RecordCursor c = reads.scan(dir, List.of(new IndexRange(0, Long.MAX_VALUE)))) {
                    c.forEachRemaining(rec -> scanned.add(rec.index()));
                }
                assertEquals(new ArrayList<>(indexes), scanned, layer.get("name").asText());
                layers++;
            }
        }
        assertEquals(18, layers);
    }
}
