package io.tessera.catalog.spark;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.ReadPlan;
import io.tessera.catalog.ReadSplit;
import io.tessera.catalog.SharedChange;
import io.tessera.catalog.SharedWrite;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.WriteTicket;
import io.tessera.catalog.WrittenPart;
import io.tessera.catalog.exceptions.LayerExistsException;
import io.tessera.catalog.exceptions.LayerNotFoundException;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.query.LayerQuery;
import io.tessera.catalog.raster.MultibandTile;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterators;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.apache.spark.HashPartitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.TaskCompletionListener;
import scala.Tuple2;

/**
 * A Tessera catalog seen from a Spark application: layers read as RDDs of keyed tiles, and RDDs
 * written as layers, by the executors in parallel — on any backend, from the catalog's URI.
 *
 * <p>Reads are planned on the driver ({@link Catalog#planRead}): a partition per split of the
 * query's index ranges, balanced by record count where the layer has a record inventory; each
 * executor opens the catalog from its URI and options (once per JVM) and streams its split. Writes
 * go through one {@link SharedWrite}: each partition writes its records as a part, and the driver
 * commits once every partition succeeded, so a failed or cancelled job leaves no layer and nothing
 * that blocks running it again. Updates and overwrites go through one {@link SharedChange} the same
 * way: a failed job leaves the layer as it was.
 */
public final class SparkCatalog {

    /** The read-side option of GeoTrellis's readers: how many partitions a read makes. */
    public static final String NUM_PARTITIONS = "numPartitions";

    private final JavaSparkContext spark;
    private final ExecutorCatalogs.Address address;

    private SparkCatalog(JavaSparkContext spark, ExecutorCatalogs.Address address) {
        this.spark = spark;
        this.address = address;
    }

    /** The catalog at {@code uri} (see {@link Catalog#open(String, Map)} for URIs and options). */
    public static SparkCatalog of(JavaSparkContext spark, String uri, Map<String, String> options) {
        SparkCatalog c = new SparkCatalog(spark, new ExecutorCatalogs.Address(uri, options));
        // Fails here, on the driver, for a URI or option that is wrong, rather than in every task.
        c.catalog();
        return c;
    }

    /** The catalog at {@code uri}, with no options. */
    public static SparkCatalog of(JavaSparkContext spark, String uri) {
        return of(spark, uri, Map.of());
    }

    /** The catalog itself, as this JVM has it open, for what is not done on the cluster. */
    public Catalog catalog() {
        return ExecutorCatalogs.get(address);
    }

    /**
     * A whole layer, in the context's default parallelism of partitions.
     *
     * @throws LayerNotFoundException when there is no such layer
     */
    public <K extends LayerKey> SparkLayer<K> read(String name, int zoom, Class<K> keyType) {
        return read(name, zoom, keyType, LayerQuery.all(), spark.defaultParallelism());
    }

    /**
     * The tiles a query selects, in at most {@code numPartitions} partitions (fewer when the query
     * selects fewer records), each read by an executor.
     *
     * @throws LayerNotFoundException when there is no such layer
     * @throws IllegalArgumentException when the layer's keys are of the other type
     */
    public <K extends LayerKey> SparkLayer<K> read(String name, int zoom, Class<K> keyType, LayerQuery query,
            int numPartitions) {
        ReadPlan<K> plan = catalog().planRead(name, zoom, keyType, query, numPartitions);
        ExecutorCatalogs.Address at = address;
        JavaRDD<ReadSplit<K>> splits = spark.parallelize(plan.splits(), Math.max(1, plan.splits().size()));
        JavaPairRDD<K, MultibandTile> tiles = splits.flatMapToPair(split -> pairs(ExecutorCatalogs.get(at).read(split)));
        return new SparkLayer<>(keyType == SpaceTimeKey.class ? KeyType.SPACE_TIME : KeyType.SPATIAL, plan.metadata(),
                zoom, tiles);
    }

