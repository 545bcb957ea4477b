package io.tessera.catalog.raster;

/**
 * Unsigned 8-bit cells ({@code uint8}, {@code uint8raw}, {@code uint8ud<N>}) stored in a {@code byte[]} and read as 0..255.
 *
 * <p>A view over the caller's array; see {@link ArrayTile} on mutability.
 */
public final class UByteArrayTile extends IntegralArrayTile {

    private final byte[] cells;

    /**
     * Wraps {@code cells} (length {@code cols × rows}, not copied).
     *
     * @throws IllegalArgumentException if the length or the cell type's data type does not fit
     */
    public UByteArrayTile(byte[] cells, int cols, int rows, CellType cellType) {
        super(cellType, CellType.DataType.UINT8, cols, rows, cells.length);
        this.cells = cells;
    }

    @Override
    public byte[] array() {
        return cells;
    }

    @Override
    int value(int i) {
        return cells[i] & 0xFF;
    }

    @Override
    void store(int i, int value) {
        cells[i] = (byte) value;
    }

    @Override
    public long rawBits(int i) {
        return cells[i] & 0xFFL;
    }

    @Override
    public void setRawBits(int i, long bits) {
        cells[i] = (byte) bits;
    }
}
