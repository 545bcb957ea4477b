package io.tessera.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.Backends;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.store.Attributes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The attributes of a catalog's layers, as GeoTrellis's {@code AttributeStore}: each layer's
 * definition and any user attributes (a histogram, notes, ...) stored beside it. Every backend
 * answers the same names: {@code metadata} is the layer's {@code TileLayerMetadata}, and
 * {@code header}, {@code keyIndex} and {@code schema} the other parts of its definition, whether the
 * backend keeps them in one document (file, S3) or four (the table stores).
 *
 * <p>Values are cached in process (1,000 entries, 60 minutes per catalog). Every store and
 * {@link Catalog} of the same catalog in this JVM shares one cache, and a write or delete updates it
 * before returning, so nothing in this JVM is served a value older than a write made in it; changes
 * made by other processes are seen once the cached entry expires.
 */
public final class AttributeStore implements AutoCloseable {

    /** The attribute that holds a layer's metadata; its presence makes a layer exist. */
    public static final String METADATA = "metadata";

    private static final ConcurrentMap<String, AttributeStore> CACHED = new ConcurrentHashMap<>();

    private final Attributes attributes;
    private final CatalogStorage owned;

    AttributeStore(Attributes attributes, CatalogStorage owned) {
        this.attributes = attributes;
        this.owned = owned;
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
        return new AttributeStore(new Attributes(s.attributes(), s.location()), s);
    }

    /**
     * The one shared store for this exact URI string in this JVM, opened on first use. Closing it
     * has no effect: it lives as long as the JVM.
     */
    public static AttributeStore cached(String uri) {
        return CACHED.computeIfAbsent(uri, u -> {
            CatalogStorage s = Backends.open(u, Map.of());
            return new AttributeStore(new Attributes(s.attributes(), s.location()), null);
        });
    }

    /** True when the layer exists: it has a {@code metadata} attribute. */
    public boolean contains(String name, int zoom) {
        return attributes.exists(new LayerId(name, zoom));
    }

    /** Every layer (id with a {@code metadata} attribute), by name then zoom. */
    public List<LayerId> layers() {
        return attributes.layers();
    }

    /** The attributes of one layer id; the layer need not exist (user attributes can stand alone). */
    public LayerAttributes layer(String name, int zoom) {
        return new LayerAttributes(this, new LayerId(name, zoom));
    }

    /** Where the catalog is, for messages. */
    public String location() {
        return attributes.location();
    }

    Optional<JsonNode> find(LayerId id, String attribute) {
        return attributes.find(id, attribute);
    }

    void write(LayerId id, String attribute, JsonNode value) {
        attributes.write(id, attribute, value);
    }

    boolean delete(LayerId id, String attribute) {
        return attributes.delete(id, attribute);
    }

    List<String> names(LayerId id) {
        return attributes.names(id);
    }

    static void requireUserAttribute(String attribute) {
        if (Attributes.RESERVED.contains(attribute)) {
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
