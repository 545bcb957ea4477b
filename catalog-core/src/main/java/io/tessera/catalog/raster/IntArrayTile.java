package io.tessera.catalog.raster;

/**
 * Signed 32-bit cells ({@code int32}, {@code int32raw}, {@code int32ud<N>}).
 *
 * <p>A view over the caller's array; see {@link ArrayTile} on mutability.
 */
public final class IntArrayTile extends IntegralArrayTile {

    private final int[] cells;

    /**
     * Wraps {@code cells} (length {@code cols × rows}, not copied).
     *
     * @throws IllegalArgumentException if the length or the cell type's data type does not fit
     */
    public IntArrayTile(int[] cells, int cols, int rows, CellType cellType) {
        super(cellType, CellType.DataType.INT32, cols, rows, cells.length);
        this.cells = cells;
    }

    @Override
    public int[] array() {
        return cells;
    }

    @Override
    int value(int i) {
        return cells[i];
    }

    @Override
    void store(int i, int value) {
        cells[i] = (int) value;
    }

    @Override
    public long rawBits(int i) {
        return cells[i] & 0xFFFFFFFFL;
    }

    @Override
    public void setRawBits(int i, long bits) {
        cells[i] = (int) bits;
    }
}
