package io.tessera.catalog.raster;

import java.util.Arrays;

/**
 * IEEE 64-bit float cells ({@code float64}, {@code float64raw}, {@code float64ud<F>}).
 *
 * <p>NaN cells always read as NoData, as in GeoTrellis, whose double reads cannot tell them apart;
 * with a user NoData value, cells equal to it are NoData as well. A view over the caller's array;
 * see {@link ArrayTile} on mutability.
 */
public final class DoubleArrayTile extends ArrayTile {

    private final double[] cells;
    private final boolean userNoData;
    private final double noData;

    /**
     * Wraps {@code cells} (length {@code cols × rows}, not copied).
     *
     * @throws IllegalArgumentException if the length or the cell type's data type does not fit
     */
    public DoubleArrayTile(double[] cells, int cols, int rows, CellType cellType) {
        super(cellType, CellType.DataType.FLOAT64, cols, rows, cells.length);
        this.cells = cells;
        this.userNoData = cellType.noData() == CellType.NoData.USER;
        this.noData = userNoData ? cellType.noDataValue() : Double.NaN;
    }

    @Override
    public double[] array() {
        return cells;
    }

    @Override
    public boolean isNoData(int i) {
        double d = cells[i];
        return d != d || (userNoData && d == noData);
    }

    @Override
    public double getDouble(int i) {
        return isNoData(i) ? Double.NaN : cells[i];
    }

    @Override
    public int getInt(int i) {
        return isNoData(i) ? NODATA : (int) cells[i];
    }

    @Override
    public long rawBits(int i) {
        return Double.doubleToRawLongBits(cells[i]);
    }

    @Override
    public void setInt(int i, int value) {
        cells[i] = value == NODATA && cellType().hasNoData() ? noData : value;
    }

    @Override
    public void setDouble(int i, double value) {
        cells[i] = Double.isNaN(value) ? noData : value;
    }

    @Override
    public void setRawBits(int i, long bits) {
        cells[i] = Double.longBitsToDouble(bits);
    }

    @Override
    void fillNoData() {
        Arrays.fill(cells, noData);
    }
}
