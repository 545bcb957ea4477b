package io.tessera.catalog.model;

import java.io.Serializable;

/**
 * The key of one tile in a layer: a grid position, and for space-time layers an instant.
 *
 * <p>Sealed so that code dispatching on the key type (indexes, codecs, JSON) is checked for
 * completeness by the compiler.
 */
public sealed interface LayerKey extends Serializable permits SpatialKey, SpaceTimeKey {

    /** Tile column, 0 at the layout's west edge. */
    int col();

    /** Tile row, 0 at the layout's north edge. */
    int row();

    /** The spatial part of this key. */
    SpatialKey spatialKey();
}
