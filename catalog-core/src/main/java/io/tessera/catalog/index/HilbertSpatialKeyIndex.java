package io.tessera.catalog.index;

import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.SpatialKey;

import java.util.List;
import java.util.Objects;

/**
 * GeoTrellis's {@code HilbertSpatialKeyIndex}: the compact Hilbert index (spec §5.3) of the key's
 * offset from the index's min key, with {@code xResolution} bits for the column offset and
 * {@code yResolution} bits for the row offset.
 *
 * <p>The offsets are computed in 32-bit int arithmetic as GeoTrellis does, so the index can
 * represent the columns {@code minCol .. minCol + 2^xResolution - 1} (taken modulo 2^32, and only
 * offsets below 2^31), and likewise for rows; {@link #toIndex} rejects other keys and
 * {@link #indexRanges} leaves them out.
 */
public final class HilbertSpatialKeyIndex implements KeyIndex<SpatialKey> {

    private final KeyBounds<SpatialKey> keyBounds;
    private final int xResolution;
    private final int yResolution;
    private final Curve curve;

    /**
     * An index over {@code keyBounds} with the given bit counts (the JSON {@code xResolution} and
     * {@code yResolution}).
     *
     * @throws IllegalArgumentException if a resolution is negative or they add up to more than 63
     */
    public HilbertSpatialKeyIndex(KeyBounds<SpatialKey> keyBounds, int xResolution, int yResolution) {
        this.keyBounds = Objects.requireNonNull(keyBounds, "keyBounds");
        this.xResolution = xResolution;
        this.yResolution = yResolution;
        this.curve = new CompactHilbertCurve(xResolution, yResolution);
    }

    /**
     * The index GeoTrellis's {@code HilbertKeyIndexMethod} creates for {@code keyBounds}, with
     * resolutions from {@link #resolution}.
     */
    public static HilbertSpatialKeyIndex of(KeyBounds<SpatialKey> keyBounds) {
        return new HilbertSpatialKeyIndex(keyBounds,
                resolution(keyBounds.maxKey().col(), keyBounds.minKey().col()),
                resolution(keyBounds.maxKey().row(), keyBounds.minKey().row()));
    }

    /**
     * GeoTrellis's {@code KeyIndexMethod.resolution(max, min)}: the bits needed for
     * {@code max - min + 1} values, computed in doubles with {@code Math.log} exactly as GeoTrellis
     * does, including its extra bit for some exact powers of two (e.g. a length of 2^29).
     */
    public static int resolution(int max, int min) {
        double length = (double) max - (double) min + 1;
        return (int) Math.ceil(Math.log(length) / Math.log(2));
    }

    @Override
    public String type() {
        return "hilbert";
    }

    @Override
    public KeyBounds<SpatialKey> keyBounds() {
        return keyBounds;
    }

    /** Bits of the column offset. */
    public int xResolution() {
        return xResolution;
    }

    /** Bits of the row offset. */
    public int yResolution() {
        return yResolution;
    }

    @Override
    public long toIndex(SpatialKey key) {
        int col = key.col() - keyBounds.minKey().col();
        int row = key.row() - keyBounds.minKey().row();
        if (!fits(col, xResolution) || !fits(row, yResolution)) {
            throw new IllegalArgumentException("key " + key + " is outside what " + this
                    + " can represent: the column and row offsets from the min key must lie in [0, 2^resolution)");
        }
        return curve.index(new long[] {col, row});
    }

    @Override
    public List<IndexRange> indexRanges(KeyBounds<SpatialKey> query, int maxRanges) {
        return curve.cover(new long[][] {
                offsets(query.minKey().col(), query.maxKey().col(), keyBounds.minKey().col(), xResolution),
                offsets(query.minKey().row(), query.maxKey().row(), keyBounds.minKey().row(), yResolution)},
                maxRanges);
    }

    /** True when a 32-bit offset can be indexed with {@code bits} bits. */
    static boolean fits(int offset, int bits) {
        return offset >= 0 && offset <= Curve.lowMask(bits);
    }

    /**
     * The representable offsets {@code (int) (v - origin)} of the values {@code v} in
     * {@code [min, max]}, as sorted intervals: the int subtraction wraps modulo 2^32, and only
     * non-negative offsets below 2^bits can be indexed.
     */
    static long[] offsets(int min, int max, int origin, int bits) {
        long[] unsigned = Curve.modular((long) min - origin, (long) max - origin, 32);
        return Curve.clip(unsigned, Math.min(Curve.lowMask(bits), Integer.MAX_VALUE));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HilbertSpatialKeyIndex other && keyBounds.equals(other.keyBounds)
                && xResolution == other.xResolution && yResolution == other.yResolution;
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyBounds, xResolution, yResolution);
    }

    @Override
    public String toString() {
        return "HilbertSpatialKeyIndex(" + keyBounds + ", xResolution=" + xResolution
                + ", yResolution=" + yResolution + ")";
    }
}
