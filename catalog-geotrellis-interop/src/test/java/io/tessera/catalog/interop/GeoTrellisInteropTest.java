package io.tessera.catalog.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import geotrellis.layer.TileLayerMetadata;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.benchmarks.StandardWorkload;
import io.tessera.catalog.benchmarks.StandardWorkload.Variant;
import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.query.LayerQuery;
import io.tessera.catalog.raster.MultibandTile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import scala.Tuple2;

/**
 * GeoTrellis 3.7.1 itself, on Spark {@code local[2]}, and Tessera read each other's layers of the
 * standard workload's tiles exactly: every cell of every band of every tile, the metadata, single
 * tiles through each side's value reader, and the tiles a query by extent selects. Tessera's layers
 * are written at GeoTrellis's compression level and at the faster levels it offers (level 1 deflates
 * noisy floats without a match search), which GeoTrellis must read all the same; at GeoTrellis's level
 * the files are GeoTrellis's byte for byte.
 */
class GeoTrellisInteropTest {

    private static final int N = 4;

    @TempDir
    static Path dir;

    private static JavaSparkContext spark;

    @BeforeAll
    static void startSpark() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("geotrellis-interop")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    static Stream<Arguments> tesseraWrites() {
        return Stream.of(Variant.values()).flatMap(v -> Stream.of(6, 1, 0, 9).map(level -> Arguments.of(v, level)));
    }

