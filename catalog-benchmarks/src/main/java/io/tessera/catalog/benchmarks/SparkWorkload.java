package io.tessera.catalog.benchmarks;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.benchmarks.StandardWorkload.Variant;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.spark.SparkCatalog;
import io.tessera.catalog.spark.SparkLayer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The standard workload's write and whole-layer read (issue 17) through {@code SparkCatalog} on a
 * Spark master of the caller's choice, beside the plain {@code Catalog} in the same JVM; and a read
 * of an {@code n × n} layer at {@code local[1]} and {@code local[2]}, to see how reads scale.
 *
 * <pre>SparkWorkload URI [--n 32] [--scale-n 128] [--rounds 3] [--variant float32|uint8x3] [--parallelism P]</pre>
 *
 * {@code --parallelism} is the catalog option each process (driver and executors) opens the catalog
 * with: how many records one task decodes or encodes at once (default: all cores).
 *
 * Tiles are made on the executors (never collected), so the large layer needs no driver memory.
 */
public final class SparkWorkload {

    private SparkWorkload() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: SparkWorkload URI [--n 32] [--scale-n 128] [--rounds 3] [--variant float32|uint8x3]"
                    + " [--parallelism P]");
            System.exit(2);
        }
        String uri = args[0];
        int n = 32;
        int scaleN = 128;
        int rounds = 3;
        Variant variant = Variant.FLOAT32;
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(args[i + 1]);
                case "--scale-n" -> scaleN = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--variant" -> variant = Variant.valueOf(args[i + 1].toUpperCase(Locale.ROOT));
                case "--parallelism" -> options.put(Catalog.PARALLELISM, args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("# %s, %d cores, %s, %s, %s, catalog options %s%n", System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), uri, variant.label(),
                options);
        try (JavaSparkContext spark = context("local[2]")) {
            SparkCatalog catalog = SparkCatalog.of(spark, uri, options);
            int zoom = StandardWorkload.zoomOf(n);
            // Both writes start from tiles already in memory: the plain one from a list, Spark's from a cached RDD.
            TileLayer<SpatialKey> inMemory = StandardWorkload.layer(variant, n);
            SparkLayer<SpatialKey> layer = layer(spark, variant, n, zoom);
            layer.tiles().persist(StorageLevel.MEMORY_ONLY());
            require(layer.tiles().count(), (long) n * n);
            double[] plainWrite = new double[rounds];
            double[] plainRead = new double[rounds];
            double[] sparkWrite = new double[rounds];
            double[] sparkRead = new double[rounds];
            Catalog plain = catalog.catalog();
            for (int round = 0; round < rounds; round++) {
                String name = "plain-" + System.nanoTime();
                long t0 = System.nanoTime();
                plain.write(name, inMemory, WriteOptions.DEFAULT);
                plainWrite[round] = seconds(t0);
                DoubleAdder sink = new DoubleAdder();
                long t1 = System.nanoTime();
                long count = plain.query(name, zoom, SpatialKey.class).stream()
                        .peek(t -> StandardWorkload.touchEveryBand(t.tile(), sink)).count();
                plainRead[round] = seconds(t1);
                require(count, (long) n * n);
                plain.delete(name, zoom);

                String sparkName = "spark-" + System.nanoTime();
                long t2 = System.nanoTime();
                catalog.write(sparkName, layer);
                sparkWrite[round] = seconds(t2);
                sparkRead[round] = timedRead(catalog, sparkName, zoom, n);
                plain.delete(sparkName, zoom);
            }
            layer.tiles().unpersist();
            inMemory = null; // frees its tiles before the large layer is made
            report(variant, "write, plain Catalog", plainWrite);
            report(variant, "write, Spark local[2]", sparkWrite);
            report(variant, "read, plain Catalog", plainRead);
            report(variant, "read, Spark local[2]", sparkRead);
            String big = "scale-" + System.nanoTime();
            int bigZoom = StandardWorkload.zoomOf(scaleN);
            catalog.write(big, layer(spark, variant, scaleN, bigZoom));
            double[] two = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                two[round] = timedRead(catalog, big, bigZoom, scaleN);
            }
            report(variant, "read " + scaleN * scaleN + " tiles, Spark local[2]", two);
            spark.stop();
            try (JavaSparkContext one = context("local[1]")) {
                SparkCatalog single = SparkCatalog.of(one, uri, options);
                double[] oneCore = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    oneCore[round] = timedRead(single, big, bigZoom, scaleN);
                }
                report(variant, "read " + scaleN * scaleN + " tiles, Spark local[1]", oneCore);
                single.catalog().delete(big, bigZoom);
            }
        }
    }

    private static JavaSparkContext context(String master) {
        return new JavaSparkContext(new SparkConf().setMaster(master).setAppName("spark-workload")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    /** The workload's {@code n × n} layer, its tiles made by the executors, a partition per row band. */
    private static SparkLayer<SpatialKey> layer(JavaSparkContext spark, Variant variant, int n, int zoom) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            rows.add(r);
        }
        JavaPairRDD<SpatialKey, MultibandTile> tiles = spark.parallelize(rows, Math.min(n, spark.defaultParallelism() * 4))
                .flatMapToPair(row -> {
                    List<Tuple2<SpatialKey, MultibandTile>> out = new ArrayList<>(n);
                    for (int col = 0; col < n; col++) {
                        out.add(new Tuple2<>(new SpatialKey(col, row), StandardWorkload.tile(variant, col, row)));
                    }
                    return out.iterator();
                });
        TileLayerMetadata<SpatialKey> md = StandardWorkload.metadata(variant, n, zoom);
        return new SparkLayer<>(KeyType.SPATIAL, md, zoom, tiles);
    }

    /** Seconds to read the whole layer on the cluster, touching one cell of every band of every tile. */
    private static double timedRead(SparkCatalog catalog, String name, int zoom, int n) {
        long t = System.nanoTime();
        long count = catalog.read(name, zoom, SpatialKey.class).tiles()
                .filter(p -> {
                    DoubleAdder sink = new DoubleAdder();
                    StandardWorkload.touchEveryBand(p._2(), sink);
                    return !Double.isInfinite(sink.sum());
                }).count();
        double s = seconds(t);
        require(count, (long) n * n);
        return s;
    }

    private static void require(long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException("read " + actual + " tiles, expected " + expected);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void report(Variant variant, String step, double[] rounds) {
        double best = Double.MAX_VALUE;
        StringBuilder all = new StringBuilder();
        for (double r : rounds) {
            best = Math.min(best, r);
            all.append(all.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", r));
        }
        System.out.printf(Locale.ROOT, "{\"variant\":\"%s\",\"step\":\"%s\",\"best_s\":%.3f,\"rounds_s\":[%s]}%n",
                variant.label(), step, best, all);
    }
}
