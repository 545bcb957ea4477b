package io.tessera.catalog.warp;

import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;

/**
 * The one window of source pixels a warp reads, unpacked into primitive arrays: every band as
 * doubles with NaN for NoData (what the interpolating kernels work on) and, for integer cell types,
 * also as ints so that nearest-neighbour copies values exactly.
 *
 * <p>Kernels address pixels in whole-image coordinates; the window holds every pixel they touch.
 */
final class SourceWindow {

    final int col0;
    final int row0;
    final int cols;
    final int rows;
    final int imageCols;
    final int imageRows;
    final double[][] values;
    final int[][] ints;
    /** True when some pixel of some band is NoData (or NaN), so kernels must check validity. */
    final boolean masked;

    SourceWindow(MultibandTile tile, int col0, int row0, int imageCols, int imageRows, CellType cellType) {
        this.col0 = col0;
        this.row0 = row0;
        this.cols = tile.cols();
        this.rows = tile.rows();
        this.imageCols = imageCols;
        this.imageRows = imageRows;
        int bands = tile.bandCount();
        int n = cols * rows;
        boolean integral = !cellType.isFloatingPoint();
        values = new double[bands][];
        ints = integral ? new int[bands][] : null;
        boolean anyInvalid = false;
        for (int b = 0; b < bands; b++) {
            Tile band = tile.band(b);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                double d = band.getDouble(i);
                v[i] = d;
                anyInvalid |= d != d;
            }
            values[b] = v;
            if (integral) {
                int[] iv = new int[n];
                for (int i = 0; i < n; i++) {
                    iv[i] = band.getInt(i);
                }
                ints[b] = iv;
            }
        }
        this.masked = anyInvalid;
    }

    /** The array index of image pixel (col, row), which must lie inside the window. */
    int index(int col, int row) {
        return (row - row0) * cols + (col - col0);
    }
}
