package io.tessera.catalog.codec;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * zlib-wrapped deflate as GeoTrellis's {@code AvroEncoder} uses it, with a per-thread inflater and
 * output buffer reused across calls so that inflating a tile file allocates nothing once warm.
 * Deflating is public for other zlib writers (GeoTIFF tiles).
 */
public final class Zlib {

    /** What to do with inflated bytes; the buffer is only valid during the call. */
    interface InflatedConsumer<T> {
        T accept(byte[] buffer, int length);
    }

    private static final class InflateState {
        final Inflater inflater = new Inflater();
        byte[] buffer = new byte[1 << 16];
    }

    /**
     * A thread's deflaters, one per level and strategy, reset between records: a new one would
     * allocate and clear zlib's quarter-megabyte of window and hash tables for every record.
     */
    private static final class DeflateState {
        /** Records are a tile or a few; a buffer for a rare huge one is not kept alive with the thread. */
        private static final int KEPT_OUTPUT_BYTES = 4 << 20;

        private final Deflater[] deflaters = new Deflater[20];
        private byte[] buffer = new byte[0];

        Deflater deflater(int level, int strategy) {
            int slot = (level < 0 ? 6 : level) * 2 + (strategy == Deflater.HUFFMAN_ONLY ? 1 : 0);
            Deflater deflater = deflaters[slot];
            if (deflater == null) {
                deflater = new Deflater(level);
                deflater.setStrategy(strategy);
                deflaters[slot] = deflater;
            } else {
                deflater.reset();
            }
            return deflater;
        }

        /** A buffer of at least {@code size} bytes, kept for the thread's next records unless it is unusually large. */
        byte[] output(int size) {
            if (buffer.length >= size) {
                return buffer;
            }
            byte[] fresh = new byte[size];
            if (size <= KEPT_OUTPUT_BYTES) {
                buffer = fresh;
            }
            return fresh;
        }
    }

    /** zlib's default level, the one {@code new Deflater()} (and so GeoTrellis) deflates records at. */
    public static final int GEOTRELLIS_LEVEL = 6;

    private static final ThreadLocal<InflateState> INFLATE = ThreadLocal.withInitial(InflateState::new);
    private static final ThreadLocal<DeflateState> DEFLATE = ThreadLocal.withInitial(DeflateState::new);

    private Zlib() {
    }

    /** Deflates with the default level and zlib header ({@code 78 9C}), as {@code new Deflater()} does. */
    static byte[] deflate(byte[] data, int offset, int length) {
        return deflate(data, offset, length, Deflater.DEFAULT_COMPRESSION);
    }

    /**
     * Deflates {@code length} bytes at {@code offset} into a zlib stream at a {@link Deflater} level.
     *
     * <p>At level 1, a record whose bytes hardly ever repeat (noisy floating-point cells: the low
     * mantissa bytes are noise) is deflated with zlib's Huffman-only strategy: zlib's level 1 would
     * spend two thirds of its time searching for matches that are not there, and the few it finds
     * cost more bits than they save. Every other record, and every other level, is deflated as zlib
     * does, so the default level's streams are GeoTrellis's byte for byte.
     */
    public static byte[] deflate(byte[] data, int offset, int length, int level) {
        boolean huffmanOnly = level == 1 && RepeatProbe.rarelyRepeats(data, offset, length);
        DeflateState state = DEFLATE.get();
        Deflater deflater = state.deflater(level, huffmanOnly ? Deflater.HUFFMAN_ONLY : Deflater.DEFAULT_STRATEGY);
        deflater.setInput(data, offset, length);
        deflater.finish();
        byte[] out = state.output(length + length / 1000 + 64);
        int n = 0;
        while (!deflater.finished()) {
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            n += deflater.deflate(out, n, out.length - n);
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Inflates a whole zlib stream and hands the result to {@code consumer} before the buffer is reused.
     *
     * @throws TileCodecException if the data are not a complete, valid zlib stream
     */
    static <T> T inflate(byte[] stored, InflatedConsumer<T> consumer) {
        InflateState state = INFLATE.get();
        Inflater inflater = state.inflater;
        inflater.reset();
        inflater.setInput(stored);
        byte[] buf = state.buffer;
        int n = 0;
        try {
            while (!inflater.finished()) {
                if (n == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                    state.buffer = buf;
                }
                int got = inflater.inflate(buf, n, buf.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new TileCodecException("truncated zlib stream: input of " + stored.length
                            + " bytes ended after " + n + " inflated bytes");
                }
                n += got;
            }
        } catch (DataFormatException e) {
            throw new TileCodecException("corrupt zlib stream (" + e.getMessage() + ") after " + n
                    + " inflated bytes of " + stored.length + " stored bytes", e);
        }
        return consumer.accept(buf, n);
    }
}