    /** A task's tiles as pairs; the stream is closed when the task ends, however it ends. */
    private static <K extends LayerKey> Iterator<Tuple2<K, MultibandTile>> pairs(Stream<KeyedTile<K>> read) {
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) done -> read.close());
        }
        Iterator<KeyedTile<K>> it = read.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Tuple2<K, MultibandTile> next() {
                KeyedTile<K> t = it.next();
                return new Tuple2<>(t.key(), t.tile());
            }
        };
    }

    /**
     * Writes a new layer from an RDD, z-order indexed.
     *
     * @throws LayerExistsException before anything is written, when the layer exists
     */
    public <K extends LayerKey> void write(String name, SparkLayer<K> layer) {
        write(name, layer, WriteOptions.DEFAULT);
    }

    /**
     * Writes a new layer from an RDD: the tiles are partitioned by record index (by index span for
     * backends that take records ascending, as GeoTrellis's {@code HadoopRDDWriter} does), each
     * partition is written by an executor as a part of one shared write, and the driver commits
     * after every partition succeeded. If the job fails or is cancelled, the driver waits for its
     * running tasks to stop and abandons the write: no layer appears, and its records are removed.
     *
     * @throws LayerExistsException before anything is written, when the layer exists
     * @throws IllegalArgumentException for tiles that do not fit the metadata (the job fails; no layer)
     */
    public <K extends LayerKey> void write(String name, SparkLayer<K> layer, WriteOptions options) {
        write(name, List.of(layer), options);
    }

    /**
     * Writes the levels of a pyramid as one unit, as {@link Catalog#writePyramid} does: every level's
     * records are written on the cluster before any level is committed.
     *
     * @throws LayerExistsException before anything is written, when a level exists
     */
    public <K extends LayerKey> void writePyramid(String name, List<SparkLayer<K>> levels, WriteOptions options) {
        write(name, levels, options);
    }

    private <K extends LayerKey> void write(String name, List<SparkLayer<K>> levels, WriteOptions options) {
        Catalog driver = catalog();
        for (SparkLayer<K> level : levels) {
            if (driver.exists(name, level.zoom())) {
                throw new LayerExistsException(new LayerId(name, level.zoom()), driver.location());
            }
        }
        List<SharedWrite<K>> writes = new ArrayList<>();
        List<List<WrittenPart>> parts = new ArrayList<>();
        try {
            for (SparkLayer<K> level : levels) {
                SharedWrite<K> w = driver.beginSharedWrite(name, level.zoom(), level.keyType(), level.metadata(), options);
                writes.add(w);
                parts.add(new JobGroup(spark, "writing layer " + name + " at zoom " + level.zoom() + " on Spark")
                        .run(() -> writeParts(w.ticket(), level.tiles())));
            }
        } catch (RuntimeException e) {
            for (SharedWrite<K> w : writes) {
                abandon(e, w::abort);
            }
            throw e;
        }
        SharedWrite.commitTogether(writes, parts);
    }

    /**
     * Rewrites a layer under another key index on the cluster, as {@link Catalog#reindex} does in one
     * JVM: the layer is read as an RDD and written as the parts of a shared reindex, and the driver
     * switches the layer to the new records in one commit; until then, and if the job fails, the
     * layer stays as it was.
     *
     * @throws LayerNotFoundException when there is no such layer
     */
    public <K extends LayerKey> void reindex(String name, int zoom, Class<K> keyType, WriteOptions options) {
        SparkLayer<K> layer = read(name, zoom, keyType);
        SharedWrite<K> w = catalog().beginSharedReindex(name, zoom, keyType, options);
        List<WrittenPart> parts;
        try {
            parts = new JobGroup(spark, "reindexing layer " + name + " at zoom " + zoom + " on Spark")
                    .run(() -> writeParts(w.ticket(), layer.tiles()));
        } catch (RuntimeException e) {
            throw abandon(e, w::abort);
        }
        w.commit(parts);
    }

    /**
     * Copies a layer into another catalog (or this one) on the cluster, under {@code options}' key
     * index, as a new layer {@code newName}; its user attributes are not copied.
     *
     * @throws LayerNotFoundException when there is no such layer
     * @throws LayerExistsException when the target has a layer {@code newName} at that zoom
     */
    public <K extends LayerKey> void copyTo(SparkCatalog target, String name, int zoom, Class<K> keyType, String newName,
            WriteOptions options) {
        target.write(newName, read(name, zoom, keyType), options);
    }

    /**
     * Merges an RDD of tiles into an existing layer on the cluster; where a key exists, the new tile
     * wins. See {@link #update(String, SparkLayer, Function2)}.
     */
    public <K extends LayerKey> void update(String name, SparkLayer<K> layer) {
        change(name, layer, false, (existing, fresh) -> fresh);
    }

    /**
     * Merges an RDD of tiles into an existing layer on the cluster, as {@link Catalog#update} does in
     * one JVM, combining tiles of keys that exist with {@code merge(existing, new)}. Through one
     * {@link SharedChange}: the tiles are partitioned by record index and kept (memory and disk);
     * a first job checks every partition, the driver then holds the layer for exactly the records
     * they reported, a second job writes every partition (one task on backends whose files take one
     * replacing writer at a time: HDFS), and the driver commits. Until the commit readers see the
     * layer as it was; if either job fails or is cancelled, the driver waits for its running tasks to
     * stop and rolls the change back from its journal, so the layer is as before. A retried task
     * merges with the records as they were before the change, so {@code merge} is applied once.
     *
     * @throws LayerNotFoundException when there is no such layer
     * @throws io.tessera.catalog.exceptions.LayerOutOfKeyBoundsException when the update's bounds reach
     *     outside the layer's key index bounds (before any job runs)
     */
    public <K extends LayerKey> void update(String name, SparkLayer<K> layer,
            Function2<MultibandTile, MultibandTile, MultibandTile> merge) {
        change(name, layer, false, merge);
    }

    /**
     * Replaces the records an RDD's tiles fall in by those tiles, on the cluster, as
     * {@link Catalog#overwrite} does in one JVM; run like {@link #update(String, SparkLayer, Function2)}.
     *
     * @throws LayerNotFoundException when there is no such layer
     */
    public <K extends LayerKey> void overwrite(String name, SparkLayer<K> layer) {
        change(name, layer, true, (existing, fresh) -> fresh);
    }

    @SuppressWarnings("unchecked")
    private <K extends LayerKey> void change(String name, SparkLayer<K> layer, boolean overwrite,
            Function2<MultibandTile, MultibandTile, MultibandTile> merge) {
        if (layer.metadata().bounds().isEmpty()) {
            return;
        }
        Catalog driver = catalog();
        Class<K> type = (Class<K>) layer.keyType().javaType();
        String what = (overwrite ? "overwriting" : "updating") + " layer " + name + " at zoom " + layer.zoom() + " on Spark";
        SharedChange<K> change = overwrite
                ? driver.beginSharedOverwrite(name, layer.zoom(), type, layer.metadata())
                : driver.beginSharedUpdate(name, layer.zoom(), type, layer.metadata());
        WriteTicket<K> ticket = change.ticket();
        ExecutorCatalogs.Address at = address;
        // Both jobs must see the same tiles in the same partitions: the write refuses tiles its check did not see.
        JavaPairRDD<Long, Tuple2<K, MultibandTile>> grouped = byIndex(ticket, layer.tiles())
                .partitionBy(new HashPartitioner(Math.max(1, layer.tiles().getNumPartitions())))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        try {
            List<WrittenPart> checked = new JobGroup(spark, "checking: " + what).run(() -> grouped
                    .mapPartitionsWithIndex((part, it) -> List.of(ExecutorCatalogs.get(at)
                            .checkPart(ticket, part, tiles(it))).iterator(), false)
                    .collect());
            WriteTicket<K> held = change.hold(checked);
            JavaPairRDD<Long, Tuple2<K, MultibandTile>> writing = held.singlePart() ? grouped.coalesce(1) : grouped;
            List<WrittenPart> written = new JobGroup(spark, what).run(() -> writing
                    .mapPartitionsWithIndex((part, it) -> List.of(ExecutorCatalogs.get(at)
                            .writePart(held, part, tiles(it), merging(merge))).iterator(), false)
                    .collect());
            change.commit(written);
        } catch (RuntimeException e) {
            throw abandon(e, change::abort);
        } finally {
            grouped.unpersist(false);
        }
    }

    /** Gives up a write or change after {@code failure}, which stays the error; a failure of the abort is added to it. */
    private static RuntimeException abandon(RuntimeException failure, Runnable abort) {
        try {
            abort.run();
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
        return failure;
    }

    /** Spark's serializable merge as the catalog's; its checked exceptions fail the task, naming them. */
    private static BinaryOperator<MultibandTile> merging(Function2<MultibandTile, MultibandTile, MultibandTile> merge) {
        return (existing, fresh) -> {
            try {
                return merge.call(existing, fresh);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the merge function failed: " + e, e);
            }
        };
    }

    /** Writes every partition of {@code tiles}, grouped as the ticket asks, as a part; what they wrote. */
    private <K extends LayerKey> List<WrittenPart> writeParts(WriteTicket<K> ticket, JavaPairRDD<K, MultibandTile> tiles) {
        ExecutorCatalogs.Address at = address;
        int n = Math.max(1, tiles.getNumPartitions());
        JavaPairRDD<Long, Tuple2<K, MultibandTile>> byIndex = byIndex(ticket, tiles);
        JavaPairRDD<Long, Tuple2<K, MultibandTile>> grouped = ticket.needsIndexSpans()
                ? byIndex.sortByKey(true, n)
                : byIndex.partitionBy(new HashPartitioner(n));
        return grouped.mapPartitionsWithIndex((part, it) ->
                List.of(ExecutorCatalogs.get(at).writePart(ticket, part, tiles(it))).iterator(), false).collect();
    }

    /** The tiles keyed by their record index under the ticket's key index. */
    private static <K extends LayerKey> JavaPairRDD<Long, Tuple2<K, MultibandTile>> byIndex(WriteTicket<K> ticket,
            JavaPairRDD<K, MultibandTile> tiles) {
        return tiles.mapToPair(t -> new Tuple2<>(ticket.index(t._1()), t));
    }

    /** A partition's tiles, keyed by index, as the catalog takes them. */
    private static <K extends LayerKey> Stream<KeyedTile<K>> tiles(Iterator<Tuple2<Long, Tuple2<K, MultibandTile>>> it) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, 0), false)
                .map(t -> new KeyedTile<>(t._2()._1(), t._2()._2()));
    }
}
