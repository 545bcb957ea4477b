package io.tessera.catalog.spark;

import io.tessera.catalog.geotiff.GeoTiffException;
import io.tessera.catalog.geotiff.TiffSource;
import io.tessera.catalog.ingest.Ingest;
import io.tessera.catalog.ingest.IngestOptions;
import io.tessera.catalog.ingest.IngestPlan;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.warp.ResampleMethod;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.TaskCompletionListener;
import scala.Tuple2;

/**
 * GeoTIFFs cut into a layer on a Spark cluster (GeoTrellis's {@code tileToLayout}), with
 * {@code catalog-raster}'s reader and warp, so that a Spark ingest and a single-JVM
 * {@link Ingest} of the same files give the same tiles. The driver plans from the files' headers;
 * each task cuts a band of rows of the layer's grid, its executor having planned the same inputs
 * once. Inputs are local paths every executor can read (a shared mount) or URIs of any Hadoop file
 * system ({@code hdfs://namenode/path/a.tif}), read through Hadoop's {@code FileSystem}.
 */
public final class SparkIngest {

    /** Plans executors have made, by what they were made from; they hold the inputs open. */
    private static final Map<Inputs, IngestPlan<?>> PLANS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> PLANS.values().forEach(IngestPlan::close),
                "tessera-ingest-close"));
    }

    private SparkIngest() {
    }

    /** What a plan is made from. */
    private record Inputs(Class<? extends LayerKey> keyType, List<String> files, IngestOptions options)
            implements Serializable {
        Inputs {
            files = List.copyOf(files);
        }
    }

    /**
     * The layer {@code files} make, as an RDD cut on the cluster; the zoom is the plan's (0 for a
     * local layout).
     *
     * @throws IllegalArgumentException when the files cannot make one layer (as {@link Ingest} says)
     * @throws GeoTiffException naming a file that cannot be read
     */
    public static <K extends LayerKey> SparkLayer<K> layer(JavaSparkContext spark, Class<K> keyType, List<String> files,
            IngestOptions options) {
        Inputs inputs = new Inputs(keyType, files, options);
        try (IngestPlan<K> plan = plan(inputs, spark.hadoopConfiguration())) {
            return cut(spark, inputs, plan);
        }
    }

    /**
     * The layer {@code files} make and every coarser zoom down to {@code minZoom}
     * ({@link SparkPyramid#levels}), for {@link SparkCatalog#writePyramid}.
     *
     * @throws IllegalStateException for a local layout, which has no zoom levels
     */
    public static <K extends LayerKey> List<SparkLayer<K>> pyramid(JavaSparkContext spark, Class<K> keyType,
            List<String> files, IngestOptions options, ResampleMethod method, int minZoom) {
        Inputs inputs = new Inputs(keyType, files, options);
        try (IngestPlan<K> plan = plan(inputs, spark.hadoopConfiguration())) {
            ZoomedLayoutScheme scheme = plan.scheme().orElseThrow(() -> new IllegalStateException(
                    "a local (floating) layout has no zoom levels to build a pyramid over; use a global layout"));
            return SparkPyramid.levels(cut(spark, inputs, plan), scheme, method, minZoom);
        }
    }

    private static <K extends LayerKey> SparkLayer<K> cut(JavaSparkContext spark, Inputs inputs, IngestPlan<K> plan) {
        KeyBounds<K> b = plan.metadata().keyBounds();
        int rows = b.maxKey().row() - b.minKey().row() + 1;
        int tasks = Math.max(1, Math.min(rows, spark.defaultParallelism() * 4));
        List<int[]> bands = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            int first = b.minKey().row() + (int) ((long) rows * i / tasks);
            int last = b.minKey().row() + (int) ((long) rows * (i + 1) / tasks) - 1;
            bands.add(new int[] {first, last});
        }
        // Executors read the inputs with the driver's Hadoop settings (credentials, file system options).
        Map<String, String> settings = new HashMap<>();
        spark.hadoopConfiguration().forEach(e -> settings.put(e.getKey(), e.getValue()));
        Broadcast<Map<String, String>> hadoop = spark.broadcast(settings);
        JavaPairRDD<K, MultibandTile> tiles = spark.parallelize(bands, tasks).flatMapToPair(band -> {
            @SuppressWarnings("unchecked")
            IngestPlan<K> executorPlan = (IngestPlan<K>) PLANS.computeIfAbsent(inputs,
                    in -> plan(new Inputs(in.keyType(), in.files(), in.options().withParallelism(1)),
                            configuration(hadoop.value())));
            return pairs(executorPlan.rows(band[0], band[1]));
        });
        KeyType keyType = inputs.keyType() == SpaceTimeKey.class ? KeyType.SPACE_TIME : KeyType.SPATIAL;
        return new SparkLayer<>(keyType, plan.metadata(), plan.zoom().orElse(0), tiles);
    }

    private static Configuration configuration(Map<String, String> settings) {
        Configuration conf = new Configuration(false);
        settings.forEach(conf::set);
        return conf;
    }

    private static <K extends LayerKey> Iterator<Tuple2<K, MultibandTile>> pairs(Stream<KeyedTile<K>> cut) {
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) done -> cut.close());
        }
        return cut.map(t -> new Tuple2<>(t.key(), t.tile())).iterator();
    }

    @SuppressWarnings("unchecked")
    private static <K extends LayerKey> IngestPlan<K> plan(Inputs inputs, Configuration conf) {
        List<TiffSource> sources = new ArrayList<>();
        try {
            for (String f : inputs.files()) {
                sources.add(open(f, conf));
            }
        } catch (RuntimeException e) {
            for (TiffSource s : sources) {
                try {
                    s.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
        return Ingest.fromSources((Class<K>) inputs.keyType(), sources, inputs.options());
    }

    private static TiffSource open(String file, Configuration conf) {
        try {
            URI uri = file.contains("://") ? URI.create(file) : null;
            if (uri == null || "file".equals(uri.getScheme())) {
                return TiffSource.of(uri == null ? Path.of(file) : Path.of(uri));
            }
            return HadoopTiffSource.open(uri, conf);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new GeoTiffException(file, "no such file", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new GeoTiffException(file, "cannot open: " + e.getMessage(), e);
        }
    }
}
