package io.tessera.catalog.index;

import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.SpaceTimeKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * GeoTrellis's {@code HilbertSpaceTimeKeyIndex}: the compact Hilbert index (spec §5.3) of the
 * column and row offsets from the index's min key and of a time bin.
 *
 * <p>The time between the min and max key's instants is cut into {@code 2^temporalResolution}
 * bins with GeoTrellis's double formula ({@link #binTime}). Offsets are represented as in
 * {@link HilbertSpatialKeyIndex}; a key whose bin falls outside {@code [0, 2^temporalResolution)}
 * cannot be indexed either.
 */
public final class HilbertSpaceTimeKeyIndex implements KeyIndex<SpaceTimeKey> {

    private final KeyBounds<SpaceTimeKey> keyBounds;
    private final int xResolution;
    private final int yResolution;
    private final int temporalResolution;
    private final Curve curve;
    private final long start;
    private final long width;
    private final double binCount;

    /**
     * An index over {@code keyBounds} with the given bit counts (the JSON {@code xResolution},
     * {@code yResolution} and {@code temporalResolution}, the latter in bits).
     *
     * @throws IllegalArgumentException if a resolution is negative or they add up to more than 63
     */
    public HilbertSpaceTimeKeyIndex(KeyBounds<SpaceTimeKey> keyBounds, int xResolution, int yResolution,
            int temporalResolutionBits) {
        this.keyBounds = Objects.requireNonNull(keyBounds, "keyBounds");
        this.xResolution = xResolution;
        this.yResolution = yResolution;
        this.temporalResolution = temporalResolutionBits;
        this.curve = new CompactHilbertCurve(xResolution, yResolution, temporalResolutionBits);
        this.start = keyBounds.minKey().instant();
        this.width = keyBounds.maxKey().instant() - start;
        this.binCount = Math.pow(2, temporalResolutionBits);
    }

    /**
     * The index GeoTrellis's {@code HilbertKeyIndexMethod(temporalResolution)} creates for
     * {@code keyBounds}, with spatial resolutions from {@link HilbertSpatialKeyIndex#resolution}.
     */
    public static HilbertSpaceTimeKeyIndex of(KeyBounds<SpaceTimeKey> keyBounds, int temporalResolutionBits) {
        return new HilbertSpaceTimeKeyIndex(keyBounds,
                HilbertSpatialKeyIndex.resolution(keyBounds.maxKey().col(), keyBounds.minKey().col()),
                HilbertSpatialKeyIndex.resolution(keyBounds.maxKey().row(), keyBounds.minKey().row()),
                temporalResolutionBits);
    }

    /**
     * The index GeoTrellis's {@code HilbertKeyIndexMethod(minDate, maxDate, temporalResolution)}
     * creates: the spatial part of {@code keyBounds} with the time span replaced by
     * {@code minDate..maxDate}.
     */
    public static HilbertSpaceTimeKeyIndex of(KeyBounds<SpaceTimeKey> keyBounds, Instant minDate, Instant maxDate,
            int temporalResolutionBits) {
        HilbertSpaceTimeKeyIndex spatial = of(keyBounds, temporalResolutionBits);
        return new HilbertSpaceTimeKeyIndex(keyBounds.withTime(minDate.toEpochMilli(), maxDate.toEpochMilli()),
                spatial.xResolution, spatial.yResolution, temporalResolutionBits);
    }

    @Override
    public String type() {
        return "hilbert";
    }

    @Override
    public KeyBounds<SpaceTimeKey> keyBounds() {
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

    /** Bits of the time bin (not milliseconds, unlike {@link ZSpaceTimeKeyIndex}). */
    public int temporalResolution() {
        return temporalResolution;
    }

    /**
     * GeoTrellis's time bin of {@code instant}: {@code (long) ((instant - start) * 2^tRes / width)}
     * in doubles, where the max instant's bin {@code 2^tRes} is pulled back to the last bin. With a
     * zero width the min instant gives NaN, hence bin 0. The result can lie outside the valid bins.
     */
    public long binTime(long instant) {
        double bin = (double) (instant - start) * binCount / (double) width;
        return (long) (bin == binCount ? bin - 1 : bin);
    }

    @Override
    public long toIndex(SpaceTimeKey key) {
        int col = key.col() - keyBounds.minKey().col();
        int row = key.row() - keyBounds.minKey().row();
        long bin = binTime(key.instant());
        if (!HilbertSpatialKeyIndex.fits(col, xResolution) || !HilbertSpatialKeyIndex.fits(row, yResolution)
                || bin < 0 || bin > Curve.lowMask(temporalResolution)) {
            throw new IllegalArgumentException("key " + key + " is outside what " + this
                    + " can represent: the column and row offsets from the min key and the time bin (here "
                    + bin + ") must lie in [0, 2^resolution)");
        }
        return curve.index(new long[] {col, row, bin});
    }

    @Override
    public List<IndexRange> indexRanges(KeyBounds<SpaceTimeKey> query, int maxRanges) {
        return curve.cover(new long[][] {
                HilbertSpatialKeyIndex.offsets(query.minKey().col(), query.maxKey().col(),
                        keyBounds.minKey().col(), xResolution),
                HilbertSpatialKeyIndex.offsets(query.minKey().row(), query.maxKey().row(),
                        keyBounds.minKey().row(), yResolution),
                bins(query.minKey().instant(), query.maxKey().instant())}, maxRanges);
    }

    /**
     * The valid bins of the instants in {@code [min, max]}. {@link #binTime} is monotone in the
     * instant except where {@code instant - start} overflows, so the span is split there and each
     * piece gives one run of bins.
     */
    private long[] bins(long min, long max) {
        long wrap = start + Long.MIN_VALUE;
        List<long[]> runs = new ArrayList<>();
        if (start != 0 && min < wrap && wrap <= max) {
            runs.add(binRun(min, wrap - 1));
            runs.add(binRun(wrap, max));
        } else {
            runs.add(binRun(min, max));
        }
        runs.sort((a, b) -> Long.compare(a[0], b[0]));
        long last = Curve.lowMask(temporalResolution);
        long[] out = new long[4];
        int k = 0;
        for (long[] run : runs) {
            long a = Math.max(run[0], 0);
            long b = Math.min(run[1], last);
            if (a > b) {
                continue;
            }
            if (k > 0 && a <= out[k - 1] + 1) {
                out[k - 1] = Math.max(out[k - 1], b);
            } else {
                out[k++] = a;
                out[k++] = b;
            }
        }
        return Arrays.copyOf(out, k);
    }

    /**
     * The bins between those of {@code min} and {@code max}, which bound the bins of every instant
     * between them. The order check is for an overflowed (negative) width, which makes binning
     * decrease with time.
     */
    private long[] binRun(long min, long max) {
        long a = binTime(min);
        long b = binTime(max);
        return new long[] {Math.min(a, b), Math.max(a, b)};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HilbertSpaceTimeKeyIndex other && keyBounds.equals(other.keyBounds)
                && xResolution == other.xResolution && yResolution == other.yResolution
                && temporalResolution == other.temporalResolution;
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyBounds, xResolution, yResolution, temporalResolution);
    }

    @Override
    public String toString() {
        return "HilbertSpaceTimeKeyIndex(" + keyBounds + ", xResolution=" + xResolution + ", yResolution="
                + yResolution + ", temporalResolution=" + temporalResolution + " bits)";
    }
}
