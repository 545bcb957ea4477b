package io.tessera.catalog.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyBoundsTest {

    private static final KeyBounds<SpaceTimeKey> B =
            new KeyBounds<>(new SpaceTimeKey(1, 2, 100), new SpaceTimeKey(5, 6, 200));

    @Test
    void includesIsInclusiveInEveryDimension() {
        assertTrue(B.includes(new SpaceTimeKey(1, 2, 100)));
        assertTrue(B.includes(new SpaceTimeKey(5, 6, 200)));
        assertFalse(B.includes(new SpaceTimeKey(5, 6, 201)));
        assertFalse(B.includes(new SpaceTimeKey(0, 6, 150)));
        assertFalse(B.includes(new SpaceTimeKey(3, 7, 150)));
    }

    @Test
    void intersectCombineAndWith() {
        KeyBounds<SpaceTimeKey> o = new KeyBounds<>(new SpaceTimeKey(4, 0, 150), new SpaceTimeKey(9, 3, 300));
        assertEquals(Optional.of(new KeyBounds<>(new SpaceTimeKey(4, 2, 150), new SpaceTimeKey(5, 3, 200))), B.intersect(o));
        assertEquals(new KeyBounds<>(new SpaceTimeKey(1, 0, 100), new SpaceTimeKey(9, 6, 300)), B.combine(o));
        assertEquals(Optional.empty(), B.intersect(B.withTime(201, 300)));
        assertEquals(new KeyBounds<>(new SpatialKey(1, 2), new SpatialKey(5, 6)), B.spatial());
        assertEquals(25, B.spatialCount());
        assertThrows(IllegalArgumentException.class, () -> B.spatial().withTime(0, 1));
    }

    @Test
    void invalidBoundsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new KeyBounds<>(new SpatialKey(2, 0), new SpatialKey(1, 0)));
        assertThrows(IllegalArgumentException.class,
                () -> new KeyBounds<>(new SpaceTimeKey(0, 0, 2), new SpaceTimeKey(0, 0, 1)));
    }
}
