package io.tessera.catalog.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link IndexRanges#split}: the pieces of a parallel read. */
class IndexRangesSplitTest {

    @Test
    void piecesCoverTheRangesInOrderOnceAndAreBalanced() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            List<IndexRange> ranges = new ArrayList<>();
            long at = random.nextInt(100);
            for (int i = 0; i < 1 + random.nextInt(30); i++) {
                long length = 1 + random.nextInt(random.nextBoolean() ? 5 : 500);
                ranges.add(new IndexRange(at, at + length - 1));
                at += length + 1 + random.nextInt(50);
            }
            int parts = 1 + random.nextInt(12);
            List<List<IndexRange>> pieces = IndexRanges.split(ranges, parts);
            assertTrue(pieces.size() >= 1 && pieces.size() <= parts, "at most " + parts + ": " + pieces.size());
            List<Long> flat = new ArrayList<>();
            for (List<IndexRange> piece : pieces) {
                assertTrue(!piece.isEmpty(), "no empty piece");
                for (IndexRange r : piece) {
                    for (long i = r.start(); i <= r.end(); i++) {
                        flat.add(i);
                    }
                }
            }
            List<Long> expected = new ArrayList<>();
            for (IndexRange r : ranges) {
                for (long i = r.start(); i <= r.end(); i++) {
                    expected.add(i);
                }
            }
            assertEquals(expected, flat, "every index once, in order");
            long each = (long) Math.ceil((double) IndexRanges.count(ranges) / parts);
            for (List<IndexRange> piece : pieces.subList(0, pieces.size() - 1)) {
                assertEquals(each, IndexRanges.count(piece), "full pieces but the last");
            }
        }
    }

    @Test
    void aWholeKeySpaceSplitsWithoutOverflow() {
        List<List<IndexRange>> pieces = IndexRanges.split(List.of(new IndexRange(0, Long.MAX_VALUE)), 4);
        assertEquals(4, pieces.size());
        assertEquals(Long.MAX_VALUE, pieces.get(3).get(0).end());
        assertThrows(IllegalArgumentException.class, () -> IndexRanges.split(List.of(), 0));
    }
}
