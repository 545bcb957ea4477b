package io.tessera.catalog.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeySelectionTest {

    @Test
    void agreesWithAScanOverEveryRectangle() {
        Random r = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<KeyBounds<SpatialKey>> bounds = new ArrayList<>();
            int n = 1 + r.nextInt(60);
            for (int i = 0; i < n; i++) {
                int c = r.nextInt(200) - 50;
                int w = r.nextInt(40);
                int row = r.nextInt(200) - 50;
                int h = r.nextInt(r.nextBoolean() ? 3 : 120);
                bounds.add(new KeyBounds<>(new SpatialKey(c, row), new SpatialKey(c + w, row + h)));
            }
            KeySelection<SpatialKey> s = new KeySelection<>(bounds);
            for (int i = 0; i < 2000; i++) {
                SpatialKey k = new SpatialKey(r.nextInt(300) - 80, r.nextInt(300) - 80);
                boolean expected = bounds.stream().anyMatch(b -> b.includes(k));
                assertEquals(expected, s.includes(k), k + " in " + bounds);
            }
        }
    }

    @Test
    void checksTimeToo() {
        List<KeyBounds<SpaceTimeKey>> bounds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            bounds.add(new KeyBounds<>(new SpaceTimeKey(i, i, 100), new SpaceTimeKey(i, i, 200)));
        }
        KeySelection<SpaceTimeKey> s = new KeySelection<>(bounds);
        assertEquals(true, s.includes(new SpaceTimeKey(5, 5, 150)));
        assertEquals(false, s.includes(new SpaceTimeKey(5, 5, 201)));
        assertEquals(false, s.includes(new SpaceTimeKey(5, 6, 150)));
    }
}
