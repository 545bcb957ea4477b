package io.tessera.catalog.model;

import io.tessera.catalog.raster.MultibandTile;
import java.io.Serializable;
import java.util.Objects;

/**
 * One key of a layer with its tile, the unit a layer is read and written in; single-band layers
 * carry one-band tiles.
 *
 * @param <K> the layer's key type
 */
public record KeyedTile<K extends LayerKey>(K key, MultibandTile tile) implements Serializable {

    public KeyedTile {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(tile, "tile");
    }
}
