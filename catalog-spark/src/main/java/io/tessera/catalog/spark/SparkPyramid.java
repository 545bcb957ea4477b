package io.tessera.catalog.spark;

import io.tessera.catalog.ingest.Pyramid;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.warp.ResampleMethod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The coarser zoom levels of an RDD layer, built on the cluster: each parent tile is resampled from
 * the 2 × 2 tiles under it with the same code, and so the same result, as the single-JVM
 * {@link Pyramid} (GeoTrellis's {@code Pyramid.upLevels}). Write them with
 * {@link SparkCatalog#writePyramid}, which makes them one unit.
 */
public final class SparkPyramid {

    private SparkPyramid() {
    }

    /**
     * The levels from {@code base} (first) down to {@code minZoom} (last). Each coarser level is an
     * RDD grouped from the one below, kept at {@code MEMORY_AND_DISK_SER} so that writing the levels
     * one after the other computes each once; {@code unpersist} them when done.
     *
     * @throws IllegalArgumentException when {@code base} is not laid out as its zoom of {@code scheme},
     *     or {@code minZoom} is not in 0..zoom
     */
    public static <K extends LayerKey> List<SparkLayer<K>> levels(SparkLayer<K> base, ZoomedLayoutScheme scheme,
            ResampleMethod method, int minZoom) {
        int top = base.zoom();
        Pyramid.requireBase(base.metadata().layout(), top, scheme, minZoom);
        List<SparkLayer<K>> levels = new ArrayList<>();
        levels.add(base);
        SparkLayer<K> finer = base;
        for (int z = top - 1; z >= minZoom; z--) {
            TileLayerMetadata<K> md = Pyramid.coarser(finer.metadata(), scheme.levelForZoom(z).layout());
            int partitions = Math.max(1, finer.tiles().getNumPartitions());
            JavaPairRDD<K, MultibandTile> tiles = finer.tiles()
                    .mapToPair(t -> new Tuple2<>(Pyramid.parentKey(t._1()), new KeyedTile<>(t._1(), t._2())))
                    .groupByKey(partitions)
                    .flatMapToPair(family -> {
                        List<KeyedTile<K>> children = new ArrayList<>();
                        family._2().forEach(children::add);
                        Optional<KeyedTile<K>> parent = Pyramid.parentTile(md, family._1(), children, method);
                        return parent.map(p -> List.of(new Tuple2<>(p.key(), p.tile())).iterator())
                                .orElse(Collections.emptyIterator());
                    })
                    .persist(StorageLevel.MEMORY_AND_DISK_SER());
            finer = new SparkLayer<>(base.keyType(), md, z, tiles);
            levels.add(finer);
        }
        return levels;
    }
}
