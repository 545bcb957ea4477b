package io.tessera.catalog.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The test vectors and range examples of spec §5. */
class KeyIndexVectorsTest {

    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_577_836_800_000L;

    static KeyBounds<SpatialKey> spatial(int c0, int r0, int c1, int r1) {
        return new KeyBounds<>(new SpatialKey(c0, r0), new SpatialKey(c1, r1));
    }

    static KeyBounds<SpaceTimeKey> spaceTime(int c0, int r0, long t0, int c1, int r1, long t1) {
        return new KeyBounds<>(new SpaceTimeKey(c0, r0, t0), new SpaceTimeKey(c1, r1, t1));
    }

    static List<IndexRange> ranges(long... bounds) {
        List<IndexRange> out = new ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            out.add(new IndexRange(bounds[i], bounds[i + 1]));
        }
        return out;
    }

    @Test
    void z2Vectors() {
        ZSpatialKeyIndex index = new ZSpatialKeyIndex(spatial(1, 2, 5, 6));
        assertEquals(9, index.toIndex(new SpatialKey(1, 2)));
        assertEquals(57, index.toIndex(new SpatialKey(5, 6)));
        assertEquals(5, index.toIndex(new SpatialKey(3, 0)));
        assertEquals(10, index.toIndex(new SpatialKey(0, 3)));
        assertEquals("zorder", index.type());
    }

    @Test
    void z2MasksTo31Bits() {
        ZSpatialKeyIndex index = new ZSpatialKeyIndex(spatial(0, 0, 1, 1));
        assertEquals(index.toIndex(new SpatialKey(Integer.MAX_VALUE, 3)), index.toIndex(new SpatialKey(-1, 3)));
        assertEquals(index.toIndex(new SpatialKey(0, 1)), index.toIndex(new SpatialKey(Integer.MIN_VALUE, 1)));
    }

    @Test
    void z3ByDayVectors() {
        ZSpaceTimeKeyIndex index = ZSpaceTimeKeyIndex.of(spaceTime(0, 0, T0, 3, 3, 1_578_052_800_000L),
                TimeUnit.DAYS, 1);
        assertEquals(86_400_000L, index.temporalResolution());
        assertEquals(17_597_086_056_736L, index.toIndex(new SpaceTimeKey(0, 0, T0)));
        assertEquals(17_597_086_058_523L, index.toIndex(new SpaceTimeKey(3, 3, 1_578_052_800_000L)));
        assertEquals(17_597_086_056_757L, index.toIndex(new SpaceTimeKey(1, 2, 1_577_923_200_000L)));
        assertEquals(index.toIndex(new SpaceTimeKey(0, 0, T0)), index.toIndex(new SpaceTimeKey(0, 0, T0 + 6 * HOUR)));
    }

    @Test
    void z3WrapsBinsAt21Bits() {
        ZSpaceTimeKeyIndex index = new ZSpaceTimeKeyIndex(spaceTime(0, 0, 0, 1, 1, 1), 1);
        assertEquals(index.toIndex(new SpaceTimeKey(1, 1, 5)), index.toIndex(new SpaceTimeKey(1, 1, 5 + (1L << 21))));
        // Negative instants truncate toward zero: -1 ms is bin 0, like +1 ms.
        assertEquals(index.toIndex(new SpaceTimeKey(0, 0, 0)), new ZSpaceTimeKeyIndex(spaceTime(0, 0, 0, 1, 1, 1), 2)
                .toIndex(new SpaceTimeKey(0, 0, -1)));
    }

    @Test
    void timeUnitsHaveGeoTrellisLengths() {
        assertEquals(1L, TimeUnit.MILLISECONDS.millis());
        assertEquals(1_000L, TimeUnit.SECONDS.millis());
        assertEquals(60_000L, TimeUnit.MINUTES.millis());
        assertEquals(3_600_000L, TimeUnit.HOURS.millis());
        assertEquals(86_400_000L, TimeUnit.DAYS.millis());
        assertEquals(604_800_000L, TimeUnit.WEEKS.millis());
        assertEquals(2_592_000_000L, TimeUnit.MONTHS.millis());
        assertEquals(31_536_000_000L, TimeUnit.YEARS.millis());
        assertEquals(3 * 2_592_000_000L, TimeUnit.MONTHS.millis(3));
        assertThrows(IllegalArgumentException.class, () -> TimeUnit.DAYS.millis(0));
    }

    @Test
    void hilbert8x8Grid() {
        long[][] grid = {
            {0, 3, 4, 5, 58, 59, 60, 63},
            {1, 2, 7, 6, 57, 56, 61, 62},
            {14, 13, 8, 9, 54, 55, 50, 49},
            {15, 12, 11, 10, 53, 52, 51, 48},
            {16, 17, 30, 31, 32, 33, 46, 47},
            {19, 18, 29, 28, 35, 34, 45, 44},
            {20, 23, 24, 27, 36, 39, 40, 43},
            {21, 22, 25, 26, 37, 38, 41, 42},
        };
        HilbertSpatialKeyIndex index = HilbertSpatialKeyIndex.of(spatial(0, 0, 7, 7));
        assertEquals(3, index.xResolution());
        assertEquals(3, index.yResolution());
        for (int row = 0; row < 8; row++) {
            for (int col = 0; col < 8; col++) {
                assertEquals(grid[row][col], index.toIndex(new SpatialKey(col, row)), "key " + col + "," + row);
            }
        }
    }

    @Test
    void hilbertUnequalResolutions() {
        HilbertSpatialKeyIndex index = new HilbertSpatialKeyIndex(spatial(0, 0, 3, 1), 2, 1);
        long[][] grid = {{0, 1, 6, 7}, {3, 2, 5, 4}};
        for (int row = 0; row < 2; row++) {
            for (int col = 0; col < 4; col++) {
                assertEquals(grid[row][col], index.toIndex(new SpatialKey(col, row)));
            }
        }
    }

    @Test
    void hilbertOffsetsByMinKeyAndRejectsKeysItCannotRepresent() {
        HilbertSpatialKeyIndex index = new HilbertSpatialKeyIndex(spatial(10, 20, 17, 27), 3, 3);
        assertEquals(58, index.toIndex(new SpatialKey(14, 20)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> index.toIndex(new SpatialKey(18, 20)));
        assertTrue(e.getMessage().contains("(18,20)") && e.getMessage().contains("(10,20)..(17,27)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> index.toIndex(new SpatialKey(9, 20)));
    }

    @Test
    void hilbertResolutionFormula() {
        assertEquals(3, HilbertSpatialKeyIndex.resolution(5, 1));
        assertEquals(2, HilbertSpatialKeyIndex.resolution(5, 2));
        assertEquals(0, HilbertSpatialKeyIndex.resolution(4, 4));
        assertEquals(3, HilbertSpatialKeyIndex.resolution(7, 0));
        assertEquals(4, HilbertSpatialKeyIndex.resolution(8, 0));
        // GeoTrellis's double formula gives one bit too many for a length of exactly 2^29.
        assertEquals(30, HilbertSpatialKeyIndex.resolution((1 << 29) - 1, 0));
    }

    @Test
    void hilbertSpaceTimeVectors() {
        HilbertSpaceTimeKeyIndex index = new HilbertSpaceTimeKeyIndex(
                spaceTime(0, 0, T0, 3, 3, T0 + 60 * HOUR), 2, 2, 4);
        assertEquals(0, index.binTime(T0));
        assertEquals(0, index.toIndex(new SpaceTimeKey(0, 0, T0)));
        assertEquals(15, index.binTime(T0 + 60 * HOUR));
        assertEquals(255, index.toIndex(new SpaceTimeKey(3, 3, T0 + 60 * HOUR)));
        assertEquals(6, index.binTime(T0 + 24 * HOUR));
        assertEquals(69, index.toIndex(new SpaceTimeKey(1, 2, T0 + 24 * HOUR)));
        assertEquals(1, index.binTime(T0 + 6 * HOUR));
        assertEquals(58, index.toIndex(new SpaceTimeKey(1, 2, T0 + 6 * HOUR)));
        assertEquals(3, IndexNames.width(index));
        assertThrows(IllegalArgumentException.class, () -> index.toIndex(new SpaceTimeKey(0, 0, T0 + 61 * HOUR)));
    }

    @Test
    void hilbertFactoriesMatchTheFixtureIndexes() {
        assertEquals(new HilbertSpatialKeyIndex(spatial(1, 2, 5, 5), 3, 2),
                HilbertSpatialKeyIndex.of(spatial(1, 2, 5, 5)));
        KeyBounds<SpaceTimeKey> data = spaceTime(2, 1, 1_577_923_140_000L, 5, 3, 1_577_923_200_000L);
        HilbertSpaceTimeKeyIndex index = HilbertSpaceTimeKeyIndex.of(data,
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-01-03T00:00:00Z"), 8);
        assertEquals(new HilbertSpaceTimeKeyIndex(spaceTime(2, 1, 1_577_836_800_000L, 5, 3, 1_578_009_600_000L),
                2, 2, 8), index);
        assertEquals(2047, index.toIndex(new SpaceTimeKey(2, 1, 1_577_923_140_000L)));
        assertEquals(new HilbertSpaceTimeKeyIndex(data, 2, 2, 5), HilbertSpaceTimeKeyIndex.of(data, 5));
    }

    @Test
    void hilbertSpaceTimeZeroWidthUsesBinZero() {
        HilbertSpaceTimeKeyIndex index = new HilbertSpaceTimeKeyIndex(spaceTime(0, 0, T0, 3, 3, T0), 2, 2, 4);
        assertEquals(0, index.binTime(T0));
        assertEquals(0, index.toIndex(new SpaceTimeKey(0, 0, T0)));
        assertThrows(IllegalArgumentException.class, () -> index.toIndex(new SpaceTimeKey(0, 0, T0 + 1)));
    }

    @Test
    void rowMajorVectors() {
        RowMajorSpatialKeyIndex index = new RowMajorSpatialKeyIndex(spatial(1, 2, 5, 6));
        assertEquals(0, index.toIndex(new SpatialKey(1, 2)));
        assertEquals(24, index.toIndex(new SpatialKey(5, 6)));
        assertEquals("rowmajor", index.type());
        assertThrows(IllegalArgumentException.class, () -> index.toIndex(new SpatialKey(6, 2)));
    }

    @Test
    void rowMajorUsesIntArithmetic() {
        RowMajorSpatialKeyIndex index = new RowMajorSpatialKeyIndex(spatial(0, 0, 1 << 16, 1 << 16));
        int cols = (1 << 16) + 1;
        assertEquals(cols * (1 << 15) + 5, index.toIndex(new SpatialKey(5, 1 << 15)));
        assertTrue(index.toIndex(new SpatialKey(5, 1 << 15)) < 0);
    }

    @Test
    void fileNames() {
        assertEquals(2, IndexNames.width(new ZSpatialKeyIndex(spatial(1, 2, 5, 6))));
        assertEquals("09", IndexNames.encode(9, 2));
        assertEquals("57", IndexNames.encode(57, 2));
        assertEquals("123", IndexNames.encode(123, 2));
        assertEquals("0", IndexNames.encode(0, 1));
        assertEquals("000", IndexNames.encode(0, 3));
        assertEquals(2, IndexNames.width(HilbertSpatialKeyIndex.of(spatial(1, 2, 5, 6))));
        assertEquals(2, IndexNames.width(new RowMajorSpatialKeyIndex(spatial(1, 2, 5, 6))));
        assertEquals(14, IndexNames.width(ZSpaceTimeKeyIndex.of(
                spaceTime(0, 0, T0, 3, 3, 1_578_052_800_000L), TimeUnit.DAYS, 1)));
    }

    @Test
    void z2RangeExample() {
        ZSpatialKeyIndex index = new ZSpatialKeyIndex(spatial(1, 2, 5, 6));
        assertEquals(ranges(9, 9, 11, 15, 24, 27, 33, 33, 35, 39, 41, 41, 44, 45, 48, 51, 56, 57),
                index.indexRanges(spatial(1, 2, 5, 6)));
        assertEquals(ranges(9, 57), index.indexRanges(spatial(1, 2, 5, 6), 1));
        assertEquals(ranges(9, 15, 24, 27, 33, 57), index.indexRanges(spatial(1, 2, 5, 6), 3));
    }

    @Test
    void rowMajorRangeExample() {
        RowMajorSpatialKeyIndex index = new RowMajorSpatialKeyIndex(spatial(1, 2, 5, 6));
        assertEquals(ranges(6, 8, 11, 13, 16, 18), index.indexRanges(spatial(2, 3, 4, 5)));
        assertEquals(ranges(5, 19), index.indexRanges(spatial(1, 3, 5, 5)));
        assertEquals(ranges(6, 18), index.indexRanges(spatial(2, 3, 4, 5), 1));
        assertEquals(ranges(0, 24), index.indexRanges(spatial(-10, -10, 100, 100)));
        assertEquals(List.of(), index.indexRanges(spatial(6, 2, 7, 7)));
    }

    @Test
    void hilbertRangeExample() {
        HilbertSpatialKeyIndex index = new HilbertSpatialKeyIndex(spatial(1, 2, 5, 6), 3, 3);
        assertEquals(ranges(2, 2, 6, 13), index.indexRanges(spatial(2, 3, 4, 5)));
    }

    @Test
    void mergeQueueFailureCasesAreTrueUnions() {
        assertEquals(ranges(1, 10), IndexRanges.union(ranges(5, 10, 1, 10)));
        assertEquals(ranges(1, 10), IndexRanges.union(ranges(1, 10, 3, 5)));
        assertEquals(ranges(1, 7, 9, 9), IndexRanges.union(ranges(4, 7, 9, 9, 1, 3)));
        assertEquals(ranges(0, Long.MAX_VALUE), IndexRanges.union(ranges(5, Long.MAX_VALUE, 0, 4, 7, 9)));
        ZSpatialKeyIndex index = new ZSpatialKeyIndex(spatial(0, 0, 7, 7));
        assertEquals(index.indexRanges(spatial(0, 0, 3, 3)),
                index.indexRanges(List.of(spatial(1, 1, 2, 2), spatial(0, 0, 3, 3))));
    }

    @Test
    void coarsenClosesSmallestGaps() {
        assertEquals(ranges(0, 1, 5, 12), IndexRanges.coarsen(ranges(0, 1, 5, 6, 8, 9, 11, 12), 2));
        assertEquals(ranges(0, 12), IndexRanges.coarsen(ranges(0, 1, 5, 6, 8, 9, 11, 12), 1));
        assertEquals(ranges(0, 1, 5, 6), IndexRanges.coarsen(ranges(0, 1, 5, 6), 5));
        assertThrows(IllegalArgumentException.class, () -> IndexRanges.coarsen(ranges(0, 1), 0));
        assertThrows(IllegalArgumentException.class, () -> new IndexRange(2, 1));
    }
}
