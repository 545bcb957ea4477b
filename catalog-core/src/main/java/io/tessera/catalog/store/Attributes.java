package io.tessera.catalog.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.exceptions.LayerNotFoundException;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.format.LayerFormatException;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.AttributeLayout;
import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.LayerDocuments;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A catalog's attributes as users see them, the same on every backend whatever its
 * {@link AttributeLayout}: a layer's {@code header}, {@code metadata} (its {@code TileLayerMetadata}),
 * {@code keyIndex} and {@code schema}, and user attributes beside them. Values are cached per catalog
 * location in this JVM (see {@link AttributeCache}); every instance for one location shares the cache.
 */
public final class Attributes {

    /** Names the library writes itself (GeoTrellis's discrete stores keep these four apart); users may not. */
    public static final Set<String> RESERVED = Set.copyOf(LayerDefinitions.PARTS);

    private static final ConcurrentMap<String, AttributeCache> CACHES = new ConcurrentHashMap<>();

    private final AttributeStorage storage;
    private final String location;
    private final LayerDefinitions definitions;
    private final AttributeCache cache;

    public Attributes(AttributeStorage storage, String location) {
        this.storage = storage;
        this.location = location;
        this.definitions = new LayerDefinitions(storage.layout());
        this.cache = CACHES.computeIfAbsent(location, l -> new AttributeCache(1000, Duration.ofMinutes(60)));
    }

    /** Where the catalog is, for messages. */
    public String location() {
        return location;
    }

    LayerDefinitions definitions() {
        return definitions;
    }

    /** True when the layer exists: it has a {@code metadata} document. */
    public boolean exists(LayerId id) {
        return cache.definition(id).isPresent() || storage.read(id, LayerDocuments.PRESENCE).isPresent();
    }

    /** Every layer, by name then zoom. */
    public List<LayerId> layers() {
        return storage.layersWith(LayerDocuments.PRESENCE).stream()
                .sorted(Comparator.comparing(LayerId::name).thenComparingInt(LayerId::zoom))
                .toList();
    }

    /**
     * A layer's definition, from the cache when it has it.
     *
     * @throws LayerNotFoundException when the layer does not exist
     */
    public LayerDescriptor<?> definition(LayerId id) {
        Optional<LayerDescriptor<?>> hit = cache.definition(id);
        if (hit.isPresent()) {
            return hit.get();
        }
        return current(id).descriptor();
    }

    /** A layer's definition and the exact documents it was read from, read from storage (never the cache). */
    record Current(LayerDescriptor<?> descriptor, LayerDocuments documents) {
    }

    /**
     * The layer as stored now, for a change that must compare against it.
     *
     * @throws LayerNotFoundException when the layer does not exist
     */
    Current current(LayerId id) {
        Map<String, byte[]> stored = storage.read(id, definitions.storedNames());
        LayerDescriptor<?> d = definitions.read(id, stored, location)
                .orElseThrow(() -> new LayerNotFoundException(id, location));
        cache.putDefinition(id, d);
        return new Current(d, definitions.stored(stored));
    }

    /** A layer's documents as stored now, whether or not they can be read as a definition. */
    record Stored(Map<String, byte[]> raw, LayerDocuments documents) {
    }

    /**
     * The layer's documents as stored now, without reading them as a definition, so that a damaged
     * layer can still be removed.
     *
     * @throws LayerNotFoundException when the layer does not exist
     */
    Stored stored(LayerId id) {
        Map<String, byte[]> raw = storage.read(id, definitions.storedNames());
        if (!raw.containsKey(LayerDocuments.PRESENCE)) {
            throw new LayerNotFoundException(id, location);
        }
        return new Stored(raw, definitions.stored(raw));
    }

    /** Forgets what the cache holds for a layer, after its definition changed. */
    void changed(LayerId id) {
        cache.invalidate(id);
    }

    /** Remembers a definition just committed. */
    void committed(LayerId id, LayerDescriptor<?> d) {
        cache.invalidate(id);
        cache.putDefinition(id, d);
    }

    /**
     * An attribute's value, or empty when absent. The four definition names answer with that part of
     * the layer's definition on every backend.
     */
    public Optional<JsonNode> find(LayerId id, String attribute) {
        if (RESERVED.contains(attribute) && definitions.layout() == AttributeLayout.BLOB) {
            return stored(id, LayerDocuments.PRESENCE).map(blob -> blob.get(attribute)).map(JsonNode::deepCopy);
        }
        return stored(id, attribute);
    }

    private Optional<JsonNode> stored(LayerId id, String attribute) {
        Optional<JsonNode> hit = cache.get(id, attribute);
        if (hit.isPresent()) {
            return hit;
        }
        Optional<byte[]> doc = storage.read(id, attribute);
        if (doc.isEmpty()) {
            return Optional.empty();
        }
        JsonNode value;
        try {
            value = LayerDefinitions.value(id, attribute, doc.get(), location);
        } catch (LayerFormatException e) {
            throw new CatalogException(e.getMessage(), e);
        }
        cache.put(id, attribute, value);
        return Optional.of(value.deepCopy());
    }

    /** Stores a user attribute. */
    public void write(LayerId id, String attribute, JsonNode value) {
        cache.invalidate(id, attribute);
        storage.write(id, attribute, LayerDefinitions.document(id, value));
        cache.put(id, attribute, value);
    }

    /** Removes an attribute; false when there was none. */
    public boolean delete(LayerId id, String attribute) {
        cache.invalidate(id, attribute);
        return storage.delete(id, attribute);
    }

    /** The attribute names of a layer id as users see them (the four definition parts for a layer), sorted. */
    public List<String> names(LayerId id) {
        Set<String> names = new TreeSet<>(storage.attributes(id));
        if (names.contains(LayerDocuments.PRESENCE)) {
            names.addAll(RESERVED);
        }
        return new ArrayList<>(names);
    }

    /** The user attributes of a layer id (everything but its definition), sorted. */
    List<String> userAttributes(LayerId id) {
        List<String> out = new ArrayList<>();
        for (String n : new TreeSet<>(storage.attributes(id))) {
            if (!RESERVED.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }
}
