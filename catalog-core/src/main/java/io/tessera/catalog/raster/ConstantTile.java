package io.tessera.catalog.raster;

import java.util.Objects;

/**
 * A tile whose cells all hold one value, of any cell type; GeoTrellis stores these as its
 * {@code *ConstantTile} records, and decoding keeps them in this form instead of expanding them.
 * Immutable.
 */
public final class ConstantTile implements Tile {

    private final int cols;
    private final int rows;
    /** One cell holding the value, so that reads follow exactly the array tiles' NoData rules. */
    private final ArrayTile cell;

    private ConstantTile(ArrayTile cell, int cols, int rows) {
        ArrayTile.checkedSize(cols, rows);
        this.cols = cols;
        this.rows = rows;
        this.cell = cell;
    }

    /**
     * A tile of {@code value} in every cell, the value given as {@link #getDouble(int)} would read it
     * (NaN means NoData).
     */
    public static ConstantTile of(CellType cellType, int cols, int rows, double value) {
        ArrayTile cell = ArrayTile.empty(Objects.requireNonNull(cellType, "cellType"), 1, 1);
        cell.setDouble(0, value);
        return new ConstantTile(cell, cols, rows);
    }

    /** A tile whose every cell stores the native-width bit pattern {@code bits} (see {@link #rawBits(int)}). */
    public static ConstantTile ofRawBits(CellType cellType, int cols, int rows, long bits) {
        ArrayTile cell = ArrayTile.empty(Objects.requireNonNull(cellType, "cellType"), 1, 1);
        cell.setRawBits(0, bits);
        return new ConstantTile(cell, cols, rows);
    }

    /** The value of every cell as a double (NaN when it is NoData). */
    public double value() {
        return cell.getDouble(0);
    }

    /** The stored bit pattern of every cell, as {@link #rawBits(int)}. */
    public long rawBits() {
        return cell.rawBits(0);
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public CellType cellType() {
        return cell.cellType();
    }

    @Override
    public int getInt(int i) {
        return cell.getInt(check(i));
    }

    @Override
    public double getDouble(int i) {
        return cell.getDouble(check(i));
    }

    @Override
    public boolean isNoData(int i) {
        return cell.isNoData(check(i));
    }

    @Override
    public long rawBits(int i) {
        return cell.rawBits(check(i));
    }

    /** Index 0 of the one-cell tile, after checking {@code i} is a cell of this tile. */
    private int check(int i) {
        Objects.checkIndex(i, size());
        return 0;
    }

    @Override
    public String toString() {
        return "ConstantTile(" + cols + "x" + rows + ", " + cellType() + ", " + value() + ")";
    }
}
