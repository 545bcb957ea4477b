package io.tessera.catalog.layout;

/** The width and height of one cell in map units. */
public record CellSize(double width, double height) {

    public CellSize {
        if (!(width > 0) || !(height > 0) || Double.isInfinite(width) || Double.isInfinite(height)) {
            throw new IllegalArgumentException("cell size must be positive and finite, got " + width + " x " + height);
        }
    }
}
