package io.tessera.catalog.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Tells, from a sample, whether a record's bytes repeat often enough for deflate's match search to
 * pay. Noisy floating-point cells almost never repeat four bytes within deflate's window (the low
 * mantissa bytes are noise), while integer imagery, NoData runs and quantised values do; the two are
 * far apart (about 0.1% against 15% or more of the bytes), so a cheap single-probe count decides.
 */
final class RepeatProbe {

    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** Records smaller than this are too cheap to deflate for the choice to matter. */
    private static final int MIN_LENGTH = 4096;
    private static final int WINDOWS = 4;
    private static final int WINDOW_BYTES = 4096;
    private static final int HASH_BITS = 12;
    /** Deflate's window: a repeat farther back is not one deflate can use. */
    private static final int MAX_DISTANCE = 32768;
    private static final int MIN_REPEAT = 4;
    /** Below this fraction of sampled bytes in repeats, matches cannot save more than they cost. */
    private static final double RARE = 0.01;

    private RepeatProbe() {
    }

    /** Whether fewer than 1% of sampled bytes lie in 4-byte-or-longer repeats deflate could use. */
    static boolean rarelyRepeats(byte[] data, int offset, int length) {
        if (length < MIN_LENGTH) {
            return false;
        }
        int[] head = new int[1 << HASH_BITS];
        Arrays.fill(head, -1);
        if (length <= WINDOWS * WINDOW_BYTES) {
            return repeatedBytes(data, offset, offset + length, head, (int) (RARE * length)) < RARE * length;
        }
        // windows spread over the record, as rasters change character from edge to edge (NoData borders)
        int enough = (int) (RARE * WINDOWS * WINDOW_BYTES);
        int repeated = 0;
        for (int w = 0; w < WINDOWS && repeated < enough; w++) {
            int from = offset + (int) ((long) w * (length - WINDOW_BYTES) / (WINDOWS - 1));
            repeated += repeatedBytes(data, from, from + WINDOW_BYTES, head, enough - repeated);
        }
        return repeated < enough;
    }

    /** Bytes in repeats between {@code from} and {@code to}, counted until {@code enough} are found. */
    private static int repeatedBytes(byte[] data, int from, int to, int[] head, int enough) {
        int repeated = 0;
        int position = from;
        while (position <= to - MIN_REPEAT && repeated < enough) {
            int current = (int) INT.get(data, position);
            int slot = (current * 0x9E3779B1) >>> (32 - HASH_BITS);
            int candidate = head[slot];
            head[slot] = position;
            if (candidate >= 0 && position - candidate <= MAX_DISTANCE && (int) INT.get(data, candidate) == current) {
                int length = MIN_REPEAT;
                while (position + length < to && data[candidate + length] == data[position + length]) {
                    length++;
                }
                repeated += length;
                position += length;
            } else {
                position++;
            }
        }
        return repeated;
    }
}
