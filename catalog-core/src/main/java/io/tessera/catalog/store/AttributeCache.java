package io.tessera.catalog.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.model.LayerId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded, expiring in-process cache of attribute values, as GeoTrellis keeps (1,000 entries,
 * 60 minutes by default). Writers through the owning store update it before returning, so a caller
 * never reads back a value older than its own write; other processes' writes are seen after expiry.
 * Values are copied in and out because Jackson trees are mutable.
 */
public final class AttributeCache {

    private record Key(LayerId id, String attribute) {
    }

    private record Entry(JsonNode value, long expiresAtNanos) {
    }

    private final int maxEntries;
    private final long ttlNanos;
    private final Map<Key, Entry> entries;

    public AttributeCache(int maxEntries, Duration ttl) {
        this.maxEntries = maxEntries;
        this.ttlNanos = ttl.toNanos();
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > AttributeCache.this.maxEntries;
            }
        };
    }

    public synchronized Optional<JsonNode> get(LayerId id, String attribute) {
        Key k = new Key(id, attribute);
        Entry e = entries.get(k);
        if (e == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - e.expiresAtNanos > 0) {
            entries.remove(k);
            return Optional.empty();
        }
        return Optional.of(e.value.deepCopy());
    }

    public synchronized void put(LayerId id, String attribute, JsonNode value) {
        if (maxEntries > 0) {
            entries.put(new Key(id, attribute), new Entry(value.deepCopy(), System.nanoTime() + ttlNanos));
        }
    }

    public synchronized void invalidate(LayerId id, String attribute) {
        entries.remove(new Key(id, attribute));
    }

    public synchronized void invalidate(LayerId id) {
        entries.keySet().removeIf(k -> k.id.equals(id));
    }
}
