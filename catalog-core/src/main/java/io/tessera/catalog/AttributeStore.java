package io.tessera.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.format.LayerFormatException;
import io.tessera.catalog.format.LayerJson;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.ConditionalAttributeWrites;
import io.tessera.catalog.store.AttributeCache;
import io.tessera.catalog.store.Backends;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The attributes of a catalog's layers: each layer's {@code metadata} and any user attributes
 * (a histogram, notes, ...) stored beside it, as GeoTrellis's {@code AttributeStore}.
 *
 * <p>Values are cached in process (1,000 entries, 60 minutes per catalog). Every store and
 * {@link Catalog} of the same catalog in this JVM shares one cache, and a write or delete updates it
 * before returning, so nothing in this JVM is served a value older than a write made in it; changes
 * made by other processes are seen once the cached entry expires.
 */
public final class AttributeStore implements AutoCloseable {

    /** The attribute that holds a layer's header, metadata, key index and schema; its presence makes a layer exist. */
    public static final String METADATA = "metadata";

    /** Names the library writes itself (GeoTrellis's discrete stores keep these four apart); users may not. */
    private static final Set<String> RESERVED = Set.of(METADATA, "header", "keyIndex", "schema");

    private static final ConcurrentMap<String, AttributeStore> CACHED = new ConcurrentHashMap<>();
    private static final ConcurrentMap<String, AttributeCache> CACHES = new ConcurrentHashMap<>();

    private final AttributeStorage storage;
    private final String location;
    private final CatalogStorage owned;
    private final AttributeCache cache;

    AttributeStore(AttributeStorage storage, String location, CatalogStorage owned) {
        this.storage = storage;
        this.location = location;
        this.owned = owned;
        this.cache = CACHES.computeIfAbsent(location, l -> new AttributeCache(1000, Duration.ofMinutes(60)));
    }

    /**
     * Opens the attribute store of the catalog at {@code uri}. Close it when done.
     *
     * @throws IllegalArgumentException for a malformed URI or one no backend serves
     */
    public static AttributeStore open(String uri) {
        return open(uri, Map.of());
    }

    /** Opens the attribute store of the catalog at {@code uri} with backend options. */
    public static AttributeStore open(String uri, Map<String, String> options) {
        CatalogStorage s = Backends.open(uri, options);
        return new AttributeStore(s.attributes(), s.location(), s);
    }

    /**
     * The one shared store for this exact URI string in this JVM, opened on first use. Closing it
     * has no effect: it lives as long as the JVM.
     */
    public static AttributeStore cached(String uri) {
        return CACHED.computeIfAbsent(uri, u -> {
            CatalogStorage s = Backends.open(u, Map.of());
            return new AttributeStore(s.attributes(), s.location(), null);
        });
    }

    /** True when the layer exists: it has a {@code metadata} attribute. */
    public boolean contains(String name, int zoom) {
        LayerId id = new LayerId(name, zoom);
        return cache.get(id, METADATA).isPresent() || storage.read(id, METADATA).isPresent();
    }

    /** Every layer (id with a {@code metadata} attribute), by name then zoom. */
    public List<LayerId> layers() {
        return storage.layersWith(METADATA).stream()
                .sorted(Comparator.comparing(LayerId::name).thenComparingInt(LayerId::zoom))
                .toList();
    }

    /** The attributes of one layer id; the layer need not exist (user attributes can stand alone). */
    public LayerAttributes layer(String name, int zoom) {
        return new LayerAttributes(this, new LayerId(name, zoom));
    }

    /** Where the catalog is, for messages. */
    public String location() {
        return location;
    }

    Optional<JsonNode> find(LayerId id, String attribute) {
        Optional<JsonNode> hit = cache.get(id, attribute);
        if (hit.isPresent()) {
            return hit;
        }
        Optional<byte[]> doc = storage.read(id, attribute);
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        String where = "attribute '" + attribute + "' of layer " + id + " in " + location;
        JsonNode value;
        try {
            value = LayerJson.readAttributeValue(LayerJson.parse(doc.get(), where), where);
        } catch (LayerFormatException e) {
            throw new CatalogException(e.getMessage(), e);
        }
        cache.put(id, attribute, value);
        return Optional.of(value.deepCopy());
    }

    void write(LayerId id, String attribute, JsonNode value) {
        cache.invalidate(id, attribute);
        storage.write(id, attribute, document(id, value));
        cache.put(id, attribute, value);
    }

    /**
     * Writes the attribute only if it does not exist, atomically when the storage can
     * ({@link ConditionalAttributeWrites}); other storages get a plain write, the caller having
     * checked existence beforehand.
     *
     * @return false when another writer's document was already there
     */
    boolean writeIfAbsent(LayerId id, String attribute, JsonNode value) {
        if (!(storage instanceof ConditionalAttributeWrites conditional)) {
            write(id, attribute, value);
            return true;
        }
        cache.invalidate(id, attribute);
        if (!conditional.writeIfAbsent(id, attribute, document(id, value))) {
            return false;
        }
        cache.put(id, attribute, value);
        return true;
    }

    /** The stored form of a value: GeoTrellis's {@code [layerId, value]}, compact UTF-8 JSON. */
    private static byte[] document(LayerId id, JsonNode value) {
        return LayerJson.toText(LayerJson.attribute(id, value)).getBytes(StandardCharsets.UTF_8);
    }

    boolean delete(LayerId id, String attribute) {
        cache.invalidate(id, attribute);
        return storage.delete(id, attribute);
    }

    List<String> names(LayerId id) {
        return storage.attributes(id).stream().sorted().toList();
    }

    static void requireUserAttribute(String attribute) {
        if (RESERVED.contains(attribute)) {
            throw new IllegalArgumentException("attribute '" + attribute + "' is managed by the catalog and cannot be"
                    + " written or deleted directly; write, update or delete the layer instead");
        }
    }

    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }
}
