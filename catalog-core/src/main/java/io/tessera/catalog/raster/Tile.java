package io.tessera.catalog.raster;

import java.io.Serializable;

/**
 * One band of {@code cols × rows} cells of a single {@link CellType}, read with GeoTrellis's
 * NoData conventions.
 *
 * <p>Cell {@code i} is at {@code col = i % cols}, {@code row = i / cols}; row 0 is the north edge.
 * Integer reads give {@link #NODATA} for NoData cells, read uint8/uint16 cells unsigned and
 * truncate floating-point cells toward zero; double reads give NaN for NoData cells.
 *
 * <p>Tiles and keys are {@link Serializable}, so that they travel between a Spark driver and its
 * executors (or any Java-serialising framework) as they are.
 */
public interface Tile extends Serializable {

    /** The integer GeoTrellis uses for NoData in integer reads ({@code Int.MinValue}). */
    int NODATA = Integer.MIN_VALUE;

    int cols();

    int rows();

    CellType cellType();

    /** The number of cells, {@code cols × rows}. */
    default int size() {
        return cols() * rows();
    }

    /** The cell as an int: {@link #NODATA} for NoData and NaN, unsigned for uint8/uint16, floats truncated. */
    int getInt(int i);

    /** The cell as a double: NaN for NoData. */
    double getDouble(int i);

    /** True when the cell holds NoData (for floating-point types also when it is NaN). */
    boolean isNoData(int i);

    /**
     * The value the cell stores, as its native-width bit pattern zero-extended to a long: the byte of
     * an int8/uint8 cell, the 16 bits of an int16/uint16 cell, the 32 bits of an int32 or the IEEE
     * bits of a float32 cell (NaN payload kept), the IEEE bits of a float64 cell, 0 or 1 for bool.
     * NoData cells give the stored NoData value; this is what checksums and codecs work on.
     */
    long rawBits(int i);

    /** {@link #getInt(int)} at a column and row. */
    default int getInt(int col, int row) {
        return getInt(index(col, row));
    }

    /** {@link #getDouble(int)} at a column and row. */
    default double getDouble(int col, int row) {
        return getDouble(index(col, row));
    }

    /** {@link #isNoData(int)} at a column and row. */
    default boolean isNoData(int col, int row) {
        return isNoData(index(col, row));
    }

    /** The cell index of a column and row, checked against the tile's dimensions. */
    default int index(int col, int row) {
        if (col < 0 || col >= cols() || row < 0 || row >= rows()) {
            throw new IndexOutOfBoundsException(
                    "cell (" + col + "," + row + ") is outside a " + cols() + "x" + rows() + " tile");
        }
        return row * cols() + col;
    }
}
