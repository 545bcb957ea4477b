package io.tessera.catalog.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.IntArrayTile;
import io.tessera.catalog.raster.MultibandTile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TileSorterTest {

    private static KeyedTile<SpatialKey> tile(int col, int row, int value) {
        int[] cells = new int[16];
        java.util.Arrays.fill(cells, value);
        return new KeyedTile<>(new SpatialKey(col, row), MultibandTile.of(new IntArrayTile(cells, 4, 4, CellType.INT32)));
    }

    /** Several keys per index (col / 3), keys repeated: groups must come ascending, one tile per key, the last one. */
    private static void check(long budgetBytes, int expectedMinRuns) {
        List<KeyedTile<SpatialKey>> tiles = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tiles.add(tile(i % 60, 0, i));
        }
        Collections.shuffle(tiles, new Random(3));
        Map<SpatialKey, Integer> last = new LinkedHashMap<>();
        for (KeyedTile<SpatialKey> t : tiles) {
            last.put(t.key(), ((IntArrayTile) t.tile().band(0)).array()[0]);
        }
        TreeMap<Long, Map<SpatialKey, Integer>> expected = new TreeMap<>();
        last.forEach((k, v) -> expected.computeIfAbsent((long) k.col() / 3, i -> new TreeMap<>(
                java.util.Comparator.comparingInt(SpatialKey::col))).put(k, v));

        try (TileSorter<SpatialKey> sorter = new TileSorter<>(KeyType.SPATIAL, k -> k.col() / 3, budgetBytes)) {
            tiles.forEach(sorter::add);
            assertTrue(sorter.spilledRuns() >= expectedMinRuns, "runs " + sorter.spilledRuns());
            Iterator<TileSorter.Group<SpatialKey>> it = sorter.sorted();
            long previous = -1;
            int groups = 0;
            while (it.hasNext()) {
                TileSorter.Group<SpatialKey> g = it.next();
                assertTrue(g.index() > previous, "ascending and unique: " + g.index() + " after " + previous);
                previous = g.index();
                Map<SpatialKey, Integer> got = new TreeMap<>(java.util.Comparator.comparingInt(SpatialKey::col));
                for (KeyedTile<SpatialKey> t : g.tiles()) {
                    got.put(t.key(), ((IntArrayTile) t.tile().band(0)).array()[0]);
                }
                assertEquals(g.tiles().size(), got.size(), "one tile per key");
                assertEquals(expected.get(g.index()), got, "the last tile of each key, index " + g.index());
                groups++;
            }
            assertEquals(expected.size(), groups);
        }
    }

    @Test
    void sortsInMemory() {
        check(Long.MAX_VALUE, 0);
    }

    @Test
    void sortsThroughSpilledRuns() {
        // 64 bytes of cells per tile: a run every 10 tiles, so 30 runs are merged.
        check(640, 29);
    }
}
