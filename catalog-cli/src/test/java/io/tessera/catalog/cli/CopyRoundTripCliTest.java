package io.tessera.catalog.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tessera.catalog.backend.accumulo.AccumuloTestServer;
import io.tessera.catalog.backend.cassandra.CassandraTestServer;
import io.tessera.catalog.backend.hbase.HBaseTestServer;
import io.tessera.catalog.backend.hdfs.HdfsTestServer;
import io.tessera.catalog.backend.s3.S3TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tessera copy file:///… OTHER NAME} and back reproduces every layer of the GeoTrellis-written
 * fixture catalog exactly — same files, same bytes — through a real S3 server, a real Cassandra node, a real
 * HBase, a real Accumulo (MiniAccumuloCluster) and the Hadoop backend (GeoTrellis's MapFile layout) on a real
 * HDFS (MiniDFSCluster) and on the local file system.
 */
class CopyRoundTripCliTest {

    @TempDir
    Path back;

    @TempDir
    Path hadoop;

    @Test
    void everyFixtureLayerSurvivesARoundTripThroughS3() throws IOException {
        roundTrip("s3://" + S3TestServer.BUCKET + "/cli-roundtrip?endpoint=" + S3TestServer.get().endpoint()
                + "&path-style=true");
    }

    @Test
    void everyFixtureLayerSurvivesARoundTripThroughCassandra() throws IOException {
        roundTrip(CassandraTestServer.get().newCatalogUri());
    }

    @Test
    void everyFixtureLayerSurvivesARoundTripThroughHBase() throws IOException {
        roundTrip(HBaseTestServer.get().newCatalogUri());
    }

    @Test
    void everyFixtureLayerSurvivesARoundTripThroughAccumulo() throws IOException {
        roundTrip(AccumuloTestServer.get().newCatalogUri());
    }

    @Test
    void everyFixtureLayerSurvivesARoundTripThroughHdfs() throws IOException {
        roundTrip(HdfsTestServer.get().newCatalogUri());
    }

    @Test
    void everyFixtureLayerSurvivesARoundTripThroughHadoopOnTheLocalFileSystem() throws IOException {
        roundTrip("hdfs+file://" + hadoop.toAbsolutePath());
    }

    private void roundTrip(String via) throws IOException {
        Path fixtures = TesseraCliTest.FIXTURES;
        String file = fixtures.toUri().toString();
        TreeSet<String> names = new TreeSet<>(TesseraCliTest.run("layers", file).out().lines()
                .map(l -> l.substring(0, l.indexOf('\t'))).toList());
        assertEquals(17, names.size());
        for (String name : names) {
            TesseraCliTest.Result up = TesseraCliTest.run("copy", file, via, name);
            assertEquals(0, up.code(), up.err());
            TesseraCliTest.Result down = TesseraCliTest.run("copy", via, back.toString(), name);
            assertEquals(0, down.code(), down.err());
        }
        List<Path> expected = files(fixtures);
        List<Path> copied = files(back);
        assertEquals(expected, copied.stream().filter(p -> !p.toString().endsWith("__.__recordInventory.json")).toList(),
                "the same files");
        assertEquals(18, copied.size() - expected.size(), "and a record inventory per layer, which GeoTrellis ignores");
        for (Path f : expected) {
            assertArrayEquals(Files.readAllBytes(fixtures.resolve(f)), Files.readAllBytes(back.resolve(f)), f + " byte for byte");
        }
    }

    /** The catalog's files, but for the hidden commit lock this library keeps beside the attributes. */
    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize)
                    .filter(p -> !p.toString().equals("attributes/.commit.lock")).sorted().toList();
        }
    }
}
