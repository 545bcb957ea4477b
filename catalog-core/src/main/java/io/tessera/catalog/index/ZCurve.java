package io.tessera.catalog.index;

import java.util.Arrays;

/**
 * Z-order (Morton) curve with the same bit count in every dimension: each level's digit is the
 * word itself, so dimension 0 (col) lands on the lowest bit of every digit, as in GeoTrellis's
 * {@code Z2}/{@code Z3}.
 */
final class ZCurve extends Curve {

    /** {@code dims} dimensions of {@code bitsPerDim} bits each. */
    ZCurve(int dims, int bitsPerDim) {
        super(repeat(dims, bitsPerDim));
    }

    private static int[] repeat(int dims, int bitsPerDim) {
        int[] bits = new int[dims];
        Arrays.fill(bits, bitsPerDim);
        return bits;
    }

    @Override
    long step(int state, int level, int w) {
        return w;
    }
}
