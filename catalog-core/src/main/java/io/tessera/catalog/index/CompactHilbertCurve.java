package io.tessera.catalog.index;

/**
 * The compact Hilbert curve of Hamilton and Rau-Chaplin, as computed by uzaygezen's
 * {@code CompactHilbertCurve} for GeoTrellis (spec §5.3): dimensions may have different bit counts,
 * and at each level only the dimensions that still have a bit there add bits to the index.
 *
 * <p>Within an n-bit word dimension {@code j} sits at bit {@code n-1-j}, so col is the most
 * significant bit of every digit. The state carried between levels is the entry point {@code e}
 * (low 8 bits) and the direction {@code d} (next bits).
 */
final class CompactHilbertCurve extends Curve {

    private final int n;
    private final int full;

    /** A curve with the given bit count per dimension (two or three dimensions). */
    CompactHilbertCurve(int... bits) {
        super(bits);
        if (bits.length < 2 || bits.length > 3) {
            throw new IllegalArgumentException("compact Hilbert index needs 2 or 3 dimensions, got " + bits.length);
        }
        this.n = bits.length;
        this.full = (1 << n) - 1;
    }

    @Override
    long step(int state, int level, int w) {
        int e = state & 0xFF;
        int d = state >>> 8;
        int mask = toWord(levelDims(level));
        int mu = ror(mask, d);
        int t = grayInverse(ror(toWord(w) ^ e, d));
        int digit = 0;
        int k = 0;
        // The bits of t under mu, lowest position first, become the digit's bits 0, 1, ...
        for (int pos = 0; pos < n; pos++) {
            if ((mu >>> pos & 1) != 0) {
                digit |= (t >>> pos & 1) << k++;
            }
        }
        int g;
        if ((t & 1) == 0) {
            g = t == 0 ? 0 : Integer.numberOfTrailingZeros(t);
        } else {
            g = t == full ? 0 : Integer.numberOfTrailingZeros(~t);
        }
        int entry = t == 0 ? 0 : ((t & 1) != 0 ? gray(t) ^ 1 : gray(t - 2));
        int nextE = e ^ rol(entry, d);
        int nextD = (d + g + 1) % n;
        return digit | (long) (nextE | nextD << 8) << 8;
    }

    /** Moves dimension j from bit j (the generic word) to bit n-1-j (this curve's word). */
    private int toWord(int w) {
        int out = 0;
        for (int j = 0; j < n; j++) {
            if ((w >>> j & 1) != 0) {
                out |= 1 << (n - 1 - j);
            }
        }
        return out;
    }

    private int ror(int x, int c) {
        c %= n;
        return ((x >>> c) | (x << (n - c))) & full;
    }

    private int rol(int x, int c) {
        c %= n;
        return ((x << c) | (x >>> (n - c))) & full;
    }

    private static int gray(int x) {
        return x ^ (x >>> 1);
    }

    private static int grayInverse(int x) {
        int out = x;
        for (int shift = 1; shift < 32 && (x >>> shift) != 0; shift++) {
            out ^= x >>> shift;
        }
        return out;
    }
}
