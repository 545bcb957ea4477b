package io.tessera.catalog.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.index.IndexRange;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RecordInventoryTest {

    private static RecordInventory of(long... indexes) {
        RecordInventory.Builder b = new RecordInventory.Builder();
        for (long i : indexes) {
            b.add(i);
        }
        return b.build();
    }

    @Test
    void runsJoinNeighboursAndRepeats() {
        RecordInventory inv = of(7, 3, 4, 5, 5, 10, 0);
        assertEquals(6, inv.count());
        assertEquals(List.of(new IndexRange(0, 0), new IndexRange(3, 5), new IndexRange(7, 7), new IndexRange(10, 10)),
                inv.ranges());
        assertTrue(inv.contains(4));
        assertFalse(inv.contains(6));
        assertFalse(inv.contains(11));
    }

    @Test
    void withinClipsRunsToTheQuery() {
        RecordInventory inv = of(1, 2, 3, 4, 5, 20, 21, 40);
        assertEquals(List.of(new IndexRange(3, 5), new IndexRange(20, 20)),
                inv.within(List.of(new IndexRange(3, 7), new IndexRange(9, 20))));
        assertEquals(List.of(), inv.within(List.of(new IndexRange(6, 19))));
    }

    @Test
    void unionMergesOverlappingAndTouchingRuns() {
        assertEquals(of(1, 2, 3, 4, 5, 6, 9), of(1, 2, 5, 9).union(of(3, 4, 6)));
        assertEquals(of(1, 2), of().union(of(1, 2)));
    }

    @Test
    void storedFormRoundTripsLargeRandomSets() {
        Random r = new Random(42);
        TreeSet<Long> expected = new TreeSet<>();
        RecordInventory.Builder b = new RecordInventory.Builder();
        for (int i = 0; i < 100_000; i++) {
            long x = r.nextInt(1 << 20) + (i % 7 == 0 ? (1L << 40) : 0);
            expected.add(x);
            b.add(x);
        }
        RecordInventory inv = b.build();
        assertEquals(expected.size(), inv.count());
        ObjectNode json = inv.toJson("abc");
        assertEquals("abc", RecordInventory.definitionOf(json));
        RecordInventory back = RecordInventory.fromJson(json, "test");
        assertEquals(inv, back);
        for (int i = 0; i < 1000; i++) {
            long x = r.nextInt(1 << 20);
            assertEquals(expected.contains(x), back.contains(x));
        }
    }

    @Test
    void anEmptyInventoryRoundTrips() {
        RecordInventory empty = of();
        assertEquals(0, RecordInventory.fromJson(empty.toJson("e"), "test").count());
        assertEquals(List.of(), RecordInventory.fromJson(empty.toJson("e"), "test").ranges());
    }

    @Test
    void aDamagedStoredFormIsRefused() {
        ObjectNode json = of(1, 2, 3).toJson("d");
        json.put("count", 4);
        assertThrows(LayerFormatException.class, () -> RecordInventory.fromJson(json, "test"));
        json.put("count", 3);
        json.put("runs", "not base64!");
        assertThrows(LayerFormatException.class, () -> RecordInventory.fromJson(json, "test"));
    }

    @Test
    void runsInAnyOrderMakeTheInventoryOfTheirIndexes() {
        RecordInventory inv = RecordInventory.ofRuns(List.of(new IndexRange(10, 12), new IndexRange(0, 3),
                new IndexRange(4, 5), new IndexRange(11, 20)));
        assertEquals(List.of(new IndexRange(0, 5), new IndexRange(10, 20)), inv.ranges());
        assertEquals(17, inv.count());
        assertEquals(0, RecordInventory.ofRuns(List.of()).count());
    }
}
