package io.tessera.catalog.codec;

import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.CellType.DataType;

/**
 * The 17 tile records of GeoTrellis's tile union, in union order: the ordinal is the branch index
 * written in the data. Holds what the fast and the generic paths both need to know per record.
 */
enum TileBranch {
    BYTE_ARRAY("ByteArrayTile", DataType.INT8, Kind.ARRAY, (int) Byte.MIN_VALUE),
    FLOAT_ARRAY("FloatArrayTile", DataType.FLOAT32, Kind.ARRAY, null),
    DOUBLE_ARRAY("DoubleArrayTile", DataType.FLOAT64, Kind.ARRAY, null),
    SHORT_ARRAY("ShortArrayTile", DataType.INT16, Kind.ARRAY, (int) Short.MIN_VALUE),
    INT_ARRAY("IntArrayTile", DataType.INT32, Kind.ARRAY, Integer.MIN_VALUE),
    BIT_ARRAY("BitArrayTile", DataType.BOOL, Kind.ARRAY, null),
    UBYTE_ARRAY("UByteArrayTile", DataType.UINT8, Kind.ARRAY, 0),
    USHORT_ARRAY("UShortArrayTile", DataType.UINT16, Kind.ARRAY, 0),
    BYTE_CONSTANT("ByteConstantTile", DataType.INT8, Kind.CONSTANT, (int) Byte.MIN_VALUE),
    FLOAT_CONSTANT("FloatConstantTile", DataType.FLOAT32, Kind.CONSTANT, null),
    DOUBLE_CONSTANT("DoubleConstantTile", DataType.FLOAT64, Kind.CONSTANT, null),
    // GeoTrellis declares 0, not -32768, as this record's schema default; only resolution sees it.
    SHORT_CONSTANT("ShortConstantTile", DataType.INT16, Kind.CONSTANT, 0),
    INT_CONSTANT("IntConstantTile", DataType.INT32, Kind.CONSTANT, Integer.MIN_VALUE),
    BIT_CONSTANT("BitConstantTile", DataType.BOOL, Kind.CONSTANT, null),
    UBYTE_CONSTANT("UByteConstantTile", DataType.UINT8, Kind.CONSTANT, 0),
    USHORT_CONSTANT("UShortConstantTile", DataType.UINT16, Kind.CONSTANT, 0),
    PADDED("PaddedTile", null, Kind.PADDED, null);

    /** The shape of a tile record. */
    enum Kind { ARRAY, CONSTANT, PADDED }

    /** The union size, and the padded chunk union's size (every branch but PADDED). */
    static final int COUNT = 17;
    static final int CHUNK_COUNT = 16;

    private static final TileBranch[] VALUES = values();

    final String recordName;
    /** The cells' data type; null for PADDED. */
    final DataType dataType;
    final Kind kind;
    /** The schema default of an {@code ["int","null"]} noDataValue field; null when the field is not of that type. */
    final Integer intNoDataDefault;

    TileBranch(String recordName, DataType dataType, Kind kind, Integer intNoDataDefault) {
        this.recordName = recordName;
        this.dataType = dataType;
        this.kind = kind;
        this.intNoDataDefault = intNoDataDefault;
    }

    static TileBranch ofIndex(int index) {
        return VALUES[index];
    }

    /** The array record for a data type: what the encoder writes. */
    static TileBranch arrayFor(DataType type) {
        return switch (type) {
            case INT8 -> BYTE_ARRAY;
            case FLOAT32 -> FLOAT_ARRAY;
            case FLOAT64 -> DOUBLE_ARRAY;
            case INT16 -> SHORT_ARRAY;
            case INT32 -> INT_ARRAY;
            case BOOL -> BIT_ARRAY;
            case UINT8 -> UBYTE_ARRAY;
            case UINT16 -> USHORT_ARRAY;
        };
    }

    /** The constant record for a data type. */
    static TileBranch constantFor(DataType type) {
        return VALUES[arrayFor(type).ordinal() + BYTE_CONSTANT.ordinal()];
    }

    /**
     * The record with this short name; the namespace is ignored so that records of older writers
     * resolve too.
     */
    static TileBranch ofRecordName(String name) {
        for (TileBranch b : VALUES) {
            if (b.recordName.equals(name)) {
                return b;
            }
        }
        throw new TileCodecException("unknown tile record '" + name + "'");
    }

    /** True when the noDataValue field is {@code ["boolean", float|double]} rather than {@code ["int","null"]}. */
    boolean floatingNoData() {
        return dataType != null && dataType.isFloatingPoint();
    }

    /** True when the record has a noDataValue field at all. */
    boolean hasNoDataField() {
        return dataType != null && dataType != DataType.BOOL;
    }

    /**
     * The cell type of an integer record from its {@code ["int","null"]} noDataValue (null = the
     * null branch): null means raw, the type's default value means the plain type, anything else is
     * a user value narrowed to the type (so uint8's -1 and 255 both mean 255).
     */
    CellType intCellType(Integer noData) {
        if (noData == null) {
            return CellType.raw(dataType);
        }
        if (noData == (int) dataType.defaultNoData()) {
            return CellType.of(dataType);
        }
        return CellType.withNoData(dataType, noData);
    }

    /** The cell type of a floating-point record whose noDataValue is the boolean branch: true = plain, false = raw. */
    CellType flagCellType(boolean defaultNoData) {
        return defaultNoData ? CellType.of(dataType) : CellType.raw(dataType);
    }

    /** The cell type of a floating-point record whose noDataValue is the float/double branch: a user value. */
    CellType userCellType(double noData) {
        return CellType.withNoData(dataType, noData);
    }

    /**
     * The {@code ["int","null"]} value that encodes an integer cell type: null for raw, the type's
     * default for plain, the user value as the signed byte/short/int GeoTrellis writes.
     */
    static Integer intNoData(CellType cellType) {
        DataType type = cellType.dataType();
        return switch (cellType.noData()) {
            case NONE -> null;
            case DEFAULT -> (int) type.defaultNoData();
            case USER -> {
                int v = (int) cellType.noDataValue();
                yield switch (type) {
                    case INT8, UINT8 -> (int) (byte) v;
                    case INT16, UINT16 -> (int) (short) v;
                    default -> v;
                };
            }
        };
    }
}
