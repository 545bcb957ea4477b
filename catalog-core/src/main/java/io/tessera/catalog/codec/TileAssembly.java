package io.tessera.catalog.codec;

import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.BitArrayTile;
import io.tessera.catalog.raster.ByteArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.CellType.DataType;
import io.tessera.catalog.raster.DoubleArrayTile;
import io.tessera.catalog.raster.FloatArrayTile;
import io.tessera.catalog.raster.IntArrayTile;
import io.tessera.catalog.raster.ShortArrayTile;
import io.tessera.catalog.raster.Tile;
import io.tessera.catalog.raster.UByteArrayTile;
import io.tessera.catalog.raster.UShortArrayTile;

/**
 * Turns the decoded fields of a tile record into a tile, the same way for the fast binary path and
 * for the generic Avro path, and back: the record-level rules of GeoTrellis's tile codecs.
 */
final class TileAssembly {

    private TileAssembly() {
    }

    /**
     * The cell type a record's {@code noDataValue} field stands for: null, an Integer, a Boolean, a
     * Float or a Double as Avro decodes that field's union. Bit records have no such field and pass null.
     */
    static CellType cellType(TileBranch branch, Object noDataValue) {
        if (!branch.hasNoDataField()) {
            return CellType.BOOL;
        }
        if (branch.floatingNoData()) {
            if (noDataValue instanceof Boolean flag) {
                return branch.flagCellType(flag);
            }
            if (noDataValue instanceof Number n) {
                return branch.userCellType(n.doubleValue());
            }
            throw new IllegalArgumentException("noDataValue " + noDataValue + " is neither a boolean nor a number");
        }
        if (noDataValue != null && !(noDataValue instanceof Integer)) {
            throw new IllegalArgumentException("noDataValue " + noDataValue + " is not an int");
        }
        return branch.intCellType((Integer) noDataValue);
    }

    /** The {@code noDataValue} field value that encodes the cell type, as {@link #cellType} reads it. */
    static Object noDataValue(CellType cellType) {
        if (!cellType.isFloatingPoint()) {
            return TileBranch.intNoData(cellType);
        }
        return switch (cellType.noData()) {
            case NONE -> Boolean.FALSE;
            case DEFAULT -> Boolean.TRUE;
            case USER -> cellType.dataType() == DataType.FLOAT32
                    ? (Object) (float) cellType.noDataValue() : (Object) cellType.noDataValue();
        };
    }

    /** An array tile over a decoded cell array of the type's Java element type (bytes for bit, int8, uint8). */
    static ArrayTile array(CellType cellType, int cols, int rows, Object cells) {
        return switch (cellType.dataType()) {
            case BOOL -> new BitArrayTile((byte[]) cells, cols, rows);
            case INT8 -> new ByteArrayTile((byte[]) cells, cols, rows, cellType);
            case UINT8 -> new UByteArrayTile((byte[]) cells, cols, rows, cellType);
            case INT16 -> new ShortArrayTile((short[]) cells, cols, rows, cellType);
            case UINT16 -> new UShortArrayTile((short[]) cells, cols, rows, cellType);
            case INT32 -> new IntArrayTile((int[]) cells, cols, rows, cellType);
            case FLOAT32 -> new FloatArrayTile((float[]) cells, cols, rows, cellType);
            case FLOAT64 -> new DoubleArrayTile((double[]) cells, cols, rows, cellType);
        };
    }

    /**
     * The stored bits of a constant record's {@code cell}: an Integer (byte and short values are
     * written signed), Float, Double or Boolean.
     */
    static long constantBits(DataType type, Object cell) {
        return switch (type) {
            case BOOL -> ((Boolean) cell) ? 1 : 0;
            case FLOAT32 -> Float.floatToRawIntBits((Float) cell) & 0xFFFFFFFFL;
            case FLOAT64 -> Double.doubleToRawLongBits((Double) cell);
            default -> (Integer) cell;
        };
    }

    /** The {@code cell} value of a constant record holding {@code bits}, as {@link #constantBits} reads it. */
    static Object constantCell(DataType type, long bits) {
        return switch (type) {
            case BOOL -> bits != 0;
            case INT8, UINT8 -> (int) (byte) bits;
            case INT16, UINT16 -> (int) (short) bits;
            case INT32 -> (int) bits;
            case FLOAT32 -> Float.intBitsToFloat((int) bits);
            case FLOAT64 -> Double.longBitsToDouble(bits);
        };
    }

    /**
     * The logical tile of a {@code PaddedTile} record: {@code cols × rows} cells of the chunk's cell
     * type, NoData (0 for types without NoData) except where the chunk is placed.
     *
     * @throws IllegalArgumentException if the chunk does not fit at the offsets
     */
    static ArrayTile padded(Tile chunk, int colOffset, int rowOffset, int cols, int rows) {
        if (colOffset < 0 || rowOffset < 0 || (long) colOffset + chunk.cols() > cols
                || (long) rowOffset + chunk.rows() > rows) {
            throw new IllegalArgumentException("a " + chunk.cols() + "x" + chunk.rows() + " chunk at offset ("
                    + colOffset + "," + rowOffset + ") does not fit in a " + cols + "x" + rows + " padded tile");
        }
        ArrayTile tile = ArrayTile.empty(chunk.cellType(), cols, rows);
        for (int r = 0; r < chunk.rows(); r++) {
            int from = r * chunk.cols();
            int to = (r + rowOffset) * cols + colOffset;
            for (int c = 0; c < chunk.cols(); c++) {
                tile.setRawBits(to + c, chunk.rawBits(from + c));
            }
        }
        return tile;
    }
}