    @ParameterizedTest(name = "{0} at level {1}")
    @MethodSource("tesseraWrites")
    void geoTrellisReadsWhatTesseraWrites(Variant variant, int level) {
        TileLayer<SpatialKey> layer = StandardWorkload.layer(variant, N);
        int zoom = layer.zoom().orElseThrow();
        Path root = dir.resolve("tessera-" + variant.label() + "-" + level);
        try (Catalog catalog = Catalog.open(root.toString())) {
            catalog.write("standard", layer, WriteOptions.DEFAULT.withCompressionLevel(level));
        }
        GeoTrellisFileCatalog geotrellis = GeoTrellisFileCatalog.at(root, spark.sc());

        var read = geotrellis.read("standard", zoom);
        assertEquals(GeoTrellisFileCatalog.metadata(layer.metadata()), read.metadata(), "metadata as GeoTrellis reads it");
        Map<SpatialKey, MultibandTile> expected = byKey(layer.tiles());
        List<Tuple2<geotrellis.layer.SpatialKey, geotrellis.raster.MultibandTile>> tiles = read.toJavaRDD().collect();
        assertEquals(expected.size(), tiles.size(), "tiles GeoTrellis reads");
        for (Tuple2<geotrellis.layer.SpatialKey, geotrellis.raster.MultibandTile> tile : tiles) {
            SpatialKey key = new SpatialKey(tile._1().col(), tile._1().row());
            assertSameCells(expected.get(key), tile._2(), "tile " + key);
        }

        SpatialKey one = new SpatialKey(N - 1, 1);
        assertSameCells(expected.get(one), geotrellis.valueReader("standard", zoom).read(GeoTrellisFileCatalog.key(one)),
                "GeoTrellis's value reader at " + one);

        Extent central = inset(layer.metadata().layout(), 1, 2);
        assertEquals(List.of("(1,1)", "(1,2)", "(2,1)", "(2,2)"), keys(geotrellis.query("standard", zoom,
                GeoTrellisFileCatalog.extent(central))), "GeoTrellis's query by extent");
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void tesseraReadsWhatGeoTrellisWritesAndWritesTheSameFiles(Variant variant) throws IOException {
        TileLayer<SpatialKey> layer = StandardWorkload.layer(variant, N);
        int zoom = layer.zoom().orElseThrow();
        Path theirs = dir.resolve("geotrellis-" + variant.label());
        GeoTrellisFileCatalog.at(theirs, spark.sc()).write("standard", zoom,
                spark.parallelize(GeoTrellisFileCatalog.tiles(layer.tiles()), 3).rdd(),
                GeoTrellisFileCatalog.metadata(layer.metadata()));

        Map<SpatialKey, MultibandTile> expected = byKey(layer.tiles());
        try (Catalog catalog = Catalog.open(theirs.toString())) {
            assertEquals(layer.metadata(), catalog.readMetadata("standard", zoom), "metadata");
            List<KeyedTile<SpatialKey>> read = catalog.query("standard", zoom, SpatialKey.class).stream().toList();
            assertEquals(expected.size(), read.size(), "tiles Tessera reads");
            for (KeyedTile<SpatialKey> tile : read) {
                assertSameCells(expected.get(tile.key()), GeoTrellisFileCatalog.tile(tile.tile()), "tile " + tile.key());
            }
            SpatialKey one = new SpatialKey(0, N - 1);
            assertSameCells(expected.get(one), GeoTrellisFileCatalog.tile(catalog.readValue("standard", zoom, one)
                    .orElseThrow()), "Tessera's readValue at " + one);
            LayerQuery central = LayerQuery.intersecting(inset(layer.metadata().layout(), 1, 2));
            assertEquals(List.of(new SpatialKey(1, 1), new SpatialKey(1, 2), new SpatialKey(2, 1), new SpatialKey(2, 2)),
                    catalog.query("standard", zoom, SpatialKey.class, central).stream().map(KeyedTile::key)
                            .sorted(Comparator.comparingInt(SpatialKey::col).thenComparingInt(SpatialKey::row))
                            .toList(), "Tessera's query by extent");
        }

        Path ours = dir.resolve("tessera-same-" + variant.label());
        try (Catalog catalog = Catalog.open(ours.toString())) {
            catalog.write("standard", layer, WriteOptions.DEFAULT);
        }
        String attribute = "attributes/standard__.__" + zoom + "__.__metadata.json";
        assertEquals(Files.readString(theirs.resolve(attribute)), Files.readString(ours.resolve(attribute)),
                "metadata attribute text");
        Map<String, byte[]> theirRecords = records(theirs.resolve("standard/" + zoom));
        Map<String, byte[]> ourRecords = records(ours.resolve("standard/" + zoom));
        assertEquals(theirRecords.keySet(), ourRecords.keySet(), "record file names");
        theirRecords.forEach((name, bytes) -> assertArrayEquals(bytes, ourRecords.get(name), "record " + name));
    }

    private static Map<SpatialKey, MultibandTile> byKey(List<KeyedTile<SpatialKey>> tiles) {
        return tiles.stream().collect(Collectors.toMap(KeyedTile::key, KeyedTile::tile));
    }

    /** Every cell of every band the same, bit for bit (NaN included). */
    private static void assertSameCells(MultibandTile expected, geotrellis.raster.MultibandTile actual, String what) {
        assertEquals(expected.bandCount(), actual.bandCount(), what + ": bands");
        for (int b = 0; b < expected.bandCount(); b++) {
            geotrellis.raster.Tile band = actual.band(b);
            assertEquals(expected.cols(), band.cols(), what + ": columns");
            assertEquals(expected.rows(), band.rows(), what + ": rows");
            assertEquals(expected.cellType().name(), band.cellType().name(), what + ": cell type");
            for (int i = 0; i < expected.cols() * expected.rows(); i++) {
                double want = expected.band(b).getDouble(i);
                double got = band.getDouble(i % band.cols(), i / band.cols());
                if (Double.doubleToLongBits(want) != Double.doubleToLongBits(got)) {
                    throw new AssertionError(what + ": band " + b + " cell " + i + " is " + got + ", expected " + want);
                }
            }
        }
    }

    /** The extent of tiles {@code first..last} in both directions, every edge 1% of a tile inwards. */
    private static Extent inset(LayoutDefinition layout, int first, int last) {
        Extent block = layout.mapTransform().keyToExtent(first, first).combine(layout.mapTransform().keyToExtent(last, last));
        double dx = block.width() / (last - first + 1) / 100;
        double dy = block.height() / (last - first + 1) / 100;
        return new Extent(block.xmin() + dx, block.ymin() + dy, block.xmax() - dx, block.ymax() - dy);
    }

    private static List<String> keys(geotrellis.spark.ContextRDD<geotrellis.layer.SpatialKey, geotrellis.raster.MultibandTile,
            TileLayerMetadata<geotrellis.layer.SpatialKey>> rdd) {
        return new TreeSet<>(rdd.toJavaRDD().map(t -> "(" + t._1().col() + "," + t._1().row() + ")").collect())
                .stream().toList();
    }

    private static Map<String, byte[]> records(Path zoomDir) throws IOException {
        Map<String, byte[]> records = new TreeMap<>();
        try (Stream<Path> files = Files.list(zoomDir)) {
            for (Path file : files.toList()) {
                records.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        assertEquals(N * N, records.size(), "record files in " + zoomDir);
        return records;
    }
}
