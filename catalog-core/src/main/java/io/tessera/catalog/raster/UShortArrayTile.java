package io.tessera.catalog.raster;

/**
 * Unsigned 16-bit cells ({@code uint16}, {@code uint16raw}, {@code uint16ud<N>}) stored in a {@code short[]} and read as 0..65535.
 *
 * <p>A view over the caller's array; see {@link ArrayTile} on mutability.
 */
public final class UShortArrayTile extends IntegralArrayTile {

    private final short[] cells;

    /**
     * Wraps {@code cells} (length {@code cols × rows}, not copied).
     *
     * @throws IllegalArgumentException if the length or the cell type's data type does not fit
     */
    public UShortArrayTile(short[] cells, int cols, int rows, CellType cellType) {
        super(cellType, CellType.DataType.UINT16, cols, rows, cells.length);
        this.cells = cells;
    }

    @Override
    public short[] array() {
        return cells;
    }

    @Override
    int value(int i) {
        return cells[i] & 0xFFFF;
    }

    @Override
    void store(int i, int value) {
        cells[i] = (short) value;
    }

    @Override
    public long rawBits(int i) {
        return cells[i] & 0xFFFFL;
    }

    @Override
    public void setRawBits(int i, long bits) {
        cells[i] = (short) bits;
    }
}
