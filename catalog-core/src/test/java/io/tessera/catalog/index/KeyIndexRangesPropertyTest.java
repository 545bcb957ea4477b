package io.tessera.catalog.index;

import static io.tessera.catalog.index.KeyIndexVectorsTest.spaceTime;
import static io.tessera.catalog.index.KeyIndexVectorsTest.spatial;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * Randomized checks (fixed seeds) that {@code indexRanges} is sorted, merged and an exact cover
 * of the query box (every index of a key in the box, and nothing else), and a cover within the
 * budget when the budget is small.
 */
class KeyIndexRangesPropertyTest {

    private static final int[] SMALL_BUDGETS = {1, 2, 3, 5, 8, 13};

    @Test
    void zSpatialCoversExactly() {
        Random random = new Random(1);
        for (int i = 0; i < 300; i++) {
            int base = pick(random, 0, 40, -20, -5, Integer.MAX_VALUE - 15, Integer.MIN_VALUE);
            ZSpatialKeyIndex index = new ZSpatialKeyIndex(spatial(0, 0, 7, 7));
            KeyBounds<SpatialKey> query = spatialBox(random, base, pick(random, 0, 30, -15, -4, 1 << 20), 12);
            checkExact(index, query, spatialKeys(query));
        }
    }

    @Test
    void zSpaceTimeCoversExactlyAcrossTheBinWrap() {
        Random random = new Random(2);
        long[] resolutions = {1, 3, 1000, 86_400_000L};
        for (int i = 0; i < 300; i++) {
            long res = resolutions[random.nextInt(resolutions.length)];
            ZSpaceTimeKeyIndex index = new ZSpaceTimeKeyIndex(spaceTime(0, 0, 0, 3, 3, 10), res);
            long wrapBin = (random.nextInt(2000) - 1000) * (1L << 21);
            long t0 = (wrapBin + random.nextInt(20) - 10) * res + random.nextInt((int) Math.min(res, 1000));
            long steps = random.nextInt(12);
            long t1 = t0 + steps * res + random.nextInt((int) Math.min(res, 5));
            int col = pick(random, 0, (1 << 21) - 4, -3, Integer.MAX_VALUE - 5);
            int row = pick(random, 0, 2, (1 << 21) - 2, -6);
            KeyBounds<SpaceTimeKey> query = spaceTime(col, row, t0, col + random.nextInt(6), row + random.nextInt(6), t1);
            List<SpaceTimeKey> keys = new ArrayList<>();
            // One instant per bin (plus both ends) reaches every bin of the box.
            for (long t = t0; t <= t1; t = t + res - Math.floorMod(t, res)) {
                addSpaceTimeKeys(query, t, keys);
            }
            addSpaceTimeKeys(query, t1, keys);
            checkExact(index, query, keys);
        }
    }

    @Test
    void zSpaceTimeSpanningAllBinsCoversTheWholeTimeDimension() {
        ZSpaceTimeKeyIndex index = new ZSpaceTimeKeyIndex(spaceTime(0, 0, 0, 3, 3, 10), 1);
        KeyBounds<SpaceTimeKey> query = spaceTime(1, 1, -5, 2, 2, (1L << 21) + 100);
        List<IndexRange> ranges = index.indexRanges(query);
        assertWellFormed(ranges);
        Random random = new Random(3);
        for (int i = 0; i < 2000; i++) {
            long bin = random.nextInt(1 << 21);
            assertTrue(covered(ranges, index.toIndex(new SpaceTimeKey(1 + random.nextInt(2), 1 + random.nextInt(2), bin))));
        }
        assertTrue(ranges.size() <= KeyIndex.DEFAULT_RANGE_BUDGET);
        KeyBounds<SpaceTimeKey> everything = spaceTime(0, -(1 << 21), 0, (1 << 21) - 1, -1, 1L << 40);
        assertEquals(List.of(new IndexRange(0, Long.MAX_VALUE)), index.indexRanges(everything));
    }

