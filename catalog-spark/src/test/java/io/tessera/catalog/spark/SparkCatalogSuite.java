package io.tessera.catalog.spark;

import static io.tessera.catalog.testkit.SampleLayers.ZOOM;
import static io.tessera.catalog.testkit.SampleLayers.sameCells;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.exceptions.LayerExistsException;
import io.tessera.catalog.ingest.GlobalLayout;
import io.tessera.catalog.ingest.Ingest;
import io.tessera.catalog.ingest.IngestOptions;
import io.tessera.catalog.ingest.IngestPlan;
import io.tessera.catalog.layout.GridBounds;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.query.LayerQuery;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.testkit.SampleLayers;
import io.tessera.catalog.warp.ResampleMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * What reading and writing layers on Spark promises, run by every backend's test class against its
 * real server, in Spark {@code local[2]}.
 */
abstract class SparkCatalogSuite {

    /** The URI of a new, empty catalog. */
    protected abstract String newCatalogUri();

    protected String uri;
    protected Catalog catalog;
    protected SparkCatalog spark;
    protected final JavaSparkContext context = LocalSpark.get();

    @BeforeEach
    void open() {
        uri = newCatalogUri();
        catalog = Catalog.open(uri);
        spark = SparkCatalog.of(context, uri);
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    /** An RDD of a layer's tiles, in {@code slices} partitions. */
    protected <K extends LayerKey> SparkLayer<K> rdd(TileLayer<K> layer, int slices) {
        List<Tuple2<K, MultibandTile>> pairs = layer.tiles().stream().map(t -> new Tuple2<>(t.key(), t.tile())).toList();
        return new SparkLayer<>(layer.keyType(), layer.metadata(), layer.zoom().orElse(0),
                context.parallelizePairs(pairs, slices));
    }

    protected static <K extends LayerKey> Map<K, MultibandTile> collected(JavaPairRDD<K, MultibandTile> rdd) {
        Map<K, MultibandTile> out = new HashMap<>();
        for (Tuple2<K, MultibandTile> t : rdd.collect()) {
            assertTrue(out.put(t._1(), t._2()) == null, "key " + t._1() + " read twice");
        }
        return out;
    }

    protected static <K extends LayerKey> void assertSameTiles(List<KeyedTile<K>> expected, Map<K, MultibandTile> got) {
        assertEquals(expected.size(), got.size(), "tiles");
        for (KeyedTile<K> t : expected) {
            assertTrue(got.containsKey(t.key()), "tile " + t.key());
            assertTrue(sameCells(t.tile(), got.get(t.key())), "cells of " + t.key());
        }
    }

    @Test
    void anRddReadGivesWhatCatalogQueryGivesTileForTile() {
        catalog.write("read", SampleLayers.spatial(0, 0, 15, 15, 2));
        SparkLayer<SpatialKey> whole = spark.read("read", ZOOM, SpatialKey.class);
        assertEquals(catalog.readMetadata("read", ZOOM), whole.metadata());
        assertSameTiles(catalog.query("read", ZOOM, SpatialKey.class).tiles(), collected(whole.tiles()));

        LayerQuery window = LayerQuery.intersecting(
                SampleLayers.layout().mapTransform().boundsToExtent(new GridBounds(3, 4, 12, 10)));
        SparkLayer<SpatialKey> part = spark.read("read", ZOOM, SpatialKey.class, window, 3);
        TileLayer<SpatialKey> expected = catalog.query("read", ZOOM, SpatialKey.class, window);
        assertEquals(expected.metadata(), part.metadata());
        assertEquals(3, part.tiles().getNumPartitions(), "numPartitions");
        assertSameTiles(expected.tiles(), collected(part.tiles()));
    }

    @Test
    void anRddWriteReadsBackExactlyThroughCatalog() {
        TileLayer<SpatialKey> spatial = SampleLayers.spatial(0, 0, 11, 9, 5);
        spark.write("written", rdd(spatial, 4));
        assertSameTiles(spatial.tiles(), collected(spark.read("written", ZOOM, SpatialKey.class).tiles()));
        try (Catalog plain = Catalog.open(uri)) {
            assertEquals(spatial.metadata(), plain.readMetadata("written", ZOOM));
            List<KeyedTile<SpatialKey>> read = plain.query("written", ZOOM, SpatialKey.class).tiles();
            Map<SpatialKey, MultibandTile> byKey = new HashMap<>();
            read.forEach(t -> byKey.put(t.key(), t.tile()));
            assertSameTiles(spatial.tiles(), byKey);
            assertEquals(OptionalLong.of(120), plain.recordCount("written", ZOOM));
            assertTrue(plain.verify("written", ZOOM).ok());
        }
        TileLayer<SpaceTimeKey> st = SampleLayers.spaceTime(0, 0, 3, 3, List.of(SampleLayers.T0,
                SampleLayers.T0.plus(Duration.ofHours(6)), SampleLayers.T0.plus(Duration.ofDays(2))));
        spark.write("st", rdd(st, 3), WriteOptions.DEFAULT);
        Map<SpaceTimeKey, MultibandTile> byKey = new HashMap<>();
        catalog.query("st", ZOOM, SpaceTimeKey.class).tiles().forEach(t -> byKey.put(t.key(), t.tile()));
        assertSameTiles(st.tiles(), byKey);
        assertThrows(LayerExistsException.class, () -> spark.write("st", rdd(st, 2)));
    }

    @Test
    void aJobWhoseTaskThrowsLeavesNoLayerAndARunAgainWorks() {
        TileLayer<SpatialKey> good = SampleLayers.spatial(0, 0, 9, 9, 1);
        SpatialKey bad = new SpatialKey(7, 7);
        List<KeyedTile<SpatialKey>> withBad = good.tiles().stream()
                .map(t -> t.key().equals(bad)
                        ? new KeyedTile<>(bad, MultibandTile.of(ArrayTile.empty(SampleLayers.CELL_TYPE, 3, 3),
                                ArrayTile.empty(SampleLayers.CELL_TYPE, 3, 3)))
                        : t)
                .toList();
        TileLayer<SpatialKey> broken = TileLayer.of(good.keyType(), good.metadata(), withBad).atZoom(ZOOM);
        RuntimeException failed = assertThrows(RuntimeException.class, () -> spark.write("job", rdd(broken, 4)));
        assertTrue(String.valueOf(failed.getMessage()).contains("3x3"), failed.getMessage());
        assertFalse(catalog.exists("job", ZOOM));
        assertEquals(List.of(), catalog.layers());

        TileLayer<SpatialKey> second = SampleLayers.spatial(2, 2, 6, 6, 2);
        spark.write("job", rdd(second, 4));
        try (Catalog plain = Catalog.open(uri)) {
            Map<SpatialKey, MultibandTile> byKey = new HashMap<>();
            plain.query("job", ZOOM, SpatialKey.class).tiles().forEach(t -> byKey.put(t.key(), t.tile()));
            assertSameTiles(second.tiles(), byKey);
            assertTrue(plain.readValue("job", ZOOM, new SpatialKey(0, 0)).isEmpty(), "nothing of the failed job");
            assertTrue(plain.verify("job", ZOOM).ok());
        }
        assertOnlyTheLayersRecords(uri, new LayerId("job", ZOOM));
    }

    @Test
    void anRddUpdateOrOverwriteGivesWhatCatalogGivesAndAFailedOneChangesNothing() {
        KeyBounds<SpatialKey> wide = new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(15, 15));
        TileLayer<SpatialKey> before = SampleLayers.spatial(0, 0, 7, 7, 1);
        TileLayer<SpatialKey> update = SampleLayers.spatial(4, 4, 11, 9, 2);
        catalog.write("one", before, WriteOptions.DEFAULT.withIndexBounds(wide));
        catalog.write("rdd", before, WriteOptions.DEFAULT.withIndexBounds(wide));
        catalog.update("one", update, SampleLayers::sum);
        spark.update("rdd", rdd(update, 3), SampleLayers::sum);
        assertSameLayers("one", "rdd");
        assertEquals(OptionalLong.of(64 + 8 * 6 - 16), catalog.recordCount("rdd", ZOOM));

        TileLayer<SpatialKey> over = SampleLayers.spatial(0, 0, 2, 2, 3);
        catalog.overwrite("one", over);
        spark.overwrite("rdd", rdd(over, 2));
        assertSameLayers("one", "rdd");

        RuntimeException failed = assertThrows(RuntimeException.class, () -> spark.update("rdd", rdd(update, 3),
                (existing, fresh) -> {
                    throw new IllegalStateException("the merge broke");
                }));
        assertTrue(String.valueOf(failed.getMessage()).contains("the merge broke"), failed.getMessage());
        assertSameLayers("one", "rdd");
        assertNoJournalLeft(uri);
        catalog.update("one", update);
        spark.update("rdd", rdd(update, 2));
        assertSameLayers("one", "rdd");
    }

