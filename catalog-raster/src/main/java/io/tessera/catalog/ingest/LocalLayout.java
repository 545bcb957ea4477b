package io.tessera.catalog.ingest;

/**
 * A floating layout (GeoTrellis's {@code FloatingLayoutScheme}, GeoPySpark's {@code LocalLayout}):
 * tiles anchored at the top-left corner of the inputs' combined extent, at their finest resolution,
 * padded right and down to whole tiles. Layers in it have no zoom (they are written at zoom 0) and
 * no pyramid.
 *
 * @param tileCols columns of one tile
 * @param tileRows rows of one tile
 */
public record LocalLayout(int tileCols, int tileRows) implements TargetLayout {

    public LocalLayout {
        if (tileCols <= 0 || tileRows <= 0) {
            throw new IllegalArgumentException("tile size must be positive, got " + tileCols + "x" + tileRows);
        }
    }

    /** Square tiles of {@code tileSize}. */
    public static LocalLayout of(int tileSize) {
        return new LocalLayout(tileSize, tileSize);
    }
}
