package io.tessera.catalog.spi;

import io.tessera.catalog.model.LayerId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a backend keeps attributes: opaque UTF-8 JSON documents addressed by layer id and attribute
 * name. A document is the whole stored value (GeoTrellis's {@code [layerId, value]} array); the core
 * builds and parses it, caches it and decides what to write when. A backend only moves bytes.
 *
 * <p>The documents that define a layer (see {@link #layout()}) are written only through
 * {@link LayerCommits}; {@link #write} and {@link #delete} serve user attributes and clean-up.
 * Failures are reported as {@link io.tessera.catalog.exceptions.CatalogIOException} naming the object.
 */
public interface AttributeStorage {

    /**
     * The attribute the core keeps a layer's record inventory in (the indexes holding records),
     * beside the definition documents; GeoTrellis ignores it. Backends that must declare attribute
     * names ahead (a column family each) declare it with the definition's.
     */
    String INVENTORY = "recordInventory";

    /** Whether a layer's definition is one blob document or four discrete ones. */
    AttributeLayout layout();

    /** The stored document, or empty when there is none. */
    Optional<byte[]> read(LayerId id, String attribute);

    /**
     * Several documents of one layer id, those that exist. Backends that keep a layer's attributes
     * in one row answer it with one request; the default reads them one by one.
     */
    default Map<String, byte[]> read(LayerId id, Collection<String> attributes) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String a : attributes) {
            read(id, a).ifPresent(d -> out.put(a, d));
        }
        return out;
    }

    /** Stores the document, replacing any previous one atomically (readers see old or new, never a mix). */
    void write(LayerId id, String attribute, byte[] document);

    /** Removes one document; returns false when there was none. */
    boolean delete(LayerId id, String attribute);

    /** The attribute names stored for a layer id. */
    List<String> attributes(LayerId id);

    /**
     * The layer ids that have an attribute of this name. Called with {@code "metadata"} to list
     * layers, so backends should answer it without reading every attribute.
     */
    Set<LayerId> layersWith(String attribute);
}
