package io.tessera.catalog.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A cursor over Avro binary data that decodes straight into primitives, with every read checked
 * against the end of the data; failures name the position and what was being read (see
 * {@link #at}).
 */
final class AvroInput {

    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE_LE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] buf;
    private final int start;
    private final int limit;
    private int pos;

    /** Where in the datum decoding is, for error messages; set by the caller as it walks the record. */
    int pair = -1;
    int band = -1;
    String record = "KeyValueRecord";
    String field = "pairs";

    AvroInput(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.start = offset;
        this.pos = offset;
        this.limit = offset + length;
    }

    /** Sets the record and field being decoded, for error messages. */
    void at(String record, String field) {
        this.record = record;
        this.field = field;
    }

    TileCodecException fail(String problem) {
        StringBuilder where = new StringBuilder();
        if (pair >= 0) {
            where.append("pair #").append(pair).append(", ");
        }
        if (band >= 0) {
            where.append("band #").append(band).append(", ");
        }
        where.append(record).append('.').append(field);
        return new TileCodecException(problem + " at byte " + (pos - start) + " of " + (limit - start)
                + " while decoding " + where);
    }

    /**
     * Checks that at least {@code bytes} are left, before allocating for a value that needs them, so
     * that corrupt sizes fail cleanly instead of exhausting memory.
     */
    void need(long bytes) {
        if (bytes > limit - pos) {
            throw fail("truncated data: " + bytes + " more bytes needed, " + (limit - pos) + " left");
        }
    }

    long readLong() {
        long raw = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw fail("truncated data inside a varint");
            }
            int b = buf[pos++];
            raw |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw fail("malformed varint longer than 10 bytes");
    }

    int readInt() {
        int b = pos < limit ? buf[pos] : -1;
        if (b >= 0) {
            // One-byte values (-64..63) dominate small tiles' headers and many int cells.
            pos++;
            return (b >>> 1) ^ -(b & 1);
        }
        int raw = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (pos >= limit) {
                throw fail("truncated data inside a varint");
            }
            b = buf[pos++];
            raw |= (b & 0x7F) << shift;
            if (b >= 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
        }
        throw fail("malformed int varint longer than 5 bytes");
    }

    /** A union branch index, checked to be below {@code count}. */
    int readIndex(int count) {
        int i = readInt();
        if (i < 0 || i >= count) {
            throw fail("union branch " + i + " out of range 0.." + (count - 1));
        }
        return i;
    }

    /** A non-negative int such as a tile dimension. */
    int readSize(String what) {
        int v = readInt();
        if (v < 0) {
            throw fail("negative " + what + " " + v);
        }
        return v;
    }

    boolean readBoolean() {
        need(1);
        int b = buf[pos++];
        if (b != 0 && b != 1) {
            throw fail("boolean byte " + b + " is neither 0 nor 1");
        }
        return b == 1;
    }

    float readFloat() {
        need(4);
        float f = (float) FLOAT_LE.get(buf, pos);
        pos += 4;
        return f;
    }

    double readDouble() {
        need(8);
        double d = (double) DOUBLE_LE.get(buf, pos);
        pos += 8;
        return d;
    }

    /** An Avro {@code bytes} value, which must be {@code expected} bytes long. */
    byte[] readBytes(int expected) {
        long len = readLong();
        if (len != expected) {
            throw fail("cells hold " + len + " bytes, expected " + expected);
        }
        need(len);
        // copyOfRange lets the JIT skip zeroing the new array, which the copy overwrites anyway.
        byte[] out = Arrays.copyOfRange(buf, pos, pos + expected);
        pos += expected;
        return out;
    }

    /**
     * The item count of the next array block, for an array that must hold exactly {@code total} items of
     * which {@code filled} are read: 0 at the end of the array.
     */
    int nextBlock(int filled, int total) {
        long count = blockCount();
        if (count == 0 && filled != total) {
            throw fail("array ended after " + filled + " items, expected " + total);
        }
        if (count > total - filled) {
            throw fail("array has more than the expected " + total + " items");
        }
        return (int) count;
    }

    /** The item count of the next block of an array of any length; 0 at its end. */
    int nextBlock() {
        long count = blockCount();
        if (count > Integer.MAX_VALUE) {
            throw fail("array block of " + count + " items");
        }
        return (int) count;
    }

    /** A block count; negative counts (followed by the block's byte size) are accepted as the Avro spec allows. */
    private long blockCount() {
        long count = readLong();
        if (count < 0) {
            if (count == Long.MIN_VALUE) {
                throw fail("malformed array block count");
            }
            count = -count;
            readLong();
        }
        return count;
    }

    // Bulk view-buffer transfers compile to a memory copy (byte-swapping only on big-endian hosts),
    // several times faster than a per-element loop.
    void readFloats(float[] dst, int off, int count) {
        need(4L * count);
        ByteBuffer.wrap(buf, pos, 4 * count).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(dst, off, count);
        pos += 4 * count;
    }

    void readDoubles(double[] dst, int off, int count) {
        need(8L * count);
        ByteBuffer.wrap(buf, pos, 8 * count).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(dst, off, count);
        pos += 8 * count;
    }
}
