package io.tessera.catalog.layout;

import io.tessera.catalog.model.Extent;

/** Chooses the layout a raster of a given extent and resolution is tiled to. */
public sealed interface LayoutScheme permits ZoomedLayoutScheme, FloatingLayoutScheme {

    /** The level for data covering {@code extent} at {@code cellSize}. */
    LayoutLevel levelFor(Extent extent, CellSize cellSize);
}
