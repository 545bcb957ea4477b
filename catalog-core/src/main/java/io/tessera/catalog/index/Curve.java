package io.tessera.catalog.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A space-filling curve over a box of non-negative integer coordinates, one bit count per
 * dimension, that is processed top-down one bit level at a time (Z-order and compact Hilbert).
 *
 * <p>At level {@code i} every dimension with more than {@code i} bits contributes bit {@code i} of
 * its coordinate, and the curve appends one digit of as many bits to the index. Subclasses define
 * the digit and the state carried to the next level; this class derives both the forward transform
 * and the range decomposition of a query from that one step, so they cannot disagree.
 *
 * <p>Digits are described by a word {@code w} that has bit {@code j} set when dimension {@code j}'s
 * coordinate has its bit set at the current level.
 */
abstract class Curve {

    /** Number of bits a dimension's coordinate may take, per dimension. */
    final int[] bits;
    /** Number of levels: the largest bit count. */
    final int levels;
    /** Total number of index bits. */
    final int totalBits;
    /** Per level, the word of the dimensions that have a bit at that level. */
    private final int[] levelDims;

    Curve(int... bits) {
        this.bits = bits.clone();
        int max = 0;
        int total = 0;
        for (int b : bits) {
            if (b < 0) {
                throw new IllegalArgumentException("a dimension's bit count must be >= 0, got " + b);
            }
            max = Math.max(max, b);
            total += b;
        }
        if (total > 63) {
            throw new IllegalArgumentException("the index needs " + total
                    + " bits in all, more than the 63 of a non-negative long");
        }
        this.levels = max;
        this.totalBits = total;
        this.levelDims = new int[max];
        for (int level = 0; level < max; level++) {
            for (int j = 0; j < bits.length; j++) {
                if (bits[j] > level) {
                    levelDims[level] |= 1 << j;
                }
            }
        }
    }

    /**
     * One level of the curve: the digit appended to the index for word {@code w} at {@code level},
     * starting from {@code state}. Returns {@code digit | nextState << 8}.
     */
    abstract long step(int state, int level, int w);

    /** Word of the dimensions that have a bit at {@code level}. */
    final int levelDims(int level) {
        return levelDims[level];
    }

    /** The curve index of a point; every coordinate must fit its dimension's bits. */
    final long index(long[] point) {
        int state = 0;
        long h = 0;
        for (int level = levels - 1; level >= 0; level--) {
            int w = 0;
            for (int j = 0; j < bits.length; j++) {
                if (bits[j] > level && ((point[j] >>> level) & 1) != 0) {
                    w |= 1 << j;
                }
            }
            long s = step(state, level, w);
            h = (h << Integer.bitCount(levelDims[level])) | (s & 0xFF);
            state = (int) (s >>> 8);
        }
        return h;
    }

