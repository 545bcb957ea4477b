package io.tessera.catalog.spi.table;

import java.util.Arrays;

/**
 * The indexes a create batch wrote into a shared table, so that its abort removes exactly those
 * rows and never another layer's or another writer's. Thread-safe.
 */
final class WrittenIndexes {

    private long[] indexes = new long[64];
    private int count;

    /** Notes one index written. */
    synchronized void add(long index) {
        if (count == indexes.length) {
            indexes = Arrays.copyOf(indexes, count * 2);
        }
        indexes[count++] = index;
    }

    /** Every index noted since the last drain, in the order written, and forgets them. */
    synchronized long[] drain() {
        long[] out = Arrays.copyOf(indexes, count);
        count = 0;
        return out;
    }
}
