package io.tessera.catalog.spark;

import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.raster.MultibandTile;
import org.apache.spark.api.java.JavaPairRDD;

/**
 * A layer as a Spark RDD: keyed tiles with the layer's metadata, as GeoTrellis's
 * {@code MultibandTileLayerRDD} is — the form {@link SparkCatalog} reads and writes.
 *
 * @param <K> the key type
 * @param keyType the key type, for writes
 * @param metadata the layer's metadata (for a query: the query's bounds)
 * @param zoom the layer's zoom
 * @param tiles the tiles, keyed
 */
public record SparkLayer<K extends LayerKey>(KeyType keyType, TileLayerMetadata<K> metadata, int zoom,
        JavaPairRDD<K, MultibandTile> tiles) {
}
