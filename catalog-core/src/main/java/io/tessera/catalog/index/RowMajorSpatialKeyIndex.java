package io.tessera.catalog.index;

import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.SpatialKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * GeoTrellis's {@code RowMajorSpatialKeyIndex}:
 * {@code layoutCols * (row - minRow) + (col - minCol)} with {@code layoutCols = maxCol - minCol + 1},
 * all in 32-bit int arithmetic. For layers of more than 2^31 tiles this wraps, giving negative or
 * repeated indexes, exactly as in GeoTrellis.
 *
 * <p>Only keys inside the index's key bounds can be indexed: outside them the formula would give a
 * key the index of another key (or a negative one). {@link #toIndex} rejects such keys and
 * {@link #indexRanges} clips the query to the key bounds.
 */
public final class RowMajorSpatialKeyIndex implements KeyIndex<SpatialKey> {

    private static final long MOD = 1L << 32;

    private final KeyBounds<SpatialKey> keyBounds;
    private final int layoutCols;

    /** An index over {@code keyBounds}. */
    public RowMajorSpatialKeyIndex(KeyBounds<SpatialKey> keyBounds) {
        this.keyBounds = Objects.requireNonNull(keyBounds, "keyBounds");
        this.layoutCols = keyBounds.maxKey().col() - keyBounds.minKey().col() + 1;
    }

    @Override
    public String type() {
        return "rowmajor";
    }

    @Override
    public KeyBounds<SpatialKey> keyBounds() {
        return keyBounds;
    }

    @Override
    public long toIndex(SpatialKey key) {
        if (!keyBounds.includes(key)) {
            throw new IllegalArgumentException("key " + key + " is outside the bounds of " + this);
        }
        return index(key.col(), key.row());
    }

    private int index(int col, int row) {
        return layoutCols * (row - keyBounds.minKey().row()) + (col - keyBounds.minKey().col());
    }

    /**
     * One range per row of the clipped query, or a single range when the query spans whole rows.
     * With more rows than {@code maxRanges} the rows are taken in equal consecutive groups, each
     * group one range from its first key to its last: all gaps between rows are equally long, so
     * this is closing the smallest gaps. Where the int arithmetic wraps, a range is split at the
     * wrap.
     */
    @Override
    public List<IndexRange> indexRanges(KeyBounds<SpatialKey> query, int maxRanges) {
        if (maxRanges < 1) {
            throw new IllegalArgumentException("range budget must be at least 1, got " + maxRanges);
        }
        var clipped = query.intersect(keyBounds);
        if (clipped.isEmpty()) {
            return List.of();
        }
        SpatialKey min = clipped.get().minKey();
        SpatialKey max = clipped.get().maxKey();
        boolean wholeRows = min.col() == keyBounds.minKey().col() && max.col() == keyBounds.maxKey().col();
        long rows = (long) max.row() - min.row() + 1;
        long groups = wholeRows ? 1 : Math.min(rows, maxRanges);
        List<IndexRange> out = new ArrayList<>();
        for (long g = 0; g < groups; g++) {
            int firstRow = (int) (min.row() + rows * g / groups);
            int lastRow = (int) (min.row() + rows * (g + 1) / groups - 1);
            addWrapped(out, index(min.col(), firstRow), index(max.col(), lastRow),
                    spanLength(min.col(), max.col(), firstRow, lastRow));
        }
        return IndexRanges.coarsen(IndexRanges.union(out), maxRanges);
    }

    /** Number of index steps from the first key of the group to its last, saturating at 2^32. */
    private long spanLength(int minCol, int maxCol, int firstRow, int lastRow) {
        long cols = Integer.toUnsignedLong(layoutCols);
        long rowSteps = (long) lastRow - firstRow;
        if (rowSteps > 0 && cols > (MOD - 1) / rowSteps) {
            return MOD;
        }
        return Math.min(MOD, cols * rowSteps + ((long) maxCol - minCol));
    }

    /**
     * Adds the int values from {@code first} on for {@code steps} more steps, wrapping from
     * {@code Integer.MAX_VALUE} to {@code Integer.MIN_VALUE} as int arithmetic does.
     */
    private static void addWrapped(List<IndexRange> out, int first, int last, long steps) {
        if (steps >= MOD - 1) {
            out.add(new IndexRange(Integer.MIN_VALUE, Integer.MAX_VALUE));
        } else if ((long) first + steps <= Integer.MAX_VALUE) {
            out.add(new IndexRange(first, last));
        } else {
            out.add(new IndexRange(first, Integer.MAX_VALUE));
            out.add(new IndexRange(Integer.MIN_VALUE, last));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowMajorSpatialKeyIndex other && keyBounds.equals(other.keyBounds);
    }

    @Override
    public int hashCode() {
        return keyBounds.hashCode();
    }

    @Override
    public String toString() {
        return "RowMajorSpatialKeyIndex(" + keyBounds + ")";
    }
}