    /** The two layers have the same tiles, metadata and record count, read by a fresh catalog. */
    private void assertSameLayers(String expected, String actual) {
        try (Catalog plain = Catalog.open(uri)) {
            Map<SpatialKey, MultibandTile> got = new HashMap<>();
            plain.query(actual, ZOOM, SpatialKey.class).tiles().forEach(t -> got.put(t.key(), t.tile()));
            assertSameTiles(plain.query(expected, ZOOM, SpatialKey.class).tiles(), got);
            assertEquals(plain.readMetadata(expected, ZOOM), plain.readMetadata(actual, ZOOM));
            assertEquals(plain.recordCount(expected, ZOOM), plain.recordCount(actual, ZOOM));
            assertTrue(plain.verify(actual, ZOOM).ok());
        }
    }

    /** Checks, in the backend's terms, that no change journal is left in the catalog; by default nothing more. */
    protected void assertNoJournalLeft(String catalogUri) {
    }

    /** Checks, in the backend's terms, that a failed job left nothing beside the layer; by default nothing more. */
    protected void assertOnlyTheLayersRecords(String catalogUri, LayerId id) {
    }

    /** The real GeoTIFFs of the raster module's tests. */
    protected static final Path REAL = Path.of("../catalog-raster/src/test/resources/geotiff/real").toAbsolutePath().normalize();

