package io.tessera.catalog.interop;

import static io.tessera.catalog.benchmarks.StandardWorkload.percentile;
import static io.tessera.catalog.benchmarks.StandardWorkload.timeEach;

import geotrellis.layer.TileLayerMetadata;
import geotrellis.store.Reader;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.benchmarks.StandardWorkload;
import io.tessera.catalog.benchmarks.StandardWorkload.Variant;
import io.tessera.catalog.codec.Zlib;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.query.LayerQuery;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.StatCounter;
import scala.Tuple2;

/**
 * The standard workload (issue 17) through GeoTrellis 3.7.1 itself and through Tessera, step by step
 * in the same JVM and the same round, so that both see the machine as it is at that moment: GeoTrellis
 * writes from a cached RDD on Spark {@code local[2]} with Kryo and GeoTrellis's registrator, as its
 * documentation sets Spark up, and reads through {@code FileLayerReader} and {@code FileValueReader};
 * Tessera writes the same tiles from memory at each compression level asked for and reads through
 * {@code Catalog}. Both catalogs are file catalogs under {@code DIR}.
 *
 * <pre>GeoTrellisSideBySide DIR [--n 32] [--rounds 3] [--variant float32|uint8x3]... [--compression-level L]...
 *     [--partitions P]</pre>
 *
 * GeoTrellis's RDD has {@code P} partitions (default: Spark's default parallelism, the number of cores).
 *
 * Prints one JSON object per step and a table of best times and of how many times faster Tessera is:
 * the median over rounds of GeoTrellis's time ÷ Tessera's in that round.
 */
public final class GeoTrellisSideBySide {

    private final Path dir;
    private final int n;
    private final int rounds;
    private final List<Integer> levels;
    private final int partitions;
    private final JavaSparkContext spark;
    private final List<Map<String, Object>> results = new ArrayList<>();

