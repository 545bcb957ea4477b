package io.tessera.catalog.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.format.KeyIndexJson;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.format.LayerFormatException;
import io.tessera.catalog.format.LayerHeader;
import io.tessera.catalog.format.LayerJson;
import io.tessera.catalog.index.IndexNames;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.index.KeyIndex;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.spi.AttributeLayout;
import io.tessera.catalog.spi.LayerDocuments;
import io.tessera.catalog.spi.RecordLocation;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A layer's definition (header, metadata, key index, schema) as the attribute documents of one
 * {@link AttributeLayout}, both ways. Every document is GeoTrellis's {@code [layerId, value]} in
 * compact JSON, so GeoTrellis reads what this writes on every backend.
 */
final class LayerDefinitions {

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

    /**
     * Where a layer whose definition cannot be read keeps its records, as far as its documents still
     * tell: the header's location fields and the key index's ranges when those parts parse, else the
     * location a new layer of that id gets and every index. Only for removing a damaged layer.
     */
    RecordLocation salvage(LayerId id, Map<String, byte[]> stored, Map<String, String> defaultLocation) {
        JsonNode header = part(id, stored, "header");
        JsonNode keyIndex = part(id, stored, "keyIndex");
        Map<String, String> fields = defaultLocation;
        List<IndexRange> ranges = List.of(new IndexRange(0, Long.MAX_VALUE));
        int width = 0;
        try {
            LayerHeader h = LayerJson.readHeader(header, "header");
            fields = h.location();
            KeyIndex<?> index = KeyIndexJson.read(keyIndex, h.keyType(), "keyIndex");
            ranges = spanned(index);
            width = IndexNames.width(index);
        } catch (RuntimeException unreadable) {
            // What could be read is used; the rest falls back to the defaults above.
        }
        List<IndexRange> spanned = ranges;
        return RecordLocation.of(id, fields, width, () -> spanned);
    }

    private static <K extends LayerKey> List<IndexRange> spanned(KeyIndex<K> index) {
        return index.indexRanges(List.of(index.keyBounds()));
    }

    /** One part of a stored definition as JSON, or null when it cannot be read. */
    private JsonNode part(LayerId id, Map<String, byte[]> stored, String name) {
        try {
            if (layout == AttributeLayout.BLOB) {
                JsonNode blob = value(id, LayerDocuments.PRESENCE, stored.get(LayerDocuments.PRESENCE), "");
                return blob == null ? null : blob.get(name);
            }
            byte[] doc = stored.get(name);
            return doc == null ? null : value(id, name, doc, "");
        } catch (RuntimeException unreadable) {
            return null;
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

    /** A digest naming one stored definition: equal documents (in any order), equal digest. */
    static String digest(LayerDocuments documents) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String name : new TreeSet<>(documents.names())) {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                byte[] d = documents.get(name);
                sha.update(ByteBuffer.allocate(4).putInt(d.length).array());
                sha.update(d);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** The stored form of a value: GeoTrellis's {@code [layerId, value]}, compact UTF-8 JSON. */
    public static byte[] document(LayerId id, JsonNode value) {
        return LayerJson.toText(LayerJson.attribute(id, value)).getBytes(StandardCharsets.UTF_8);
    }
}