    /**
     * Ingests {@code files} (as named to the Spark ingest; {@code local} as the single-JVM ingest reads
     * them) both ways into this catalog, with pyramids, and asserts both give the same layers.
     */
    protected void assertSparkIngestIsTheSingleJvmIngest(List<String> files, List<Path> local) {
        // Small tiles, so that the layer has many and the cluster's tasks each cut several rows of them.
        IngestOptions options = IngestOptions.DEFAULT.withTargetCrs(CRS.WEB_MERCATOR).withResample(ResampleMethod.BILINEAR)
                .withLayout(new GlobalLayout(32, OptionalInt.empty(), 0.1));
        int top;
        try (IngestPlan<SpatialKey> plan = Ingest.spatial(local, options)) {
            top = plan.zoom().getAsInt();
            catalog.writePyramid("one-jvm", plan.pyramid(ResampleMethod.AVERAGE, top - 2));
        }
        List<SparkLayer<SpatialKey>> levels = SparkIngest.pyramid(context, SpatialKey.class, files, options,
                ResampleMethod.AVERAGE, top - 2);
        spark.writePyramid("on-spark", levels, WriteOptions.DEFAULT);
        levels.forEach(l -> l.tiles().unpersist());
        for (int z = top - 2; z <= top; z++) {
            assertEquals(catalog.readMetadata("one-jvm", z), catalog.readMetadata("on-spark", z), "metadata at " + z);
            assertEquals(catalog.recordCount("one-jvm", z), catalog.recordCount("on-spark", z), "records at " + z);
            Map<SpatialKey, MultibandTile> cut = new HashMap<>();
            catalog.query("on-spark", z, SpatialKey.class).tiles().forEach(t -> cut.put(t.key(), t.tile()));
            assertSameTiles(catalog.query("one-jvm", z, SpatialKey.class).tiles(), cut);
        }
        assertTrue(catalog.query("on-spark", top).count() >= 30, "tiles at the top: " + catalog.query("on-spark", top).count());
    }
}
