package io.tessera.catalog.raster;

/**
 * One-bit cells ({@code bool}), packed eight to a byte with cell {@code i} in bit {@code i & 7} of
 * byte {@code i >> 3} (least significant bit first), exactly as GeoTrellis stores them. Bit cells
 * have no NoData and read as 0 or 1. A view over the caller's array; see {@link ArrayTile} on
 * mutability.
 */
public final class BitArrayTile extends ArrayTile {

    private final byte[] bits;

    /**
     * Wraps the packed {@code bits} (length {@code (cols × rows + 7) / 8}, not copied).
     *
     * @throws IllegalArgumentException if the length does not fit
     */
    public BitArrayTile(byte[] bits, int cols, int rows) {
        super(CellType.BOOL, CellType.DataType.BOOL, cols, rows, bits.length);
        this.bits = bits;
    }

    @Override
    public byte[] array() {
        return bits;
    }

    /** The cell as a boolean. */
    public boolean get(int i) {
        return ((bits[i >> 3] >> (i & 7)) & 1) != 0;
    }

    /** Sets or clears the cell. */
    public void set(int i, boolean value) {
        if (value) {
            bits[i >> 3] |= (byte) (1 << (i & 7));
        } else {
            bits[i >> 3] &= (byte) ~(1 << (i & 7));
        }
    }

    @Override
    public boolean isNoData(int i) {
        return false;
    }

    @Override
    public int getInt(int i) {
        return get(i) ? 1 : 0;
    }

    @Override
    public double getDouble(int i) {
        return getInt(i);
    }

    @Override
    public long rawBits(int i) {
        return getInt(i);
    }

    /** Stores the lowest bit of the value, as GeoTrellis does. */
    @Override
    public void setInt(int i, int value) {
        set(i, (value & 1) != 0);
    }

    @Override
    public void setDouble(int i, double value) {
        setInt(i, (int) value);
    }

    @Override
    public void setRawBits(int i, long bits) {
        set(i, (bits & 1) != 0);
    }

    @Override
    void fillNoData() {
        // bool has no NoData; empty() never calls this for it.
    }
}