    /**
     * Index ranges of the points in a query given per dimension as sorted, disjoint, non-adjacent
     * inclusive intervals {@code [s0, e0, s1, e1, ...]} (the query is their product).
     *
     * <p>Walks the curve breadth-first. A node at level {@code L} is the box of points sharing the
     * coordinate bits above {@code L}; their indexes share the index bits above the node's remaining
     * bit count, and so form one contiguous range. A node inside the query is emitted whole, one
     * disjoint from it is dropped, and one partly inside is refined into its children. Refining a
     * node only goes ahead if the emitted ranges plus the nodes still pending stay within a work
     * bound of {@code max(budget, DEFAULT_RANGE_BUDGET)}; otherwise the node is emitted whole. The
     * merged result is then joined across its smallest gaps down to {@code budget} ranges, so it is
     * exact when the exact cover has at most {@code budget} ranges and a covering superset
     * otherwise, and a small budget still gets a tight cover.
     */
    final List<IndexRange> cover(long[][] query, int budget) {
        if (budget < 1) {
            throw new IllegalArgumentException("range budget must be at least 1, got " + budget);
        }
        int work = Math.max(budget, KeyIndex.DEFAULT_RANGE_BUDGET);
        int n = bits.length;
        for (long[] intervals : query) {
            if (intervals.length == 0) {
                return List.of();
            }
        }
        List<IndexRange> out = new ArrayList<>();
        long[] rootLo = new long[n];
        switch (classify(query, rootLo, levels)) {
            case INSIDE:
                return List.of(new IndexRange(0, lowMask(totalBits)));
            case OUTSIDE:
                return List.of();
            default:
                break;
        }
        List<Node> pending = List.of(new Node(0, 0, rootLo));
        int level = levels;
        List<IndexRange> fullChildren = new ArrayList<>();
        List<Node> partialChildren = new ArrayList<>();
        while (!pending.isEmpty()) {
            int childLevel = level - 1;
            int childBits = remainingBits(childLevel);
            int dims = levelDims[childLevel];
            List<Node> next = new ArrayList<>();
            for (int p = 0; p < pending.size(); p++) {
                Node node = pending.get(p);
                fullChildren.clear();
                partialChildren.clear();
                for (int w = 0; w < 1 << n; w++) {
                    if ((w & ~dims) != 0) {
                        continue;
                    }
                    long[] lo = node.lo.clone();
                    for (int j = 0; j < n; j++) {
                        if ((w >>> j & 1) != 0) {
                            lo[j] |= 1L << childLevel;
                        }
                    }
                    long s = step(node.state, childLevel, w);
                    long h = node.h | (s & 0xFF) << childBits;
                    switch (classify(query, lo, childLevel)) {
                        case INSIDE:
                            fullChildren.add(new IndexRange(h, h | lowMask(childBits)));
                            break;
                        case PARTIAL:
                            partialChildren.add(new Node(h, (int) (s >>> 8), lo));
                            break;
                        default:
                            break;
                    }
                }
                long afterRefining = (long) out.size() + next.size() + (pending.size() - p - 1)
                        + fullChildren.size() + partialChildren.size();
                if (afterRefining > work) {
                    out.add(new IndexRange(node.h, node.h | lowMask(remainingBits(level))));
                } else {
                    out.addAll(fullChildren);
                    next.addAll(partialChildren);
                }
            }
            pending = next;
            level = childLevel;
        }
        return IndexRanges.coarsen(IndexRanges.union(out), budget);
    }

    /** Index bits below a node at {@code level}: each dimension keeps its bits below the level. */
    private int remainingBits(int level) {
        int k = 0;
        for (int b : bits) {
            k += Math.min(level, b);
        }
        return k;
    }

    private enum Overlap { INSIDE, PARTIAL, OUTSIDE }

    private Overlap classify(long[][] query, long[] lo, int level) {
        boolean inside = true;
        for (int j = 0; j < lo.length; j++) {
            long a = lo[j];
            long b = a | lowMask(Math.min(level, bits[j]));
            long[] intervals = query[j];
            boolean dimInside = false;
            boolean dimOverlap = false;
            for (int i = 0; i < intervals.length; i += 2) {
                if (intervals[i] <= b && a <= intervals[i + 1]) {
                    dimOverlap = true;
                    dimInside = intervals[i] <= a && b <= intervals[i + 1];
                    break;
                }
            }
            if (!dimOverlap) {
                return Overlap.OUTSIDE;
            }
            inside &= dimInside;
        }
        return inside ? Overlap.INSIDE : Overlap.PARTIAL;
    }

    /** The {@code k} lowest bits set, for {@code 0 <= k <= 63}. */
    static long lowMask(int k) {
        return k >= 63 ? Long.MAX_VALUE : (1L << k) - 1;
    }

    /**
     * The values {@code v mod 2^bits} for {@code v} in {@code [lo, hi]}, as one or two sorted,
     * non-adjacent intervals in {@code [0, 2^bits)}. Models GeoTrellis's masking of coordinates to
     * their low bits, under which a run of keys can wrap around the end of the curve's space.
     */
    static long[] modular(long lo, long hi, int bits) {
        long size = 1L << bits;
        long span = hi - lo;
        if (span < 0 || span >= size - 1) {
            return new long[] {0, size - 1};
        }
        long a = Math.floorMod(lo, size);
        long b = Math.floorMod(hi, size);
        return a <= b ? new long[] {a, b} : new long[] {0, b, a, size - 1};
    }

    /** {@code intervals} intersected with {@code [0, max]}. */
    static long[] clip(long[] intervals, long max) {
        long[] out = new long[intervals.length];
        int k = 0;
        for (int i = 0; i < intervals.length; i += 2) {
            long a = Math.max(intervals[i], 0);
            long b = Math.min(intervals[i + 1], max);
            if (a <= b) {
                out[k++] = a;
                out[k++] = b;
            }
        }
        return Arrays.copyOf(out, k);
    }

    private record Node(long h, int state, long[] lo) {
    }
}
