package io.tessera.catalog.query;

import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerKey;
import java.util.List;
import java.util.Objects;

/**
 * What a query selects in one layer: disjoint key bounds covering exactly the selected keys, and
 * the metadata of the result (bounds = their combination, extent clipped to it; empty bounds when
 * nothing is selected), as GeoTrellis returns with a query's result.
 *
 * @param keyBounds disjoint, inclusive bounds; empty when the query selects nothing
 * @param metadata the layer's metadata narrowed to the selection
 * @param <K> the layer's key type
 */
public record QueryPlan<K extends LayerKey>(List<KeyBounds<K>> keyBounds, TileLayerMetadata<K> metadata) {

    public QueryPlan {
        keyBounds = List.copyOf(keyBounds);
        Objects.requireNonNull(metadata, "metadata");
    }

    /** True when the query selects no key. */
    public boolean isEmpty() {
        return keyBounds.isEmpty();
    }

    /** True when {@code key} is selected; for many checks build a {@link KeySelection} once instead. */
    public boolean includes(K key) {
        return new KeySelection<>(keyBounds).includes(key);
    }
}
