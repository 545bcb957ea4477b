package io.tessera.catalog.index;

import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.SpaceTimeKey;

import java.util.List;
import java.util.Objects;

/**
 * GeoTrellis's {@code ZSpaceTimeKeyIndex}: the Z-order ({@code Z3}) index of column, row and time
 * bin, with bits interleaved as {@code ...t1 r1 c1 t0 r0 c0}.
 *
 * <p>The time bin is {@code (int) (instant / temporalResolution)}: Java long division, which
 * truncates toward zero, then a narrowing cast. Column, row and bin are each masked to their low
 * 21 bits, so bins wrap every 2^21 steps (for real dates already with second or minute bins) and
 * keys far apart can share an index. {@link #indexRanges} accounts for that wrap: a query whose
 * bins cross a multiple of 2^21 becomes two time intervals, and one spanning 2^21 bins or more
 * covers the whole time dimension, so the ranges stay an exact cover where GeoTrellis's
 * corner-based {@code zranges} would not be.
 *
 * <p>The key bounds do not affect {@link #toIndex}.
 */
public final class ZSpaceTimeKeyIndex implements KeyIndex<SpaceTimeKey> {

    private static final int BITS = 21;
    private static final long MASK = (1L << BITS) - 1;
    private static final Curve CURVE = new ZCurve(3, BITS);

    private final KeyBounds<SpaceTimeKey> keyBounds;
    private final long temporalResolution;

    /**
     * An index with bins of {@code temporalResolutionMillis} milliseconds (the JSON
     * {@code temporalResolution}).
     *
     * @throws IllegalArgumentException if the resolution is not positive
     */
    public ZSpaceTimeKeyIndex(KeyBounds<SpaceTimeKey> keyBounds, long temporalResolutionMillis) {
        this.keyBounds = Objects.requireNonNull(keyBounds, "keyBounds");
        if (temporalResolutionMillis <= 0) {
            throw new IllegalArgumentException("temporal resolution must be a positive number of milliseconds, got "
                    + temporalResolutionMillis);
        }
        this.temporalResolution = temporalResolutionMillis;
    }

    /**
     * The index GeoTrellis's {@code ZCurveKeyIndexMethod.byX(count)} creates, e.g.
     * {@code of(bounds, TimeUnit.DAYS, 1)} for {@code byDay()}.
     *
     * @throws IllegalArgumentException if {@code count < 1}
     */
    public static ZSpaceTimeKeyIndex of(KeyBounds<SpaceTimeKey> keyBounds, TimeUnit unit, int count) {
        return new ZSpaceTimeKeyIndex(keyBounds, unit.millis(count));
    }

    @Override
    public String type() {
        return "zorder";
    }

    @Override
    public KeyBounds<SpaceTimeKey> keyBounds() {
        return keyBounds;
    }

    /** Bin length in milliseconds. */
    public long temporalResolution() {
        return temporalResolution;
    }

    @Override
    public long toIndex(SpaceTimeKey key) {
        int bin = (int) (key.instant() / temporalResolution);
        return CURVE.index(new long[] {key.col() & MASK, key.row() & MASK, bin & MASK});
    }

    @Override
    public List<IndexRange> indexRanges(KeyBounds<SpaceTimeKey> query, int maxRanges) {
        SpaceTimeKey min = query.minKey();
        SpaceTimeKey max = query.maxKey();
        // Truncating division is monotone, so the bins of the query's instants are one run.
        long binMin = min.instant() / temporalResolution;
        long binMax = max.instant() / temporalResolution;
        return CURVE.cover(new long[][] {
                Curve.modular(min.col(), max.col(), BITS),
                Curve.modular(min.row(), max.row(), BITS),
                Curve.modular(binMin, binMax, BITS)}, maxRanges);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZSpaceTimeKeyIndex other && keyBounds.equals(other.keyBounds)
                && temporalResolution == other.temporalResolution;
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyBounds, temporalResolution);
    }

    @Override
    public String toString() {
        return "ZSpaceTimeKeyIndex(" + keyBounds + ", " + temporalResolution + " ms)";
    }
}