    private GeoTrellisSideBySide(Path dir, int n, int rounds, List<Integer> levels, int partitions,
            JavaSparkContext spark) {
        this.dir = dir;
        this.n = n;
        this.rounds = rounds;
        this.levels = levels;
        this.partitions = partitions;
        this.spark = spark;
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: GeoTrellisSideBySide DIR [--n 32] [--rounds 3] [--variant float32|uint8x3]..."
                    + " [--compression-level L]... [--partitions P]");
            System.exit(2);
        }
        int n = 32;
        int rounds = 3;
        int partitions = 0;
        List<Variant> variants = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        for (int i = 1; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--variant" -> variants.add(Variant.valueOf(value.toUpperCase(Locale.ROOT)));
                case "--compression-level" -> levels.add(Integer.parseInt(value));
                case "--partitions" -> partitions = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (variants.isEmpty()) {
            variants = List.of(Variant.values());
        }
        if (levels.isEmpty()) {
            levels = List.of(Zlib.GEOTRELLIS_LEVEL);
        }
        System.out.printf("# %s, %d cores, %s, GeoTrellis 3.7.1 on Spark %s local[2] beside Tessera at levels %s, %s%n",
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), org.apache.spark.package$.MODULE$.SPARK_VERSION(), levels, args[0]);
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("geotrellis-side-by-side")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.kryo.registrator", "geotrellis.spark.store.kryo.KryoRegistrator");
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            GeoTrellisSideBySide run = new GeoTrellisSideBySide(Path.of(args[0]), n, rounds, levels,
                    partitions > 0 ? partitions : spark.defaultParallelism(), spark);
            for (Variant variant : variants) {
                run.run(variant);
            }
            run.printTable();
        }
    }

    private void run(Variant variant) {
        TileLayer<SpatialKey> layer = StandardWorkload.layer(variant, n);
        int zoom = layer.zoom().orElseThrow();
        TileLayerMetadata<geotrellis.layer.SpatialKey> metadata = GeoTrellisFileCatalog.metadata(layer.metadata());
        // From the driver's tiles: GeoTrellis wrote faster from this RDD (8.06 s for float32) than from one
        // whose tiles were made on the executors (9.33 s), though each task then carries its tiles.
        JavaRDD<Tuple2<geotrellis.layer.SpatialKey, geotrellis.raster.MultibandTile>> cached = spark
                .parallelize(GeoTrellisFileCatalog.tiles(layer.tiles()), partitions)
                .persist(StorageLevel.MEMORY_ONLY());
        require("cached tiles", cached.count(), (long) n * n);
        System.out.printf("# %s: GeoTrellis writes from an RDD of %d partitions%n", variant.label(),
                cached.getNumPartitions());
        Extent central = StandardWorkload.centralExtent(layer.metadata().layout(), n);
        long centralTiles = (long) StandardWorkload.centralSide(n) * StandardWorkload.centralSide(n);
        List<SpatialKey> keys = StandardWorkload.readKeys(n);

        GeoTrellisFileCatalog geotrellis = GeoTrellisFileCatalog.at(dir.resolve("geotrellis"), spark.sc());
        Map<String, Steps> steps = new LinkedHashMap<>();
        steps.put("GeoTrellis", new Steps(rounds));
        levels.forEach(level -> steps.put("Tessera L" + level, new Steps(rounds)));
        // Tessera deletes GeoTrellis's layers too, so that each round starts from the same disk.
        try (Catalog tessera = Catalog.open(dir.resolve("tessera").toString());
                Catalog theirCatalog = Catalog.open(dir.resolve("geotrellis").toString())) {
            for (int round = 0; round < rounds; round++) {
                String name = "standard-" + variant.label() + "-" + System.nanoTime();
                Steps theirs = steps.get("GeoTrellis");
                theirs.write[round] = seconds(() -> geotrellis.write(name, zoom, cached.rdd(), metadata));
                theirs.read[round] = seconds(() -> require("GeoTrellis's read", touched(geotrellis.read(name, zoom)),
                        (long) n * n));
                theirs.query[round] = seconds(() -> require("GeoTrellis's query",
                        touched(geotrellis.query(name, zoom, GeoTrellisFileCatalog.extent(central))), centralTiles));
                Reader<geotrellis.layer.SpatialKey, geotrellis.raster.MultibandTile> values =
                        geotrellis.valueReader(name, zoom);
                theirs.points(round, timeEach(keys, key -> values.read(GeoTrellisFileCatalog.key(key))));
                theirCatalog.delete(name, zoom);

                for (int level : levels) {
                    String ours = name + "-" + level;
                    Steps mine = steps.get("Tessera L" + level);
                    DoubleAdder sink = new DoubleAdder();
                    mine.write[round] = seconds(() -> tessera.write(ours, layer,
                            WriteOptions.DEFAULT.withCompressionLevel(level)));
                    mine.read[round] = seconds(() -> require("Tessera's read", tessera.query(ours, zoom, SpatialKey.class)
                            .stream().peek(t -> StandardWorkload.touchEveryBand(t.tile(), sink)).count(), (long) n * n));
                    mine.query[round] = seconds(() -> require("Tessera's query", tessera.query(ours, zoom,
                            SpatialKey.class, LayerQuery.intersecting(central)).stream()
                            .peek(t -> StandardWorkload.touchEveryBand(t.tile(), sink)).count(), centralTiles));
                    mine.points(round, timeEach(keys, key -> tessera.readValue(ours, zoom, key)
                            .orElseThrow(() -> new IllegalStateException("no tile at " + key))));
                    tessera.delete(ours, zoom);
                }
            }
        } finally {
            cached.unpersist();
        }
        Steps theirs = steps.get("GeoTrellis");
        steps.forEach((who, mine) -> {
            report(variant, who, "write", mine.write, theirs.write);
            report(variant, who, "read", mine.read, theirs.read);
            report(variant, who, "query", mine.query, theirs.query);
            report(variant, who, "readValue p50", mine.p50, theirs.p50);
            report(variant, who, "readValue p99", mine.p99, theirs.p99);
        });
    }

    /** One side's times of every step in every round. */
    private static final class Steps {
        final double[] write;
        final double[] read;
        final double[] query;
        final double[] p50;
        final double[] p99;

        Steps(int rounds) {
            write = new double[rounds];
            read = new double[rounds];
            query = new double[rounds];
            p50 = new double[rounds];
            p99 = new double[rounds];
        }

        void points(int round, double[] millis) {
            p50[round] = percentile(millis, 50);
            p99[round] = percentile(millis, 99);
        }
    }

    /** Touches one cell of every band of every tile on the executors, as Tessera's read does; the tile count. */
    private static long touched(RDD<Tuple2<geotrellis.layer.SpatialKey, geotrellis.raster.MultibandTile>> tiles) {
        StatCounter stats = tiles.toJavaRDD().mapToDouble(t -> {
            double sum = 0;
            for (int b = 0; b < t._2().bandCount(); b++) {
                sum += t._2().band(b).getDouble(0, 0);
            }
            return sum;
        }).stats();
        return stats.count();
    }

    private static double seconds(Runnable step) {
        long t0 = System.nanoTime();
        step.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void require(String step, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(step + " returned " + actual + " tiles, expected " + expected);
        }
    }

    private void report(Variant variant, String who, String step, double[] times, double[] geotrellis) {
        double[] speedUps = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            speedUps[i] = geotrellis[i] / times[i];
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("variant", variant.label());
        result.put("catalog", who);
        result.put("step", step);
        result.put("unit", step.startsWith("readValue") ? "ms" : "s");
        result.put("rounds", times);
        result.put("best", Arrays.stream(times).min().orElseThrow());
        result.put("timesFasterThanGeoTrellis", percentile(speedUps, 50));
        results.add(result);
        System.out.println(StandardWorkload.jsonLine(result));
    }

    private void printTable() {
        System.out.printf("%n%-8s %-14s %-13s %10s %16s%n", "variant", "step", "catalog", "best", "× GeoTrellis");
        for (Map<String, Object> r : results) {
            System.out.printf(Locale.ROOT, "%-8s %-14s %-13s %8.4f %-2s %14.4fx%n", r.get("variant"), r.get("step"),
                    r.get("catalog"), (Double) r.get("best"), r.get("unit"), (Double) r.get("timesFasterThanGeoTrellis"));
        }
    }
}
