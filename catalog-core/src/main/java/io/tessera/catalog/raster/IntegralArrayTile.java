package io.tessera.catalog.raster;

/**
 * The NoData handling shared by the integer array tiles: a cell is NoData when its value, read
 * with the type's signedness, equals the cell type's NoData value.
 */
abstract class IntegralArrayTile extends ArrayTile {

    /** The NoData value in the type's value range; only meaningful when {@link #hasNoData}. */
    final int noData;
    final boolean hasNoData;

    IntegralArrayTile(CellType cellType, CellType.DataType expected, int cols, int rows, int arrayLength) {
        super(cellType, expected, cols, rows, arrayLength);
        this.hasNoData = cellType.hasNoData();
        this.noData = (int) cellType.noDataValue();
    }

    /** The stored value with the type's signedness (unsigned for uint8/uint16). */
    abstract int value(int i);

    /** Stores a value of the type's range; wider values are narrowed. */
    abstract void store(int i, int value);

    @Override
    public final boolean isNoData(int i) {
        return hasNoData && value(i) == noData;
    }

    @Override
    public final int getInt(int i) {
        int v = value(i);
        return hasNoData && v == noData ? NODATA : v;
    }

    @Override
    public final double getDouble(int i) {
        int v = value(i);
        return hasNoData && v == noData ? Double.NaN : v;
    }

    @Override
    public final void setInt(int i, int value) {
        store(i, value == NODATA && hasNoData ? noData : value);
    }

    @Override
    public final void setDouble(int i, double value) {
        store(i, Double.isNaN(value) && hasNoData ? noData : (int) value);
    }

    @Override
    final void fillNoData() {
        for (int i = 0, n = size(); i < n; i++) {
            store(i, noData);
        }
    }
}