    @Test
    void hilbertSpatialCoversExactly() {
        Random random = new Random(4);
        for (int i = 0; i < 400; i++) {
            int x = random.nextInt(6);
            int y = random.nextInt(6);
            int minCol = pick(random, 0, -7, 1000, Integer.MAX_VALUE - 20, Integer.MIN_VALUE + 3);
            int minRow = pick(random, 0, 5, -1000);
            int maxCol = (int) Math.min(Integer.MAX_VALUE, (long) minCol + (1 << x) - 1);
            HilbertSpatialKeyIndex index = new HilbertSpatialKeyIndex(
                    spatial(minCol, minRow, maxCol, minRow + (1 << y) - 1), x, y);
            KeyBounds<SpatialKey> query = spatialBox(random, minCol - 5 + random.nextInt(40),
                    minRow - 5 + random.nextInt(40), 12);
            checkExact(index, query, spatialKeys(query));
        }
    }

    @Test
    void hilbertSpaceTimeCoversExactlyAtBinLevel() {
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            int x = random.nextInt(4);
            int y = random.nextInt(4);
            int tRes = random.nextInt(5);
            long start = random.nextInt(2000) - 1000;
            long width = random.nextInt(4) == 0 ? 0 : random.nextInt(300);
            HilbertSpaceTimeKeyIndex index = new HilbertSpaceTimeKeyIndex(
                    spaceTime(3, -2, start, 3 + (1 << x) - 1, -2 + (1 << y) - 1, start + width), x, y, tRes);
            long t0 = start - 20 + random.nextInt((int) width + 40);
            long t1 = t0 + random.nextInt(random.nextBoolean() ? 5 : 200);
            int col0 = 1 + random.nextInt(6);
            int row0 = -4 + random.nextInt(6);
            KeyBounds<SpaceTimeKey> query = spaceTime(col0, row0, t0, col0 + random.nextInt(6),
                    row0 + random.nextInt(6), t1);
            List<IndexRange> ranges = index.indexRanges(query);
            assertWellFormed(ranges);
            Curve curve = new CompactHilbertCurve(x, y, tRes);
            Set<Long> expected = new HashSet<>();
            long binLo = Math.max(0, index.binTime(t0));
            long binHi = Math.min((1L << tRes) - 1, index.binTime(t1));
            for (int col = query.minKey().col(); col <= query.maxKey().col(); col++) {
                for (int row = query.minKey().row(); row <= query.maxKey().row(); row++) {
                    long c = col - 3;
                    long r = row + 2;
                    if (c < 0 || c >= 1 << x || r < 0 || r >= 1 << y) {
                        continue;
                    }
                    for (long bin = binLo; bin <= binHi; bin++) {
                        expected.add(curve.index(new long[] {c, r, bin}));
                    }
                }
            }
            long[] instants = {t0, t1, t0 + random.nextLong(t1 - t0 + 1), t0 + random.nextLong(t1 - t0 + 1)};
            for (long t : instants) {
                for (int col = query.minKey().col(); col <= query.maxKey().col(); col++) {
                    for (int row = query.minKey().row(); row <= query.maxKey().row(); row++) {
                        Long value = indexOrNull(index, new SpaceTimeKey(col, row, t));
                        if (value != null) {
                            assertTrue(expected.contains(value), "bin of " + t);
                        }
                    }
                }
            }
            assertCoversExactly(ranges, expected, index + " " + query);
        }
    }

    @Test
    void rowMajorCoversExactly() {
        Random random = new Random(6);
        for (int i = 0; i < 300; i++) {
            int minCol = random.nextInt(20) - 10;
            int minRow = random.nextInt(20) - 10;
            RowMajorSpatialKeyIndex index = new RowMajorSpatialKeyIndex(
                    spatial(minCol, minRow, minCol + random.nextInt(8), minRow + random.nextInt(8)));
            KeyBounds<SpatialKey> query = spatialBox(random, minCol - 4 + random.nextInt(14),
                    minRow - 4 + random.nextInt(14), 10);
            checkExact(index, query, spatialKeys(query));
        }
    }

    @Test
    void rowMajorWrapsLikeIntArithmetic() {
        RowMajorSpatialKeyIndex index = new RowMajorSpatialKeyIndex(spatial(0, 0, (1 << 16), (1 << 16) + 5));
        KeyBounds<SpatialKey> query = spatial(2, (1 << 15) - 2, 9, (1 << 15) + 2);
        List<IndexRange> ranges = index.indexRanges(query);
        assertWellFormed(ranges);
        Set<Long> expected = new HashSet<>();
        for (SpatialKey key : spatialKeys(query)) {
            expected.add(index.toIndex(key));
        }
        assertCoversExactly(ranges, expected, "wrapping rows");
        List<IndexRange> coarse = index.indexRanges(query, 2);
        assertTrue(coarse.size() <= 2);
        for (long value : expected) {
            assertTrue(covered(coarse, value));
        }
    }

    @Test
    void unionOfSeveralBoxesIsTheUnionOfTheirCovers() {
        Random random = new Random(7);
        List<KeyIndex<SpatialKey>> indexes = List.of(new ZSpatialKeyIndex(spatial(0, 0, 31, 31)),
                HilbertSpatialKeyIndex.of(spatial(0, 0, 31, 31)), new RowMajorSpatialKeyIndex(spatial(0, 0, 31, 31)));
        for (int i = 0; i < 200; i++) {
            for (KeyIndex<SpatialKey> index : indexes) {
                List<KeyBounds<SpatialKey>> boxes = new ArrayList<>();
                List<IndexRange> separate = new ArrayList<>();
                for (int b = 1 + random.nextInt(3); b > 0; b--) {
                    KeyBounds<SpatialKey> box = spatialBox(random, random.nextInt(30), random.nextInt(30), 10);
                    boxes.add(box);
                    separate.addAll(index.indexRanges(box));
                }
                List<IndexRange> union = index.indexRanges(boxes);
                assertWellFormed(union);
                assertEquals(IndexRanges.union(separate), union);
                List<IndexRange> small = index.indexRanges(boxes, 2);
                assertTrue(small.size() <= 2);
                for (KeyBounds<SpatialKey> box : boxes) {
                    for (SpatialKey key : spatialKeys(box)) {
                        Long value = indexOrNull(index, key);
                        assertTrue(value == null || covered(small, value));
                    }
                }
            }
        }
    }

    @Test
    void hugeQueryStaysWithinTheBudgetAndCovers() {
        int side = 1 << 20;
        KeyBounds<SpatialKey> bounds = spatial(0, 0, side - 1, side - 1);
        KeyBounds<SpatialKey> query = spatial(3, 5, 1_000_003, 999_999);
        List<KeyIndex<SpatialKey>> indexes = List.of(new ZSpatialKeyIndex(bounds), HilbertSpatialKeyIndex.of(bounds),
                new RowMajorSpatialKeyIndex(bounds));
        Random random = new Random(8);
        for (KeyIndex<SpatialKey> index : indexes) {
            for (int budget : new int[] {KeyIndex.DEFAULT_RANGE_BUDGET, 1}) {
                List<IndexRange> ranges = index.indexRanges(query, budget);
                assertWellFormed(ranges);
                assertTrue(ranges.size() <= budget, () -> index + " gave " + ranges.size() + " ranges");
                for (int i = 0; i < 5_000; i++) {
                    SpatialKey key = new SpatialKey(3 + random.nextInt(1_000_001), 5 + random.nextInt(999_995));
                    assertTrue(covered(ranges, index.toIndex(key)), () -> index + " " + key);
                }
                SpatialKey[] corners = {query.minKey(), query.maxKey(), new SpatialKey(3, 999_999),
                    new SpatialKey(1_000_003, 5)};
                for (SpatialKey key : corners) {
                    assertTrue(covered(ranges, index.toIndex(key)), () -> index + " " + key);
                }
            }
        }
        ZSpaceTimeKeyIndex z3 = new ZSpaceTimeKeyIndex(spaceTime(0, 0, 0, side - 1, side - 1, 1000), 1);
        KeyBounds<SpaceTimeKey> query3 = spaceTime(3, 5, 7, 1_000_003, 999_999, 1_000);
        List<IndexRange> ranges = z3.indexRanges(query3);
        assertWellFormed(ranges);
        assertTrue(ranges.size() <= KeyIndex.DEFAULT_RANGE_BUDGET);
        for (int i = 0; i < 5_000; i++) {
            SpaceTimeKey key = new SpaceTimeKey(3 + random.nextInt(1_000_001), 5 + random.nextInt(999_995),
                    7 + random.nextInt(994));
            assertTrue(covered(ranges, z3.toIndex(key)), key::toString);
        }
    }

    /** Checks the exact cover with the default budget, and a bounded cover with small budgets. */
    private static <K extends LayerKey> void checkExact(KeyIndex<K> index, KeyBounds<K> query, List<K> keys) {
        Set<Long> expected = new HashSet<>();
        for (K key : keys) {
            Long value = indexOrNull(index, key);
            if (value != null) {
                expected.add(value);
            }
        }
        List<IndexRange> ranges = index.indexRanges(query);
        assertWellFormed(ranges);
        assertCoversExactly(ranges, expected, index + " " + query);
        for (int budget : SMALL_BUDGETS) {
            List<IndexRange> bounded = index.indexRanges(query, budget);
            assertWellFormed(bounded);
            assertTrue(bounded.size() <= budget, () -> "budget " + budget + " " + bounded);
            for (long value : expected) {
                assertTrue(covered(bounded, value), () -> "budget " + budget + ": " + value + " in " + bounded);
            }
        }
    }

    private static <K extends LayerKey> Long indexOrNull(KeyIndex<K> index, K key) {
        try {
            return index.toIndex(key);
        } catch (IllegalArgumentException cannotRepresent) {
            return null;
        }
    }

    /** Every expected index is covered and the ranges hold exactly as many indexes. */
    private static void assertCoversExactly(List<IndexRange> ranges, Set<Long> expected, String what) {
        for (long value : expected) {
            assertTrue(covered(ranges, value), () -> what + ": " + value + " not in " + ranges);
        }
        assertEquals(expected.size(), total(ranges), () -> what + ": " + ranges);
    }

    static void assertWellFormed(List<IndexRange> ranges) {
        for (int i = 1; i < ranges.size(); i++) {
            assertTrue(ranges.get(i).start() > ranges.get(i - 1).end() + 1, () -> "not sorted and merged: " + ranges);
        }
    }

    static boolean covered(List<IndexRange> ranges, long value) {
        int lo = 0;
        int hi = ranges.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            IndexRange r = ranges.get(mid);
            if (value < r.start()) {
                hi = mid - 1;
            } else if (value > r.end()) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static long total(List<IndexRange> ranges) {
        long sum = 0;
        for (IndexRange r : ranges) {
            sum += r.end() - r.start() + 1;
        }
        return sum;
    }

    /** One of {@code choices}, the first half the time, else any. */
    private static int pick(Random random, int... choices) {
        return random.nextBoolean() ? choices[0] : choices[random.nextInt(choices.length)];
    }

    private static KeyBounds<SpatialKey> spatialBox(Random random, int col, int row, int maxSide) {
        int c1 = (int) Math.min(Integer.MAX_VALUE, (long) col + random.nextInt(maxSide));
        int r1 = (int) Math.min(Integer.MAX_VALUE, (long) row + random.nextInt(maxSide));
        return spatial(col, row, c1, r1);
    }

    private static List<SpatialKey> spatialKeys(KeyBounds<SpatialKey> box) {
        List<SpatialKey> keys = new ArrayList<>();
        forEach(box.minKey().col(), box.maxKey().col(), box.minKey().row(), box.maxKey().row(),
                (int[] cr) -> keys.add(new SpatialKey(cr[0], cr[1])));
        return keys;
    }

    private static void addSpaceTimeKeys(KeyBounds<SpaceTimeKey> box, long instant, List<SpaceTimeKey> keys) {
        forEach(box.minKey().col(), box.maxKey().col(), box.minKey().row(), box.maxKey().row(),
                (int[] cr) -> keys.add(new SpaceTimeKey(cr[0], cr[1], instant)));
    }

    private static void forEach(int c0, int c1, int r0, int r1, Consumer<int[]> action) {
        for (long c = c0; c <= c1; c++) {
            for (long r = r0; r <= r1; r++) {
                action.accept(new int[] {(int) c, (int) r});
            }
        }
    }
}
