package io.tessera.catalog;

import io.tessera.catalog.index.HilbertSpaceTimeKeyIndex;
import io.tessera.catalog.index.HilbertSpatialKeyIndex;
import io.tessera.catalog.index.KeyIndex;
import io.tessera.catalog.index.RowMajorSpatialKeyIndex;
import io.tessera.catalog.index.ZSpaceTimeKeyIndex;
import io.tessera.catalog.index.ZSpatialKeyIndex;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;

/** Builds the key index a write asks for over a layer's key bounds, as GeoTrellis's key index methods do. */
final class KeyIndexes {

    private KeyIndexes() {
    }

    /**
     * The index for a layer with {@code layerBounds}: over those bounds, or over the options' wider
     * index bounds.
     *
     * @throws IllegalArgumentException for row-major on space-time keys, which GeoTrellis has no
     *     index for, or index bounds of the other key type or not holding the layer's bounds
     */
    @SuppressWarnings("unchecked")
    static <K extends LayerKey> KeyIndex<K> create(KeyBounds<K> layerBounds, WriteOptions options) {
        KeyBounds<K> bounds = layerBounds;
        if (options.indexBounds().isPresent()) {
            KeyBounds<?> wide = options.indexBounds().get();
            if (wide.minKey().getClass() != layerBounds.minKey().getClass()
                    || !((KeyBounds<K>) wide).contains(layerBounds)) {
                throw new IllegalArgumentException("index bounds " + wide + " must be of the layer's key type and hold"
                        + " the layer's bounds " + layerBounds);
            }
            bounds = (KeyBounds<K>) wide;
        }
        if (bounds.minKey() instanceof SpatialKey) {
            KeyBounds<SpatialKey> b = (KeyBounds<SpatialKey>) bounds;
            switch (options.indexMethod()) {
                case ZORDER:
                    return (KeyIndex<K>) new ZSpatialKeyIndex(b);
                case HILBERT:
                    return (KeyIndex<K>) HilbertSpatialKeyIndex.of(b);
                default:
                    return (KeyIndex<K>) new RowMajorSpatialKeyIndex(b);
            }
        }
        KeyBounds<SpaceTimeKey> b = (KeyBounds<SpaceTimeKey>) bounds;
        if (options.indexMethod() == IndexMethod.ROWMAJOR) {
            throw new IllegalArgumentException("the rowmajor index is for spatial layers only; use zorder or hilbert"
                    + " for a space-time layer");
        }
        if (options.indexMethod() == IndexMethod.HILBERT) {
            return (KeyIndex<K>) HilbertSpaceTimeKeyIndex.of(b, options.hilbertTimeBits());
        }
        return (KeyIndex<K>) ZSpaceTimeKeyIndex.of(b, options.timeUnit(), options.timeCount());
    }
}
