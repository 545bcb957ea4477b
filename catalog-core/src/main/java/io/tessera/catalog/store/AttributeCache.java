package io.tessera.catalog.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.model.LayerId;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded, expiring in-process cache of attribute values and parsed layer definitions, as
 * GeoTrellis keeps (1,000 entries, 60 minutes by default). Writers through the owning store update
 * it before returning, so a caller never reads back a value older than its own write; other
 * processes' writes are seen after expiry. Values are copied in and out because Jackson trees are
 * mutable.
 */
final class AttributeCache {

    /** The entry name under which a layer's parsed definition is kept; no attribute can have it. */
    private static final String DEFINITION = "\u0000definition";

    private record Key(LayerId id, String attribute) {
    }

    private record Entry(Object value, long expiresAtNanos) {
    }

    private final int maxEntries;
    private final long ttlNanos;
    private final Map<Key, Entry> entries;

    AttributeCache(int maxEntries, Duration ttl) {
        this.maxEntries = maxEntries;
        this.ttlNanos = ttl.toNanos();
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
                return size() > AttributeCache.this.maxEntries;
            }
        };
    }

    synchronized Optional<JsonNode> get(LayerId id, String attribute) {
        return lookup(new Key(id, attribute)).map(v -> ((JsonNode) v).deepCopy());
    }

    synchronized void put(LayerId id, String attribute, JsonNode value) {
        store(new Key(id, attribute), value.deepCopy());
    }

    synchronized Optional<LayerDescriptor<?>> definition(LayerId id) {
        return lookup(new Key(id, DEFINITION)).map(v -> (LayerDescriptor<?>) v);
    }

    synchronized void putDefinition(LayerId id, LayerDescriptor<?> d) {
        store(new Key(id, DEFINITION), d);
    }

    synchronized void invalidate(LayerId id, String attribute) {
        entries.remove(new Key(id, attribute));
    }

    /** Forgets everything of one layer id: its definition and every attribute. */
    synchronized void invalidate(LayerId id) {
        entries.keySet().removeIf(k -> k.id.equals(id));
    }

    private Optional<Object> lookup(Key k) {
        Entry e = entries.get(k);
        if (e == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - e.expiresAtNanos > 0) {
            entries.remove(k);
            return Optional.empty();
        }
        return Optional.of(e.value);
    }

    private void store(Key k, Object value) {
        if (maxEntries > 0) {
            entries.put(k, new Entry(value, System.nanoTime() + ttlNanos));
        }
    }
}
