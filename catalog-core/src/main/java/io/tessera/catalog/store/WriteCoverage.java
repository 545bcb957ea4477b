package io.tessera.catalog.store;

import io.tessera.catalog.format.RecordInventory;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerKey;
import java.util.Optional;

/**
 * What the tiles of a write cover, found while checking them: the bounds of their keys and the
 * indexes of the records they go to.
 *
 * @param bounds the bounds of the keys, empty when there were no tiles
 * @param indexes the indexes of the records they go to
 * @param <K> the layer's key type
 */
public record WriteCoverage<K extends LayerKey>(Optional<KeyBounds<K>> bounds, RecordInventory indexes) {
}
