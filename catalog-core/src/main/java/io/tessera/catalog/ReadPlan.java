package io.tessera.catalog;

import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.LayerKey;
import java.util.List;

/**
 * A read of a layer (or of a query of it) cut into splits that other processes read apart, as
 * {@link Catalog#planRead} made it: the metadata of what is read, and the splits in index order,
 * balanced by record count where the layer has a record inventory, else by index count.
 *
 * @param <K> the layer's key type
 * @param metadata the metadata of the tiles read (the query's bounds, as {@link Catalog#query} gives)
 * @param splits the pieces, none empty; none at all when the query selects nothing
 */
public record ReadPlan<K extends LayerKey>(TileLayerMetadata<K> metadata, List<ReadSplit<K>> splits) {

    public ReadPlan {
        splits = List.copyOf(splits);
    }
}
