package io.tessera.catalog.spi;

import io.tessera.catalog.model.LayerId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How a backend keeps layer attributes: opaque UTF-8 JSON documents addressed by layer id and
 * attribute name. The document is the whole stored value (GeoTrellis's {@code [layerId, value]}
 * array); the core builds and parses it, caches it, and decides what to write when. A backend only
 * moves bytes, with each write replacing the document atomically.
 *
 * <p>Failures are reported as {@link io.tessera.catalog.CatalogIOException} naming the object.
 */
public interface AttributeStorage {

    /** The stored document, or empty when there is none. */
    Optional<byte[]> read(LayerId id, String attribute);

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
