package io.tessera.catalog.raster;

import java.io.Serializable;
import java.util.Objects;

/**
 * The storage type of a tile's cells and how NoData is marked, named exactly as GeoTrellis names
 * cell types ({@code uint8}, {@code int16ud-9999}, {@code float32raw}, ...).
 *
 * <p>A cell type is one {@link DataType} with one of three NoData conventions: none ({@code raw}),
 * the type's default ({@link DataType#defaultNoData()}, plain name), or a user value ({@code ud<N>}).
 * User NoData of an integer type is held normalised to the type's range (a {@code uint8} value
 * 0..255, an {@code int8} value -128..127); that of {@code float32} is the float widened to double.
 */
public final class CellType implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The cell storage types GeoTrellis knows; there is no {@code uint32}. */
    public enum DataType {
        BOOL("bool", 1, false, 0),
        INT8("int8", 8, false, Byte.MIN_VALUE),
        UINT8("uint8", 8, false, 0),
        INT16("int16", 16, false, Short.MIN_VALUE),
        UINT16("uint16", 16, false, 0),
        INT32("int32", 32, false, Integer.MIN_VALUE),
        FLOAT32("float32", 32, true, Double.NaN),
        FLOAT64("float64", 64, true, Double.NaN);

        private final String prefix;
        private final int bits;
        private final boolean floatingPoint;
        private final double defaultNoData;

        DataType(String prefix, int bits, boolean floatingPoint, double defaultNoData) {
            this.prefix = prefix;
            this.bits = bits;
            this.floatingPoint = floatingPoint;
            this.defaultNoData = defaultNoData;
        }

        /** The name stem: {@code int16}, {@code float32}, ... */
        public String prefix() {
            return prefix;
        }

        /** Bits per cell. */
        public int bits() {
            return bits;
        }

        /** Bytes per cell as stored in a native array (1 for {@code bool}, which is bit-packed on disk). */
        public int bytesPerCell() {
            return Math.max(1, bits / 8);
        }

        public boolean isFloatingPoint() {
            return floatingPoint;
        }

        /** The NoData value of the plain (default) cell type; NaN for floating point. */
        public double defaultNoData() {
            return defaultNoData;
        }
    }

    /** How NoData is marked. */
    public enum NoData {
        /** No value is NoData ({@code raw} names; always so for {@code bool}). */
        NONE,
        /** The type's default NoData value. */
        DEFAULT,
        /** A user-chosen value ({@code ud} names). */
        USER
    }

    public static final CellType BOOL = new CellType(DataType.BOOL, NoData.NONE, 0);
    public static final CellType INT8 = new CellType(DataType.INT8, NoData.DEFAULT, Byte.MIN_VALUE);
    public static final CellType INT8_RAW = new CellType(DataType.INT8, NoData.NONE, 0);
    public static final CellType UINT8 = new CellType(DataType.UINT8, NoData.DEFAULT, 0);
    public static final CellType UINT8_RAW = new CellType(DataType.UINT8, NoData.NONE, 0);
    public static final CellType INT16 = new CellType(DataType.INT16, NoData.DEFAULT, Short.MIN_VALUE);
    public static final CellType INT16_RAW = new CellType(DataType.INT16, NoData.NONE, 0);
    public static final CellType UINT16 = new CellType(DataType.UINT16, NoData.DEFAULT, 0);
    public static final CellType UINT16_RAW = new CellType(DataType.UINT16, NoData.NONE, 0);
    public static final CellType INT32 = new CellType(DataType.INT32, NoData.DEFAULT, Integer.MIN_VALUE);
    public static final CellType INT32_RAW = new CellType(DataType.INT32, NoData.NONE, 0);
    public static final CellType FLOAT32 = new CellType(DataType.FLOAT32, NoData.DEFAULT, Double.NaN);
    public static final CellType FLOAT32_RAW = new CellType(DataType.FLOAT32, NoData.NONE, 0);
    public static final CellType FLOAT64 = new CellType(DataType.FLOAT64, NoData.DEFAULT, Double.NaN);
    public static final CellType FLOAT64_RAW = new CellType(DataType.FLOAT64, NoData.NONE, 0);

    private static final CellType[] DEFAULTS = {BOOL, INT8, UINT8, INT16, UINT16, INT32, FLOAT32, FLOAT64};
    private static final CellType[] RAWS = {BOOL, INT8_RAW, UINT8_RAW, INT16_RAW, UINT16_RAW, INT32_RAW, FLOAT32_RAW, FLOAT64_RAW};

    private final DataType dataType;
    private final NoData noData;
    private final double noDataValue;

    private CellType(DataType dataType, NoData noData, double noDataValue) {
        this.dataType = dataType;
        this.noData = noData;
        this.noDataValue = noDataValue;
    }

    /** The plain type: default NoData ({@code bool} has none). */
    public static CellType of(DataType type) {
        return DEFAULTS[type.ordinal()];
    }

    /** The {@code raw} type: no NoData. */
    public static CellType raw(DataType type) {
        return RAWS[type.ordinal()];
    }

    /**
     * The type with a user NoData value, narrowed to the type as GeoTrellis does ({@code uint8}
     * with -1 is {@code uint8ud255}, {@code int8} with 200 is {@code int8ud-56}); a NaN value on a
     * floating-point type gives the plain type.
     *
     * @throws IllegalArgumentException for {@code bool}, which has no NoData, or a non-integral
     *     value for an integer type
     */
    public static CellType withNoData(DataType type, double value) {
        switch (type) {
            case BOOL -> throw new IllegalArgumentException("bool cells have no NoData value");
            case FLOAT32 -> {
                float f = (float) value;
                return Float.isNaN(f) ? FLOAT32 : new CellType(type, NoData.USER, f);
            }
            case FLOAT64 -> {
                return Double.isNaN(value) ? FLOAT64 : new CellType(type, NoData.USER, value);
            }
            default -> {
                if (value != Math.rint(value) || Double.isInfinite(value)) {
                    throw new IllegalArgumentException(
                            "NoData value " + value + " is not an integer, as " + type.prefix() + " needs");
                }
                return new CellType(type, NoData.USER, narrow(type, (long) value));
            }
        }
    }

    private static int narrow(DataType type, long v) {
        return switch (type) {
            case INT8 -> (byte) v;
            case UINT8 -> (int) (v & 0xFF);
            case INT16 -> (short) v;
            case UINT16 -> (int) (v & 0xFFFF);
            default -> (int) v;
        };
    }

    /**
     * Parses a GeoTrellis cell type name: {@code bool}/{@code boolraw}, {@code <type>raw},
     * {@code <type>}, {@code <type>ud<value>}.
     *
     * @throws IllegalArgumentException naming the text when it is not a cell type
     */
    public static CellType fromName(String name) {
        Objects.requireNonNull(name, "cell type name");
        if (name.equals("bool") || name.equals("boolraw")) {
            return BOOL;
        }
        // Longest prefixes first so that "uint8" is not read as "int8" with a leftover.
        for (DataType t : new DataType[] {DataType.UINT8, DataType.UINT16, DataType.INT8, DataType.INT16,
                DataType.INT32, DataType.FLOAT32, DataType.FLOAT64}) {
            String p = t.prefix();
            if (name.equals(p)) {
                return of(t);
            }
            if (name.equals(p + "raw")) {
                return raw(t);
            }
            if (name.startsWith(p + "ud")) {
                String rest = name.substring(p.length() + 2);
                try {
                    if (t.isFloatingPoint()) {
                        return withNoData(t, Double.parseDouble(rest));
                    }
                    return withNoData(t, Integer.parseInt(rest));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("cell type '" + name + "' has a bad NoData value '" + rest + "'", e);
                }
            }
        }
        throw new IllegalArgumentException("unknown cell type '" + name
                + "'; expected bool, int8, uint8, int16, uint16, int32, float32 or float64, with 'raw' or 'ud<value>' optionally");
    }

    /** The GeoTrellis name, e.g. {@code uint8ud255} or {@code float32ud-9999.0}. */
    public String name() {
        if (dataType == DataType.BOOL) {
            return "bool";
        }
        return switch (noData) {
            case NONE -> dataType.prefix() + "raw";
            case DEFAULT -> dataType.prefix();
            case USER -> dataType.prefix() + "ud"
                    + (dataType.isFloatingPoint() ? Double.toString(noDataValue) : Integer.toString((int) noDataValue));
        };
    }

    public DataType dataType() {
        return dataType;
    }

    public NoData noData() {
        return noData;
    }

    /** True unless this is a {@code raw} or {@code bool} type. */
    public boolean hasNoData() {
        return noData != NoData.NONE;
    }

    public boolean isFloatingPoint() {
        return dataType.isFloatingPoint();
    }

    /**
     * The NoData value as a number in the type's value range (unsigned for uint8/uint16, NaN for
     * plain float types); meaningless when {@link #hasNoData()} is false.
     */
    public double noDataValue() {
        return noDataValue;
    }

    /** The same data type with no NoData. */
    public CellType withoutNoData() {
        return raw(dataType);
    }

    /** The same data type with its default NoData. */
    public CellType withDefaultNoData() {
        return of(dataType);
    }

    /** The same data type with the given user NoData value. */
    public CellType withNoData(double value) {
        return withNoData(dataType, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellType c && c.dataType == dataType && c.noData == noData
                && Double.doubleToLongBits(c.noDataValue) == Double.doubleToLongBits(noDataValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataType, noData, Double.doubleToLongBits(noDataValue));
    }

    @Override
    public String toString() {
        return name();
    }
}
