package io.tessera.catalog.serve;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * A least-recently-used map bounded by the bytes its values weigh, whose entries also expire: a
 * layer rewritten in place shows within {@code maxAgeMillis} even where its metadata did not change.
 */
final class SizedCache<K, V> {

    private record Entry<V>(V value, long weight, long storedAt) {
    }

    private final long capacity;
    private final long maxAgeMillis;
    private final ToLongFunction<V> weigher;
    private final LinkedHashMap<K, Entry<V>> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long size;

    SizedCache(long capacityBytes, long maxAgeMillis, ToLongFunction<V> weigher) {
        this.capacity = capacityBytes;
        this.maxAgeMillis = maxAgeMillis;
        this.weigher = weigher;
    }

    synchronized V get(K key) {
        Entry<V> e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (System.currentTimeMillis() - e.storedAt > maxAgeMillis) {
            entries.remove(key);
            size -= e.weight;
            return null;
        }
        return e.value;
    }

    synchronized void put(K key, V value) {
        long weight = weigher.applyAsLong(value) + 64;
        if (weight > capacity / 4) {
            return;
        }
        Entry<V> old = entries.put(key, new Entry<>(value, weight, System.currentTimeMillis()));
        size += weight - (old == null ? 0 : old.weight);
        Iterator<Map.Entry<K, Entry<V>>> it = entries.entrySet().iterator();
        while (size > capacity && it.hasNext()) {
            size -= it.next().getValue().weight;
            it.remove();
        }
    }
}
