package io.tessera.catalog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.testkit.SampleLayers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tessera-spark} on Spark {@code local[2]}: what it writes is what {@code tessera} writes. */
class TesseraSparkCliTest {

    private static JavaSparkContext spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("tessera-spark-cli")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static TesseraCliTest.Result sparkRun(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TesseraSpark.run(spark, args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new TesseraCliTest.Result(code, out.toString(), err.toString());
    }

    private static Map<LayerKey, MultibandTile> tiles(Catalog c, String name, int zoom) {
        Map<LayerKey, MultibandTile> out = new HashMap<>();
        for (KeyedTile<?> t : c.query(name, zoom).tiles()) {
            out.put(t.key(), t.tile());
        }
        return out;
    }

    @Test
    void ingestWithPyramidGivesWhatTesseraIngestGivesThenCopyAndReindexRunOnTheCluster() {
        String src = IngestExportCliTest.REAL.resolve("lc8-utm-1.tif").toString();
        String catalog = dir.resolve("catalog").toUri().toString();
        String[] flags = {"--crs", "EPSG:3857", "--tile-size", "64", "--resample", "bilinear", "--pyramid", "--min-zoom", "8"};
        TesseraCliTest.Result one = TesseraCliTest.run(concat(new String[] {"ingest", src, catalog, "one-jvm"}, flags));
        assertEquals(0, one.code(), one.err());
        TesseraCliTest.Result cluster = sparkRun(concat(new String[] {"ingest", src, catalog, "on-spark"}, flags));
        assertEquals(0, cluster.code(), cluster.err());
        assertTrue(cluster.out().startsWith("ingested 1 file(s) into on-spark: zoom "), cluster.out());
        try (Catalog c = Catalog.open(catalog)) {
            List<Integer> zooms = c.layers().stream().filter(id -> id.name().equals("one-jvm")).map(LayerId::zoom).toList();
            assertEquals(zooms, c.layers().stream().filter(id -> id.name().equals("on-spark")).map(LayerId::zoom).toList());
            for (int z : zooms) {
                assertEquals(c.readMetadata("one-jvm", z), c.readMetadata("on-spark", z));
                Map<LayerKey, MultibandTile> expected = tiles(c, "one-jvm", z);
                Map<LayerKey, MultibandTile> got = tiles(c, "on-spark", z);
                assertEquals(expected.keySet(), got.keySet(), "keys at zoom " + z);
                expected.forEach((k, t) -> assertTrue(SampleLayers.sameCells(t, got.get(k)), "zoom " + z + " " + k));
            }
            int top = zooms.get(zooms.size() - 1);
            String other = dir.resolve("other").toUri().toString();
            TesseraCliTest.Result copy = sparkRun("copy", catalog, other, "on-spark", "--zoom", Integer.toString(top),
                    "--index", "hilbert");
            assertEquals(0, copy.code(), copy.err());
            TesseraCliTest.Result reindex = sparkRun("reindex", catalog, "on-spark", Integer.toString(top), "--index",
                    "rowmajor");
            assertEquals(0, reindex.code(), reindex.err());
            try (Catalog fresh = Catalog.open(catalog); Catalog copied = Catalog.open(other)) {
                Map<LayerKey, MultibandTile> expected = tiles(fresh, "one-jvm", top);
                Map<LayerKey, MultibandTile> reindexed = tiles(fresh, "on-spark", top);
                Map<LayerKey, MultibandTile> inOther = tiles(copied, "on-spark", top);
                expected.forEach((k, t) -> {
                    assertTrue(SampleLayers.sameCells(t, reindexed.get(k)), "reindexed " + k);
                    assertTrue(SampleLayers.sameCells(t, inOther.get(k)), "copied " + k);
                });
                assertEquals("rowmajor", fresh.attributeStore().layer("on-spark", top).read("keyIndex").get("type").asText());
            }
        }
    }

    @Test
    void problemsAreOneLineWithoutJavaClassNames() {
        String catalog = dir.resolve("catalog").toUri().toString();
        TesseraCliTest.Result missing = sparkRun("ingest", dir.resolve("nothing.tif").toString(), catalog, "x");
        assertEquals(1, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
        assertTrue(missing.err().startsWith("tessera-spark: ") && missing.err().contains("no such file"), missing.err());
        TesseraCliTest.Result noIndex = sparkRun("reindex", catalog, "x", "3");
        assertEquals(2, noIndex.code());
        assertTrue(noIndex.err().contains("reindex needs --index"), noIndex.err());
        for (TesseraCliTest.Result r : List.of(missing, noIndex)) {
            assertFalse(r.err().matches("(?s).*\\b(java|io\\.tessera|org\\.apache)\\.[a-z]+\\..*"), r.err());
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
