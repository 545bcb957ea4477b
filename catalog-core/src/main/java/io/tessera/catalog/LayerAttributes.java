package io.tessera.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.exceptions.AttributeNotFoundException;
import io.tessera.catalog.format.LayerJson;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.store.Names;
import java.util.List;
import java.util.Optional;

/**
 * The attributes of one layer id: read, write and delete named JSON values. Values are any
 * Jackson-mappable object or a JSON tree. The catalog's own attributes ({@code metadata} and the
 * other layer-definition names) can be read but not written or deleted here.
 */
public final class LayerAttributes {

    private final AttributeStore store;
    private final LayerId id;

    LayerAttributes(AttributeStore store, LayerId id) {
        this.store = store;
        this.id = id;
    }

    /** The layer id these attributes belong to. */
    public LayerId id() {
        return id;
    }

    /**
     * The attribute's value.
     *
     * @throws AttributeNotFoundException when the layer has no such attribute
     */
    public JsonNode read(String attribute) {
        return find(attribute).orElseThrow(() -> new AttributeNotFoundException(id, attribute, store.location()));
    }

    /**
     * The attribute's value mapped to {@code type} with Jackson.
     *
     * @throws AttributeNotFoundException when the layer has no such attribute
     * @throws IllegalArgumentException when the stored value does not map to {@code type}
     */
    public <T> T read(String attribute, Class<T> type) {
        JsonNode v = read(attribute);
        try {
            return LayerJson.MAPPER.treeToValue(v, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attribute '" + attribute + "' of layer " + id + " is not a "
                    + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The attribute's value, or empty when absent. */
    public Optional<JsonNode> find(String attribute) {
        return store.find(id, attribute);
    }

    /**
     * Stores a value, replacing any previous one.
     *
     * @throws IllegalArgumentException for a reserved or malformed name, or a value Jackson cannot map
     */
    public void write(String attribute, Object value) {
        Names.requireLayerName(id.name());
        Names.requireAttributeName(attribute);
        AttributeStore.requireUserAttribute(attribute);
        JsonNode tree;
        try {
            tree = value instanceof JsonNode n ? n : LayerJson.MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot store attribute '" + attribute + "' as JSON: " + e.getMessage(), e);
        }
        store.write(id, attribute, tree);
    }

    /**
     * Removes an attribute; returns false when there was none.
     *
     * @throws IllegalArgumentException for a reserved name
     */
    public boolean delete(String attribute) {
        AttributeStore.requireUserAttribute(attribute);
        return store.delete(id, attribute);
    }

    /** The names of the attributes stored for this id, sorted. */
    public List<String> names() {
        return store.names(id);
    }

    @Override
    public String toString() {
        return "LayerAttributes(" + store.location() + ", " + id.name() + ", " + id.zoom() + ")";
    }
}
