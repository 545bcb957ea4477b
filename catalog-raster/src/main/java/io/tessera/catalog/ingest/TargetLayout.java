package io.tessera.catalog.ingest;

import java.io.Serializable;

/**
 * The tile grid an ingest cuts its inputs into: a zoomed {@link GlobalLayout} shared by every layer
 * in the same CRS, or a {@link LocalLayout} anchored on the inputs themselves.
 */
public sealed interface TargetLayout extends Serializable permits GlobalLayout, LocalLayout {

    /** Columns of one tile. */
    int tileCols();

    /** Rows of one tile. */
    int tileRows();
}
