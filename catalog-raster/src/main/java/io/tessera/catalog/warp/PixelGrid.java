package io.tessera.catalog.warp;

import io.tessera.catalog.layout.CellSize;
import io.tessera.catalog.model.Extent;
import java.util.Objects;

/**
 * A north-up grid of {@code cols × rows} equal pixels covering {@code extent}: pixel (0, 0) is the
 * north-west one.
 *
 * <p>Pixel coordinates are continuous, as in GDAL: column 0.0 is the west edge of the grid, column
 * 0.5 the centre of the first pixel, column {@code cols} the east edge; rows count down from the
 * north edge.
 */
public record PixelGrid(Extent extent, int cols, int rows) {

    public PixelGrid {
        Objects.requireNonNull(extent, "extent");
        if (cols <= 0 || rows <= 0) {
            throw new IllegalArgumentException("a pixel grid needs at least one column and row, got " + cols + "x" + rows);
        }
        if (!(extent.width() > 0) || !(extent.height() > 0)) {
            throw new IllegalArgumentException("a pixel grid needs an extent of positive width and height, got " + extent);
        }
    }

    /** Width and height of one pixel in map units. */
    public CellSize cellSize() {
        return new CellSize(cellWidth(), cellHeight());
    }

    /** Width of one pixel in map units. */
    public double cellWidth() {
        return extent.width() / cols;
    }

    /** Height of one pixel in map units. */
    public double cellHeight() {
        return extent.height() / rows;
    }

    /** The map x of a (fractional) pixel column. */
    public double x(double col) {
        return extent.xmin() + col * cellWidth();
    }

    /** The map y of a (fractional) pixel row. */
    public double y(double row) {
        return extent.ymax() + row * -cellHeight();
    }

    /** The fractional pixel column of a map x (the inverse of {@link #x(double)}). */
    public double col(double x) {
        double w = cellWidth();
        // Inverse geotransform as GDAL forms it, so that boundary cases round the same way.
        return -extent.xmin() / w + x * (1.0 / w);
    }

    /** The fractional pixel row of a map y (the inverse of {@link #y(double)}). */
    public double row(double y) {
        double h = -cellHeight();
        return -extent.ymax() / h + y * (1.0 / h);
    }
}
