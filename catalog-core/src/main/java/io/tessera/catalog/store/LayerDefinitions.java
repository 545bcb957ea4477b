package io.tessera.catalog.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.format.LayerFormatException;
import io.tessera.catalog.format.LayerJson;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.AttributeLayout;
import io.tessera.catalog.spi.LayerDocuments;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A layer's definition (header, metadata, key index, schema) as the attribute documents of one
 * {@link AttributeLayout}, both ways. Every document is GeoTrellis's {@code [layerId, value]} in
 * compact JSON, so GeoTrellis reads what this writes on every backend.
 */
public final class LayerDefinitions {

    /** The four parts of a definition, in the order GeoTrellis's blob holds them. */
    public static final List<String> PARTS = List.of("header", "metadata", "keyIndex", "schema");

    private final AttributeLayout layout;

    public LayerDefinitions(AttributeLayout layout) {
        this.layout = layout;
    }

    /** The layout these definitions are in. */
    public AttributeLayout layout() {
        return layout;
    }

    /** The attribute names a definition is stored under. */
    public List<String> storedNames() {
        return layout == AttributeLayout.BLOB ? List.of(LayerDocuments.PRESENCE) : PARTS;
    }

    /** The documents of a definition; in the discrete layout {@code metadata} comes last, as the commit's mark. */
    public LayerDocuments documents(LayerId id, LayerDescriptor<?> d) {
        ObjectNode blob = d.toJson();
        Map<String, byte[]> docs = new LinkedHashMap<>();
        if (layout == AttributeLayout.BLOB) {
            docs.put(LayerDocuments.PRESENCE, document(id, blob));
        } else {
            for (String part : List.of("header", "keyIndex", "schema", "metadata")) {
                docs.put(part, document(id, blob.get(part)));
            }
        }
        return LayerDocuments.of(docs);
    }

    /**
     * The definition in stored documents, or empty when the layer does not exist (no
     * {@code metadata}).
     *
     * @throws CatalogException when a document is missing or malformed, saying which and where
     */
    public Optional<LayerDescriptor<?>> read(LayerId id, Map<String, byte[]> stored, String catalog) {
        if (!stored.containsKey(LayerDocuments.PRESENCE)) {
            return Optional.empty();
        }
        String where = "layer " + id + " in " + catalog;
        try {
            JsonNode blob;
            if (layout == AttributeLayout.BLOB) {
                blob = value(id, LayerDocuments.PRESENCE, stored.get(LayerDocuments.PRESENCE), catalog);
            } else {
                ObjectNode assembled = LayerJson.MAPPER.createObjectNode();
                for (String part : PARTS) {
                    byte[] doc = stored.get(part);
                    if (doc == null) {
                        throw new LayerFormatException(where + ": attribute '" + part + "' is missing");
                    }
                    assembled.set(part, value(id, part, doc, catalog));
                }
                blob = assembled;
            }
            return Optional.of(LayerDescriptor.fromJson(blob, where + " metadata"));
        } catch (LayerFormatException e) {
            throw new CatalogException(e.getMessage(), e);
        }
    }

    /** The documents of a definition as stored, read with one call where the backend can. */
    public LayerDocuments stored(Map<String, byte[]> stored) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String name : storedNames()) {
            if (stored.containsKey(name)) {
                m.put(name, stored.get(name));
            }
        }
        return LayerDocuments.of(m);
    }

    /**
     * The value of a stored attribute document.
     *
     * @throws LayerFormatException when it is not JSON or not {@code [layerId, value]}
     */
    public static JsonNode value(LayerId id, String attribute, byte[] document, String catalog) {
        String where = "attribute '" + attribute + "' of layer " + id + " in " + catalog;
        return LayerJson.readAttributeValue(LayerJson.parse(document, where), where);
    }

    /** The stored form of a value: GeoTrellis's {@code [layerId, value]}, compact UTF-8 JSON. */
    public static byte[] document(LayerId id, JsonNode value) {
        return LayerJson.toText(LayerJson.attribute(id, value)).getBytes(StandardCharsets.UTF_8);
    }
}
