package io.tessera.catalog.raster;

import java.util.Objects;

/**
 * A tile whose cells live in a primitive array of the cell type's native width.
 *
 * <p>Array tiles are views: constructors take the caller's array without copying and
 * {@link #array()} hands the same array back, so decoding and encoding never copy cells. The
 * setters exist for code that builds a tile (decoders, resamplers); once a tile is handed to other
 * code it should be treated as immutable, and it is not safe to mutate from several threads.
 */
public abstract class ArrayTile implements Tile {

    private final int cols;
    private final int rows;
    private final CellType cellType;

    ArrayTile(CellType cellType, CellType.DataType expected, int cols, int rows, int arrayLength) {
        this.cellType = Objects.requireNonNull(cellType, "cellType");
        if (cellType.dataType() != expected) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " holds " + expected.prefix()
                    + " cells, not " + cellType.name());
        }
        int size = checkedSize(cols, rows);
        int needed = expected == CellType.DataType.BOOL ? (size + 7) / 8 : size;
        if (arrayLength != needed) {
            throw new IllegalArgumentException("a " + cols + "x" + rows + " " + cellType.name() + " tile needs "
                    + needed + " array elements, got " + arrayLength);
        }
        this.cols = cols;
        this.rows = rows;
    }

    /**
     * {@code cols × rows}, checked to be non-negative and to fit an int.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static int checkedSize(int cols, int rows) {
        if (cols < 0 || rows < 0) {
            throw new IllegalArgumentException("tile dimensions must not be negative: " + cols + "x" + rows);
        }
        long size = (long) cols * rows;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tile of " + cols + "x" + rows + " cells is too large for one array");
        }
        return (int) size;
    }

    /** A {@code cols × rows} tile of the cell type with every cell NoData (0 for types without NoData). */
    public static ArrayTile empty(CellType cellType, int cols, int rows) {
        int n = checkedSize(cols, rows);
        ArrayTile tile = switch (cellType.dataType()) {
            case BOOL -> new BitArrayTile(new byte[(n + 7) / 8], cols, rows);
            case INT8 -> new ByteArrayTile(new byte[n], cols, rows, cellType);
            case UINT8 -> new UByteArrayTile(new byte[n], cols, rows, cellType);
            case INT16 -> new ShortArrayTile(new short[n], cols, rows, cellType);
            case UINT16 -> new UShortArrayTile(new short[n], cols, rows, cellType);
            case INT32 -> new IntArrayTile(new int[n], cols, rows, cellType);
            case FLOAT32 -> new FloatArrayTile(new float[n], cols, rows, cellType);
            case FLOAT64 -> new DoubleArrayTile(new double[n], cols, rows, cellType);
        };
        if (cellType.hasNoData()) {
            tile.fillNoData();
        }
        return tile;
    }

    /** A new array tile with the same cell type and stored values as {@code tile}. */
    public static ArrayTile copyOf(Tile tile) {
        ArrayTile copy = empty(tile.cellType(), tile.cols(), tile.rows());
        for (int i = 0, n = tile.size(); i < n; i++) {
            copy.setRawBits(i, tile.rawBits(i));
        }
        return copy;
    }

    @Override
    public final int cols() {
        return cols;
    }

    @Override
    public final int rows() {
        return rows;
    }

    @Override
    public final CellType cellType() {
        return cellType;
    }

    /** The backing array itself (not a copy): {@code byte[]}, {@code short[]}, ... as the subclass says. */
    public abstract Object array();

    /** Stores an int with {@link #getInt(int)}'s conventions: {@link #NODATA} stores the NoData value. */
    public abstract void setInt(int i, int value);

    /** Stores a double with {@link #getDouble(int)}'s conventions: NaN stores the NoData value. */
    public abstract void setDouble(int i, double value);

    /** {@link #setInt(int, int)} at a column and row. */
    public final void setInt(int col, int row, int value) {
        setInt(index(col, row), value);
    }

    /** {@link #setDouble(int, double)} at a column and row. */
    public final void setDouble(int col, int row, double value) {
        setDouble(index(col, row), value);
    }

    /** Stores a native-width bit pattern as {@link #rawBits(int)} returns it. */
    public abstract void setRawBits(int i, long bits);

    /**
     * Copies a {@code width × height} block of {@code src} starting at ({@code srcCol}, {@code srcRow})
     * into this tile at ({@code dstCol}, {@code dstRow}). With {@code skipNoData}, NoData cells of
     * {@code src} leave this tile's cells as they are, which is how mosaics paint one input over
     * another. Blocks of the same cell type copy stored values; others convert through
     * {@link #getDouble}/{@link #setDouble} (floating-point destinations) or {@link #getInt}/{@link #setInt}.
     *
     * @throws IndexOutOfBoundsException when a block falls outside either tile
     */
    public final void paste(Tile src, int srcCol, int srcRow, int dstCol, int dstRow, int width, int height,
            boolean skipNoData) {
        if (width < 0 || height < 0 || srcCol < 0 || srcRow < 0 || dstCol < 0 || dstRow < 0
                || srcCol + width > src.cols() || srcRow + height > src.rows()
                || dstCol + width > cols || dstRow + height > rows) {
            throw new IndexOutOfBoundsException("block " + width + "x" + height + " from (" + srcCol + "," + srcRow
                    + ") of a " + src.cols() + "x" + src.rows() + " tile to (" + dstCol + "," + dstRow + ") of a "
                    + cols + "x" + rows + " tile");
        }
        boolean sameType = src.cellType().equals(cellType);
        if (sameType && !skipNoData && src instanceof ArrayTile a && cellType.dataType() != CellType.DataType.BOOL) {
            for (int r = 0; r < height; r++) {
                System.arraycopy(a.array(), (srcRow + r) * src.cols() + srcCol, array(), (dstRow + r) * cols + dstCol,
                        width);
            }
            return;
        }
        boolean floating = cellType.isFloatingPoint();
        for (int r = 0; r < height; r++) {
            int s = (srcRow + r) * src.cols() + srcCol;
            int d = (dstRow + r) * cols + dstCol;
            for (int c = 0; c < width; c++, s++, d++) {
                if (skipNoData && src.isNoData(s)) {
                    continue;
                }
                if (sameType) {
                    setRawBits(d, src.rawBits(s));
                } else if (floating) {
                    setDouble(d, src.getDouble(s));
                } else {
                    setInt(d, src.getInt(s));
                }
            }
        }
    }

    /** Sets every cell to NoData; only called for cell types that have NoData. */
    abstract void fillNoData();

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + cols + "x" + rows + ", " + cellType + ")";
    }
}
