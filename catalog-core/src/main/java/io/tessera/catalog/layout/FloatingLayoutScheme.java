package io.tessera.catalog.layout;

import io.tessera.catalog.model.Extent;

/**
 * A single-level layout in the data's own CRS and resolution, anchored at the data's top-left
 * corner: GeoTrellis's {@code FloatingLayoutScheme} (GeoPySpark's {@code LocalLayout}). Its level
 * is always zoom 0.
 */
public record FloatingLayoutScheme(int tileCols, int tileRows) implements LayoutScheme {

    public FloatingLayoutScheme {
        if (tileCols <= 0 || tileRows <= 0) {
            throw new IllegalArgumentException("tile size must be positive, got " + tileCols + " x " + tileRows);
        }
    }

    /** Square tiles of {@code tileSize} cells. */
    public FloatingLayoutScheme(int tileSize) {
        this(tileSize, tileSize);
    }

    @Override
    public LayoutLevel levelFor(Extent extent, CellSize cellSize) {
        return new LayoutLevel(0, LayoutDefinition.covering(extent, cellSize, tileCols, tileRows));
    }
}
