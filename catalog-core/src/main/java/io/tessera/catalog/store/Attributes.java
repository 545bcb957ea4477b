package io.tessera.catalog.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.exceptions.LayerNotFoundException;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.format.LayerFormatException;
import io.tessera.catalog.format.PendingChange;
import io.tessera.catalog.format.RecordInventory;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.AttributeLayout;
import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.LayerClaims;
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

    /**
     * Names the library writes itself (GeoTrellis's discrete stores keep the four definition parts
     * apart; every layout keeps the record inventory apart); users may not.
     */
    public static final Set<String> RESERVED = Set.of("header", "metadata", "keyIndex", "schema",
            RecordInventory.ATTRIBUTE, LayerClaims.ATTRIBUTE);

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
        List<String> names = new ArrayList<>(definitions.storedNames());
        names.add(RecordInventory.ATTRIBUTE);
        Map<String, byte[]> stored = storage.read(id, names);
        LayerDescriptor<?> d = definitions.read(id, stored, location)
                .orElseThrow(() -> new LayerNotFoundException(id, location));
        LayerDocuments documents = definitions.stored(stored);
        d = d.withInventory(inventory(id, stored.get(RecordInventory.ATTRIBUTE), documents));
        cache.putDefinition(id, d);
        return new Current(d, documents);
    }

    /** The stored inventory when it belongs to exactly these documents; a stale or unreadable one is not used. */
    private Optional<RecordInventory> inventory(LayerId id, byte[] doc, LayerDocuments documents) {
        if (doc == null) {
            return Optional.empty();
        }
        try {
            JsonNode value = LayerDefinitions.value(id, RecordInventory.ATTRIBUTE, doc, location);
            if (!RecordInventory.definitionOf(value).equals(LayerDefinitions.digest(documents))) {
                return Optional.empty();
            }
            return Optional.of(RecordInventory.fromJson(value, "attribute '" + RecordInventory.ATTRIBUTE + "' of layer "
                    + id + " in " + location));
        } catch (LayerFormatException unreadable) {
            // Only an accelerator and a check: without it the layer reads as a GeoTrellis-written one.
            return Optional.empty();
        }
    }

    /** The stored inventory if it belongs to exactly {@code documents}. */
    Optional<RecordInventory> inventoryOf(LayerId id, LayerDocuments documents) {
        return storage.read(id, RecordInventory.ATTRIBUTE).flatMap(doc -> inventory(id, doc, documents));
    }

    /** Stores the inventory of the definition committed as {@code documents}. */
    void writeInventory(LayerId id, LayerDocuments documents, RecordInventory inventory) {
        storage.write(id, RecordInventory.ATTRIBUTE, LayerDefinitions.document(id,
                inventory.toJson(LayerDefinitions.digest(documents))));
    }

    /** Removes a layer's inventory, if it has one. */
    void removeInventory(LayerId id) {
        storage.delete(id, RecordInventory.ATTRIBUTE);
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
        Optional<JsonNode> found = LayerDefinitions.PARTS.contains(attribute) && definitions.layout() == AttributeLayout.BLOB
                ? stored(id, LayerDocuments.PRESENCE).map(blob -> blob.get(attribute)).map(JsonNode::deepCopy)
                : stored(id, attribute);
        if (attribute.equals("metadata")) {
            // Every value handed out is a copy: removing the mark of a running change touches nothing cached.
            found.filter(ObjectNode.class::isInstance).ifPresent(m -> ((ObjectNode) m).remove(PendingChange.FIELD));
        }
        return found;
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

    /**
     * The attribute names of a layer id as users see them (the four definition parts for a layer, and
     * user attributes; not the record inventory), sorted.
     */
    public List<String> names(LayerId id) {
        Set<String> names = new TreeSet<>(storage.attributes(id));
        names.remove(RecordInventory.ATTRIBUTE);
        if (names.contains(LayerDocuments.PRESENCE)) {
            names.addAll(LayerDefinitions.PARTS);
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
