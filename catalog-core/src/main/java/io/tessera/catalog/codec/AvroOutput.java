package io.tessera.catalog.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable buffer that writes Avro binary encodings straight from primitives. */
final class AvroOutput {

    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE_LE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private byte[] buf;
    private int pos;

    AvroOutput(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    byte[] buffer() {
        return buf;
    }

    int length() {
        return pos;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void ensure(long extra) {
        if (extra > buf.length - pos) {
            long wanted = Math.max((long) buf.length * 2, pos + extra);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new TileCodecException("encoded record exceeds the maximum array size");
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    void writeLong(long v) {
        ensure(10);
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        buf[pos++] = (byte) z;
    }

    void writeInt(int v) {
        ensure(5);
        int z = (v << 1) ^ (v >> 31);
        while ((z & ~0x7F) != 0) {
            buf[pos++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        buf[pos++] = (byte) z;
    }

    void writeBoolean(boolean b) {
        ensure(1);
        buf[pos++] = (byte) (b ? 1 : 0);
    }

    void writeFloat(float f) {
        ensure(4);
        FLOAT_LE.set(buf, pos, f);
        pos += 4;
    }

    void writeDouble(double d) {
        ensure(8);
        DOUBLE_LE.set(buf, pos, d);
        pos += 8;
    }

    /** An Avro {@code bytes} value: length, then the bytes. */
    void writeBytes(byte[] bytes) {
        writeInt(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /**
     * Starts an array of {@code count} items in one block, as Avro's Java writer does; the caller
     * writes the items and then {@link #endArray}.
     */
    void startArray(int count) {
        if (count > 0) {
            writeInt(count);
        }
    }

    void endArray() {
        writeInt(0);
    }

    // Bulk view-buffer transfers compile to a memory copy, as in AvroInput.
    void writeFloats(float[] values) {
        ensure(4L * values.length);
        ByteBuffer.wrap(buf, pos, 4 * values.length).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
        pos += 4 * values.length;
    }

    void writeDoubles(double[] values) {
        ensure(8L * values.length);
        ByteBuffer.wrap(buf, pos, 8 * values.length).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(values);
        pos += 8 * values.length;
    }
}
