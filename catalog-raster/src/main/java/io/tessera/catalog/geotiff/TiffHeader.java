package io.tessera.catalog.geotiff;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The start of a little-endian classic or BigTIFF file: the 8- or 16-byte header, the one image
 * file directory and the tag values too long to sit in their entries. The tile offsets and byte
 * counts are reserved as zeros, because they are known only after the tiles are written; their
 * positions in the file are recorded so the writer can fill them in afterwards.
 */
final class TiffHeader {

    static final int ASCII = 2;
    static final int SHORT = 3;
    static final int LONG = 4;
    static final int DOUBLE = 12;
    static final int LONG8 = 16;

    private record Entry(int type, int count, byte[] value) {
    }

    private final boolean bigTiff;
    private final TreeMap<Integer, Entry> entries = new TreeMap<>();
    private final Map<Integer, Long> positions = new TreeMap<>();

    TiffHeader(boolean bigTiff) {
        this.bigTiff = bigTiff;
    }

    void shorts(int tag, int... values) {
        ByteBuffer b = buffer(values.length * 2);
        for (int v : values) {
            b.putShort((short) v);
        }
        entries.put(tag, new Entry(SHORT, values.length, b.array()));
    }

    void longs(int tag, long... values) {
        ByteBuffer b = buffer(values.length * 4);
        for (long v : values) {
            b.putInt((int) v);
        }
        entries.put(tag, new Entry(LONG, values.length, b.array()));
    }

    void doubles(int tag, double... values) {
        ByteBuffer b = buffer(values.length * 8);
        for (double v : values) {
            b.putDouble(v);
        }
        entries.put(tag, new Entry(DOUBLE, values.length, b.array()));
    }

    /** An ASCII tag: the text with its terminating NUL, as TIFF counts it. */
    void ascii(int tag, String text) {
        byte[] chars = text.getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[chars.length + 1];
        System.arraycopy(chars, 0, value, 0, chars.length);
        entries.put(tag, new Entry(ASCII, value.length, value));
    }

    /** {@code count} file offsets or sizes, to be filled in later: LONG in classic TIFF, LONG8 in BigTIFF. */
    void reserveOffsets(int tag, int count) {
        entries.put(tag, new Entry(bigTiff ? LONG8 : LONG, count, new byte[count * offsetSize()]));
    }

    /** Bytes per reserved offset. */
    int offsetSize() {
        return bigTiff ? 8 : 4;
    }

    /** Where a tag's values start in the file, once {@link #bytes()} has laid the header out. */
    long position(int tag) {
        return positions.get(tag);
    }

    /**
     * The bytes of the header, directory and long values, laid out from file offset 0. Values
     * that do not fit an entry follow the directory, each aligned to 8 bytes so doubles and
     * offsets can be read directly.
     */
    byte[] bytes() {
        int entrySize = bigTiff ? 20 : 12;
        int inline = bigTiff ? 8 : 4;
        long ifdOffset = bigTiff ? 16 : 8;
        long ifdSize = (bigTiff ? 8 : 2) + (long) entries.size() * entrySize + (bigTiff ? 8 : 4);
        long end = align(ifdOffset + ifdSize);
        for (Entry e : entries.values()) {
            if (e.value.length > inline) {
                end = align(end + e.value.length);
            }
        }
        if (end > Integer.MAX_VALUE) {
            throw new IllegalStateException("TIFF header of " + end + " bytes is too large");
        }
        ByteBuffer b = buffer((int) end);
        b.put((byte) 'I').put((byte) 'I');
        if (bigTiff) {
            b.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(ifdOffset);
        } else {
            b.putShort((short) 42).putInt((int) ifdOffset);
        }
        b.position((int) ifdOffset);
        if (bigTiff) {
            b.putLong(entries.size());
        } else {
            b.putShort((short) entries.size());
        }
        long valueAt = align(ifdOffset + ifdSize);
        for (Map.Entry<Integer, Entry> m : entries.entrySet()) {
            Entry e = m.getValue();
            b.putShort(m.getKey().shortValue()).putShort((short) e.type);
            if (bigTiff) {
                b.putLong(e.count);
            } else {
                b.putInt(e.count);
            }
            if (e.value.length <= inline) {
                positions.put(m.getKey(), (long) b.position());
                b.put(e.value);
                b.position(b.position() + inline - e.value.length);
            } else {
                positions.put(m.getKey(), valueAt);
                if (bigTiff) {
                    b.putLong(valueAt);
                } else {
                    b.putInt((int) valueAt);
                }
                b.put((int) valueAt, e.value);
                valueAt = align(valueAt + e.value.length);
            }
        }
        // The next-IFD offset stays zero: there is one image and no overviews.
        return b.array();
    }

    private static long align(long offset) {
        return (offset + 7) & ~7L;
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
