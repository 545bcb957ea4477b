package io.tessera.catalog.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Operations on lists of {@link IndexRange}s.
 *
 * <p>{@link #union} replaces GeoTrellis's {@code MergeQueue}, which loses ranges that share an end
 * with another range and leaves nested ranges unmerged; this one computes the true union.
 */
public final class IndexRanges {

    private IndexRanges() {
    }

    /**
     * The union of {@code ranges} as a sorted list in which no two ranges overlap or touch: any two
     * consecutive results are separated by at least one index that no input range contains.
     */
    public static List<IndexRange> union(Collection<IndexRange> ranges) {
        List<IndexRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(IndexRange::start));
        List<IndexRange> out = new ArrayList<>(sorted.size());
        IndexRange current = null;
        for (IndexRange r : sorted) {
            if (current == null) {
                current = r;
            } else if (current.end() == Long.MAX_VALUE || r.start() <= current.end() + 1) {
                current = new IndexRange(current.start(), Math.max(current.end(), r.end()));
            } else {
                out.add(current);
                current = r;
            }
        }
        if (current != null) {
            out.add(current);
        }
        return List.copyOf(out);
    }

    /** How many indexes {@code ranges} (disjoint) hold together. */
    public static long count(Collection<IndexRange> ranges) {
        long n = 0;
        for (IndexRange r : ranges) {
            n += r.end() - r.start() + 1;
        }
        return n;
    }

    /**
     * {@code sorted} (ascending, disjoint) cut into at most {@code parts} consecutive pieces holding
     * about the same number of indexes each, a range cut where a piece is full: the splits of a
     * parallel read, balanced by index count (by record count when the ranges are a record
     * inventory's runs). No piece is empty.
     *
     * @throws IllegalArgumentException if {@code parts < 1}
     */
    public static List<List<IndexRange>> split(List<IndexRange> sorted, int parts) {
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be at least 1, got " + parts);
        }
        // In doubles: ranges of a whole key space can hold more than Long.MAX_VALUE indexes together.
        double total = 0;
        for (IndexRange r : sorted) {
            total += (double) r.end() - r.start() + 1;
        }
        double each = Math.max(1, Math.ceil(total / parts));
        List<List<IndexRange>> out = new ArrayList<>();
        List<IndexRange> piece = new ArrayList<>();
        double room = each;
        for (IndexRange r : sorted) {
            long start = r.start();
            while (true) {
                double left = (double) r.end() - start + 1;
                if (left <= room || out.size() == parts - 1) {
                    piece.add(new IndexRange(start, r.end()));
                    room -= left;
                    break;
                }
                long end = start + (long) room - 1;
                piece.add(new IndexRange(start, end));
                out.add(List.copyOf(piece));
                piece.clear();
                room = each;
                start = end + 1;
            }
            if (room <= 0 && out.size() < parts - 1) {
                out.add(List.copyOf(piece));
                piece.clear();
                room = each;
            }
        }
        if (!piece.isEmpty()) {
            out.add(List.copyOf(piece));
        }
        return out;
    }

    /**
     * At most {@code maxRanges} ranges covering {@code merged} (a result of {@link #union}), made by
     * closing the smallest gaps between consecutive ranges. Closing a gap adds the indexes in it to
     * the cover, which is harmless for readers because they filter records by key; the smallest
     * gaps are closed because they add the fewest probes.
     *
     * @throws IllegalArgumentException if {@code maxRanges < 1}
     */
    public static List<IndexRange> coarsen(List<IndexRange> merged, int maxRanges) {
        if (maxRanges < 1) {
            throw new IllegalArgumentException("maxRanges must be at least 1, got " + maxRanges);
        }
        int n = merged.size();
        if (n <= maxRanges) {
            return merged;
        }
        Integer[] gaps = new Integer[n - 1];
        for (int i = 0; i < n - 1; i++) {
            gaps[i] = i;
        }
        // Ties keep index order so that the result does not depend on the sort's stability.
        Arrays.sort(gaps, Comparator.<Integer>comparingLong(
                i -> merged.get(i + 1).start() - merged.get(i).end()).thenComparingInt(i -> i));
        boolean[] closed = new boolean[n - 1];
        for (int i = 0; i < n - maxRanges; i++) {
            closed[gaps[i]] = true;
        }
        List<IndexRange> out = new ArrayList<>(maxRanges);
        long start = merged.get(0).start();
        for (int i = 0; i < n; i++) {
            if (i == n - 1 || !closed[i]) {
                out.add(new IndexRange(start, merged.get(i).end()));
                if (i < n - 1) {
                    start = merged.get(i + 1).start();
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The indexes of {@code sortedIndexes} that lie in {@code sortedRanges} (sorted, disjoint), in
     * order: one pass over both.
     */
    public static long[] within(long[] sortedIndexes, List<IndexRange> sortedRanges) {
        long[] out = new long[sortedIndexes.length];
        int n = 0;
        int r = 0;
        for (long index : sortedIndexes) {
            while (r < sortedRanges.size() && sortedRanges.get(r).end() < index) {
                r++;
            }
            if (r == sortedRanges.size()) {
                break;
            }
            if (index >= sortedRanges.get(r).start()) {
                out[n++] = index;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
