package io.tessera.catalog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.backend.accumulo.AccumuloTestServer;
import io.tessera.catalog.backend.cassandra.CassandraTestServer;
import io.tessera.catalog.backend.hbase.HBaseTestServer;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.testkit.CatalogConformanceSuite;
import io.tessera.catalog.testkit.ChildJvm;
import io.tessera.catalog.testkit.FaultyStorage;
import io.tessera.catalog.testkit.ForkedServer;
import io.tessera.catalog.testkit.SampleLayers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TesseraCliTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures/geotrellis-3.x/catalog").toAbsolutePath();

    @TempDir
    Path dir;

    String catalog;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Tessera.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeEach
    void copyFixtures() throws IOException {
        Path c = dir.resolve("catalog");
        try (Stream<Path> files = Files.walk(FIXTURES)) {
            for (Path p : files.toList()) {
                Path target = c.resolve(FIXTURES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        catalog = c.toUri().toString();
    }

    @Test
    void layersAndInfo() {
        Result r = run("layers", catalog);
        assertEquals(0, r.code(), r.err());
        assertEquals(18, r.out().lines().count());
        assertTrue(r.out().contains("spacetime-hilbert\t3\tSPACE_TIME"), r.out());
        r = run("info", catalog, "spatial-zorder", "3");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"cellType\" : \"int16ud-9999\"") && !r.out().contains("\"schema\""), r.out());
        assertTrue(run("info", catalog, "spatial-zorder", "3", "--schema").out().contains("KeyValueRecord"));
    }

    @Test
    void readValuePresentAbsentAndWrongKey() {
        Result r = run("read-value", catalog, "spacetime-zorder", "3", "2", "1", "2020-01-01T23:59:05Z");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("band 1: int16, 248 values, 8 NoData"), r.out());
        r = run("read-value", catalog, "float32", "3", "2", "1");
        assertEquals(Tessera.EXIT_ABSENT, r.code());
        assertTrue(r.err().contains("no tile at (2,1)"), r.err());
        r = run("read-value", catalog, "spacetime-zorder", "3", "2", "1");
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), "one line, no stack trace: " + r.err());
        assertTrue(r.err().startsWith("tessera: the layer is space-time"), r.err());
    }

    @Test
    void queryByExtentAndTime() {
        Result r = run("query", catalog, "spatial-zorder", "3",
                "--extent=-10018754.171394622,-5009377.085697312,0.0,5009377.085697312");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("(2,3)", "(3,3)", "(2,4)", "(3,4)", "4 tile(s)"), r.out().lines().toList());
        r = run("query", catalog, "spacetime-zorder", "3", "--time", "2020-01-01T23:59:00Z/2020-01-01T23:59:05Z");
        assertTrue(r.out().endsWith("24 tile(s)" + System.lineSeparator()), r.out());
        r = run("query", catalog, "spacetime-zorder", "3", "--time", "2020-01-02T00:00:00Z", "--time", "1577923140000");
        assertTrue(r.out().endsWith("24 tile(s)" + System.lineSeparator()), r.out());
        r = run("query", catalog, "spatial-zorder", "3", "--wkt", "POLYGON((5 45, 6 45, 6 46, 5 45))", "--crs", "EPSG:4326");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(4,2)"), r.out());
        r = run("query", catalog, "spatial-zorder", "3", "--wkt", "POLYGON((bad");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("tessera: cannot read --wkt"), r.err());
    }

    @Test
    void copyToAnotherCatalogAndBackReproducesEveryFixtureLayerExactly() throws IOException {
        String other = dir.resolve("other").toUri().toString();
        for (String name : List.of("spatial-zorder", "spatial-hilbert", "spacetime-hilbert", "float32", "bool", "uint8")) {
            Result r = run("copy", catalog, other, name);
            assertEquals(0, r.code(), r.err());
        }
        Path src = dir.resolve("catalog");
        Path dst = dir.resolve("other");
        for (String name : List.of("spatial-zorder", "spacetime-hilbert", "float32", "bool")) {
            try (Stream<Path> files = Files.list(src.resolve(name).resolve("3"))) {
                for (Path f : files.toList()) {
                    assertTrue(java.util.Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(dst.resolve(name).resolve("3").resolve(f.getFileName()))),
                            "record " + f + " copied byte for byte");
                }
            }
            assertEquals(Files.readString(src.resolve("attributes").resolve(name + "__.__3__.__metadata.json")),
                    Files.readString(dst.resolve("attributes").resolve(name + "__.__3__.__metadata.json")));
        }
        assertTrue(Files.exists(dst.resolve("attributes/spatial-zorder__.__2__.__metadata.json")), "every zoom is copied");
        assertTrue(Files.exists(dst.resolve("attributes/spatial-zorder__.__3__.__notes.json")), "user attributes too");
        Result r = run("copy", catalog, other, "float32");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("already exists"), r.err());
        r = run("copy", catalog, other, "spatial-rowmajor", "--to", "rm-as-hilbert", "--index", "hilbert");
        assertEquals(0, r.code(), r.err());
        assertTrue(run("info", other, "rm-as-hilbert", "3").out().contains("\"type\" : \"hilbert\""));
        assertEquals(0, run("verify", other).code());
    }

    @Test
    void compressionLevelAppliesWhereRecordsAreWrittenAnew() throws IOException {
        String other = dir.resolve("other").toString();
        Result plain = run("copy", catalog, other, "float32", "--compression-level", "1");
        assertEquals(2, plain.code(), plain.err());
        assertTrue(plain.err().contains("--compression-level applies to records written anew: give --index")
                && plain.err().lines().count() == 1, plain.err());
        Result r = run("copy", catalog, other, "float32", "--index", "zorder", "--compression-level", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(Set.of(1), zlibLevelBytes(dir.resolve("other/float32/3")), "deflated at level 1 (header 78 01)");
        assertEquals(0, run("reindex", other, "float32", "3", "--index", "hilbert", "--compression-level", "9").code());
        assertEquals(0, run("verify", other).code());
        Result bad = run("reindex", other, "float32", "3", "--index", "hilbert", "--compression-level", "12");
        assertTrue(bad.code() != 0 && bad.err().contains("compression level must be 0 (none) to 9"), bad.err());
    }

    /** The second zlib header byte of every record in a layer directory. */
    static Set<Integer> zlibLevelBytes(Path layer) throws IOException {
        try (Stream<Path> files = Files.list(layer)) {
            Set<Integer> out = new java.util.TreeSet<>();
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.add((int) Files.readAllBytes(f)[1] & 0xff);
            }
            return out;
        }
    }

    @Test
    void moveDeleteReindexAttributes() {
        assertEquals(0, run("move", catalog, "float64", "f64").code());
        assertFalse(run("layers", catalog).out().contains("float64\t"));
        assertEquals(0, run("reindex", catalog, "f64", "3", "--index", "rowmajor").code());
        assertTrue(run("info", catalog, "f64", "3").out().contains("rowmajor"));
        assertEquals(0, run("delete", catalog, "f64").code());
        assertEquals(1, run("read-value", catalog, "f64", "3", "4", "6").code());
        Result r = run("delete", catalog, "nothing");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no layer named 'nothing'"), r.err());

        assertEquals("header\nkeyIndex\nmetadata\nnotes\nschema\n",
                run("attributes", catalog, "spatial-zorder", "3").out().replace(System.lineSeparator(), "\n"));
        assertTrue(run("attributes", catalog, "spatial-zorder", "3", "--get", "metadata").out()
                .contains("\"cellType\" : \"int16ud-9999\""), "metadata is the layer's TileLayerMetadata");
        assertEquals(2, run("attributes", catalog, "spatial-zorder", "3", "--set", "keyIndex", "{}").code());
        assertTrue(run("attributes", catalog, "spatial-zorder", "3", "--get", "notes").out().contains("\"a\" : 3"));
        assertEquals(0, run("attributes", catalog, "spatial-zorder", "3", "--set", "h", "[[1,2]]").code());
        assertTrue(run("attributes", catalog, "spatial-zorder", "3", "--get", "h").out().contains("2"));
        assertEquals(0, run("attributes", catalog, "spatial-zorder", "3", "--delete", "h").code());
        assertEquals(2, run("attributes", catalog, "spatial-zorder", "3", "--set", "metadata", "{}").code());
        assertEquals(2, run("attributes", catalog, "spatial-zorder", "3", "--delete", "h").code());
    }

    @Test
    void verifyFindsCorruption() throws IOException {
        assertEquals(0, run("verify", catalog).code());
        Path record = dir.resolve("catalog/uint16/3");
        try (Stream<Path> files = Files.list(record)) {
            Path f = files.sorted().findFirst().orElseThrow();
            byte[] b = Files.readAllBytes(f);
            Files.write(f, java.util.Arrays.copyOf(b, b.length / 2));
        }
        Result r = run("verify", catalog, "uint16");
        assertEquals(Tessera.EXIT_PROBLEMS, r.code(), r.out());
        assertTrue(r.out().contains("undecodable=1") && r.out().contains("PROBLEMS FOUND"), r.out());
    }

    @Test
    void aHadoopCatalogThatDoesNotExistIsAnError() {
        Result r = run("layers", "hdfs+file://" + dir.resolve("no-such-catalog"));
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("there is no catalog at") && r.err().lines().count() == 1, r.err());
    }

    @Test
    void cassandraProblemsAreOneLineWithoutJavaClassNames() {
        int port = CassandraTestServer.get().port();
        Map<String, String> cases = Map.of(
                "cassandra://127.0.0.1:" + ForkedServer.freePort() + "/ks", "cannot reach Cassandra at",
                "cassandra://cassandra:wrong@127.0.0.1:" + port + "/ks", "refused the credentials",
                "cassandra://cassandra:cassandra@127.0.0.1:" + port + "/no_such_keyspace", "does not exist",
                "cassandra://127.0.0.1:" + port + "/bad-name", "is not a valid Cassandra name");
        cases.forEach((uri, says) -> {
            Result r = run("layers", uri);
            assertTrue(r.code() != 0, uri);
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(says), r.err());
            assertFalse(r.err().matches("(?s).*[A-Z][a-zA-Z]+(Exception|Error)\\b.*"), "no Java class name: " + r.err());
            assertFalse(r.err().contains("wrong"), "no password: " + r.err());
        });
    }

    @Test
    void hbaseProblemsAreOneLineWithoutJavaClassNames() throws IOException {
        int port = HBaseTestServer.get().port();
        String uri = HBaseTestServer.get().newCatalogUri();
        try (var hbase = HBaseTestServer.get().connection(); var admin = hbase.getAdmin()) {
            admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(uri.substring(uri.indexOf("layers=") + 7)))
                    .setColumnFamily(ColumnFamilyDescriptorBuilder.of("cf")).build());
        }
        Map<String, String[]> cases = Map.of(
                "hbase://127.0.0.1:" + ForkedServer.freePort() + "?operation-timeout=5s",
                new String[] {"layers", "cannot reach HBase at"},
                "hbase://127.0.0.1:" + port + "?attributes=no_such_table", new String[] {"layers", "does not exist"},
                "hbase://127.0.0.1:" + port + "?layers=bad/name", new String[] {"layers", "is not a valid HBase table name"},
                uri, new String[] {"copy", "is not a GeoTrellis tile table"});
        cases.forEach((target, step) -> {
            Result r = step[0].equals("copy") ? run("copy", catalog, target, "spatial-zorder") : run("layers", target);
            assertTrue(r.code() != 0, target);
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(step[1]), r.err());
            assertFalse(r.err().matches("(?s).*[A-Z][a-zA-Z]+(Exception|Error)\\b.*"), "no Java class name: " + r.err());
        });
    }

    @Test
    void accumuloProblemsAreOneLineWithoutJavaClassNames() {
        String zk = AccumuloTestServer.get().zookeepers();
        String instance = AccumuloTestServer.INSTANCE;
        Map<String, String> cases = Map.of(
                "accumulo://127.0.0.1:" + ForkedServer.freePort() + "/" + instance + "?timeout=5s", "cannot reach Accumulo at",
                "accumulo://root:not-the-password@" + zk + "/" + instance, "wrong user or password",
                "accumulo://root:not-the-password@" + zk + "/noSuchInstance?timeout=10s", "knows no Accumulo instance named",
                AccumuloTestServer.get().newCatalogUri(), "does not exist",
                "accumulo://" + zk + "/" + instance + "?layers=bad-name", "is not a valid Accumulo table name",
                "accumulo://" + zk, "names no Accumulo instance");
        cases.forEach((uri, says) -> {
            Result r = run("layers", uri);
            assertTrue(r.code() != 0, uri);
            assertEquals(1, r.err().lines().count(), r.err());
            assertTrue(r.err().contains(says), r.err());
            assertFalse(r.err().matches("(?s).*[A-Z][a-zA-Z]+(Exception|Error)\\b.*"), "no Java class name: " + r.err());
            assertFalse(r.err().contains("not-the-password") || r.err().contains(AccumuloTestServer.PASSWORD), "no password: " + r.err());
        });
    }

    @Test
    void infoCountsRecordsAndVerifyFindsAMissingOne() throws IOException {
        Result copy = run("copy", catalog, catalog, "spatial-zorder", "--zoom", "3", "--to", "ours");
        assertEquals(0, copy.code(), copy.err());
        Result info = run("info", catalog, "ours", "3");
        assertTrue(info.out().contains("\"records\" : 20"), info.out());
        assertFalse(run("info", catalog, "spatial-zorder", "3").out().contains("\"records\""),
                "GeoTrellis wrote no inventory");
        try (Stream<Path> files = Files.list(dir.resolve("catalog/ours/3"))) {
            Files.delete(files.sorted().findFirst().orElseThrow());
        }
        Result r = run("verify", catalog, "ours");
        assertEquals(Tessera.EXIT_PROBLEMS, r.code(), r.out());
        assertTrue(r.out().contains("missing=1") && r.out().contains("is missing"), r.out());
    }

    @Test
    void verifyRepairRollsBackAKilledUpdate() throws Exception {
        TileLayer<SpatialKey> before = TileLayer.of(KeyType.SPATIAL, SampleLayers.metadata(new KeyBounds<>(
                new SpatialKey(0, 0), new SpatialKey(4, 4))), SampleLayers.spatial(0, 0, 2, 2).tiles())
                .atZoom(SampleLayers.ZOOM);
        FaultyStorage.Faulty counting = FaultyStorage.wrap(catalog, Long.MAX_VALUE);
        try (Catalog c = Catalog.open(catalog)) {
            c.write("killed", before);
            c.write("counted", before);
        }
        try (Catalog c = Catalog.open(counting.uri())) {
            c.overwrite("counted", SampleLayers.spatial(1, 1, 3, 3, 7));
        }
        // Halted while it writes the layer's records: the layer is left marked as changing.
        Process child = ChildJvm.start(CatalogConformanceSuite.KilledChange.class, dir.resolve("child.log"), catalog,
                "killed", Long.toString(counting.plan().calls() - 6));
        assertTrue(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), Files.readString(dir.resolve("child.log")));
        Result held = run("verify", catalog, "killed");
        assertEquals(Tessera.EXIT_PROBLEMS, held.code(), held.out());
        assertTrue(held.out().contains("has not finished"), held.out() + " after halting at call "
                + (counting.plan().calls() - 6) + ": " + Files.readString(dir.resolve("child.log")));
        Result repaired = run("verify", "--repair", catalog, "killed");
        assertEquals(0, repaired.code(), repaired.out() + repaired.err());
        assertTrue(repaired.out().contains("repaired: an unfinished change was rolled back"), repaired.out());
        try (Catalog c = Catalog.open(catalog)) {
            assertEquals(9, c.query("killed", SampleLayers.ZOOM).count());
        }
    }

    @Test
    void demoRunsTheWalkthroughOnTheBundledGeoTiffs() throws IOException {
        Path demo = dir.resolve("demo");
        Result r = run("demo", demo.toString());
        assertEquals(0, r.code(), r.err());
        for (String step : List.of("1. ingested elevation.tif", "2. metadata", "3. value", "4. polygon query",
                "5. reprojected query", "6. ingested test-time-tag.tif", "time query", "7. histogram attribute",
                "8. exported", "done: ")) {
            assertTrue(r.out().contains(step), step + " in " + r.out());
        }
        try (Catalog c = Catalog.open(demo.resolve("catalog").toString())) {
            int top = c.layers().stream().filter(l -> l.name().equals("demo-elevation")).mapToInt(l -> l.zoom()).max()
                    .orElseThrow();
            assertEquals(top + 2, c.layers().size(), "zooms 0.." + top + " and the space-time layer");
            assertTrue(c.attributeStore().layer("demo-elevation", top).find("histogram").isPresent());
            assertTrue(Files.size(demo.resolve("demo-elevation-z" + top + ".png")) > 1000);
        }
        assertTrue(r.out().contains("time query 2015-03-25T17:01:04Z .. 2015-03-25T19:01:04Z: 1 tiles")
                || r.out().matches("(?s).*time query [^\\n]*: [1-9]\\d* tiles.*"), r.out());
        assertEquals(0, run("demo", demo.toString()).code(), "a second run replaces the first");
    }

    @Test
    void badUsageIsOneLine() {
        Result r = run("layers", "abcxyz://123");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("tessera: no catalog backend for scheme 'abcxyz'") && r.err().contains("file"), r.err());
        assertEquals(1, r.err().lines().count());
        r = run("--verbose", "layers", "abcxyz://123");
        assertTrue(r.err().contains("at io.tessera"), "stack trace with --verbose");
        assertEquals(2, run("nosuchcommand").code());
    }

    /** A one-line error with exit code 2 that contains {@code expected}. */
    private static void refused(String expected, String... args) {
        Result r = run(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void badValuesAreRefusedWithWhatIsWrong() {
        refused("--time-count must be 1 or more, got 0",
                "reindex", catalog, "spacetime-zorder", "3", "--index", "zorder", "--time-unit", "days", "--time-count", "0");
        refused("the catalog URI is empty", "layers", "");
        refused("there is no catalog at /no/such/dir: the directory does not exist", "layers", "/no/such/dir");
        refused("there is no catalog at /no/such/dir", "info", "/no/such/dir", "x", "3");
        refused("--set A: the value is empty", "attributes", catalog, "spatial-zorder", "3", "--set", "A", "");
        refused("--set B: not valid JSON: text after the value", "attributes", catalog, "spatial-zorder", "3", "--set", "B",
                "{\"a\":1} 2");
        refused("--set B: not valid JSON: Unrecognized token 'xyz'", "attributes", catalog, "spatial-zorder", "3", "--set",
                "B", "{\"a\":1} xyz");
        refused("--set D: not valid JSON", "attributes", catalog, "spatial-zorder", "3", "--set", "D", "{\"a\":");
        refused("there is no layer 'nolayer' zoom 3", "attributes", catalog, "nolayer", "3", "--set", "C", "1");
        String names = run("attributes", catalog, "spatial-zorder", "3").out();
        assertFalse(names.contains("A") || names.contains("B") || names.contains("D"), "nothing was stored: " + names);
        assertEquals(0, run("attributes", catalog, "spatial-zorder", "3", "--set", "E", "null").code(), "JSON null is a value");
    }

    @Test
    void errorsNameNoJavaClassesNorTemporaryFiles() throws IOException {
        Path notTiff = dir.resolve("notes.tif");
        Files.writeString(notTiff, "not an image");
        Result r = run("ingest", notTiff.toString(), catalog, "x");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("notes.tif"), r.err());
        assertFalse(r.err().matches("(?s).*[A-Z][a-zA-Z]+(Exception|Error)\\b.*"), "no Java class name: " + r.err());
        // A catalog whose attributes "directory" is a file: every attribute write fails in the file system.
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("attributes"), "in the way");
        r = run("copy", catalog, broken.toString(), "float32");
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(broken.resolve("attributes").toString()), r.err());
        assertFalse(r.err().contains(".tmp-") || r.err().contains(".part") || r.err().contains(".staging-"),
                "no temporary file names: " + r.err());
        assertFalse(r.err().matches("(?s).*[A-Z][a-zA-Z]+(Exception|Error)\\b.*"), "no Java class name: " + r.err());
    }

    @Test
    void aDamagedLayerIsListedVerifiedAndDeleted() throws IOException {
        Path attr = dir.resolve("catalog/attributes/bool__.__3__.__metadata.json");
        Files.writeString(attr, "[{\"name\":\"bool\",\"zoom\":3},{\"header\":");
        Result r = run("layers", catalog);
        assertEquals(0, r.code(), r.err());
        assertEquals(18, r.out().lines().count(), "every layer is listed");
        assertTrue(r.out().contains("bool\t3\tDAMAGED\t"), r.out());
        r = run("verify", catalog);
        assertEquals(Tessera.EXIT_PROBLEMS, r.code());
        assertTrue(r.out().contains("bool\t3\tUNREADABLE"), r.out());
        assertTrue(r.out().lines().filter(l -> l.startsWith("bool\t3")).findFirst().orElseThrow()
                .contains("not valid JSON"), "the reason, on the layer's one line: " + r.out());
        assertEquals(0, run("delete", catalog, "bool", "--zoom", "3").code());
        assertFalse(Files.exists(dir.resolve("catalog/bool/3")), "its records are gone");
        assertEquals(0, run("verify", catalog).code());
    }
}
