package io.tessera.catalog.raster;

import java.util.Arrays;

/**
 * IEEE 32-bit float cells ({@code float32}, {@code float32raw}, {@code float32ud<F>}).
 *
 * <p>NaN cells always read as NoData, as in GeoTrellis, whose double reads cannot tell them apart;
 * with a user NoData value, cells equal to it are NoData as well. A view over the caller's array;
 * see {@link ArrayTile} on mutability.
 */
public final class FloatArrayTile extends ArrayTile {

    private final float[] cells;
    private final boolean userNoData;
    private final float noData;

    /**
     * Wraps {@code cells} (length {@code cols × rows}, not copied).
     *
     * @throws IllegalArgumentException if the length or the cell type's data type does not fit
     */
    public FloatArrayTile(float[] cells, int cols, int rows, CellType cellType) {
        super(cellType, CellType.DataType.FLOAT32, cols, rows, cells.length);
        this.cells = cells;
        this.userNoData = cellType.noData() == CellType.NoData.USER;
        this.noData = userNoData ? (float) cellType.noDataValue() : Float.NaN;
    }

    @Override
    public float[] array() {
        return cells;
    }

    @Override
    public boolean isNoData(int i) {
        float f = cells[i];
        return f != f || (userNoData && f == noData);
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
        return Float.floatToRawIntBits(cells[i]) & 0xFFFFFFFFL;
    }

    @Override
    public void setInt(int i, int value) {
        cells[i] = value == NODATA && cellType().hasNoData() ? noData : value;
    }

    @Override
    public void setDouble(int i, double value) {
        cells[i] = Double.isNaN(value) ? noData : (float) value;
    }

    @Override
    public void setRawBits(int i, long bits) {
        cells[i] = Float.intBitsToFloat((int) bits);
    }

    @Override
    void fillNoData() {
        Arrays.fill(cells, noData);
    }
}
