package io.tessera.catalog.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.index.IndexNames;
import io.tessera.catalog.index.KeyIndex;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.LayerKey;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Everything a catalog stores to define one layer: GeoTrellis's {@code metadata} attribute value
 * {@code {"header":…,"metadata":…,"keyIndex":…,"schema":…}}. The schema is the Avro writer schema
 * of the layer's records, needed to decode them. The {@link RecordInventory}, kept in an attribute
 * of its own, comes along when the layer has one (GeoTrellis-written layers do not); it is not part
 * of the blob. A {@link PendingChange} is, inside {@code metadata}, while a change of the layer's
 * records runs.
 *
 * @param <K> the layer's key type
 */
public record LayerDescriptor<K extends LayerKey>(LayerHeader header, TileLayerMetadata<K> metadata,
        KeyIndex<K> keyIndex, Schema schema, Optional<RecordInventory> inventory, Optional<PendingChange> pending) {

    public LayerDescriptor {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(keyIndex, "keyIndex");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(pending, "pending");
    }

    /** A definition whose records are not inventoried (yet), with no change pending. */
    public LayerDescriptor(LayerHeader header, TileLayerMetadata<K> metadata, KeyIndex<K> keyIndex, Schema schema) {
        this(header, metadata, keyIndex, schema, Optional.empty(), Optional.empty());
    }

    /** This definition with another record inventory. */
    public LayerDescriptor<K> withInventory(Optional<RecordInventory> records) {
        return new LayerDescriptor<>(header, metadata, keyIndex, schema, records, pending);
    }

    /** This definition with a change pending, or none. */
    public LayerDescriptor<K> withPending(Optional<PendingChange> change) {
        return new LayerDescriptor<>(header, metadata, keyIndex, schema, inventory, change);
    }

    /** The key type named in the header. */
    public KeyType keyType() {
        return header.keyType();
    }

    /** Width of zero-padded record names (digits of the index of the key index's max key). */
    public int indexWidth() {
        return IndexNames.width(keyIndex);
    }

    /** The blob in GeoTrellis's member order; the schema is embedded as a JSON object. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.set("header", LayerJson.header(header));
        ObjectNode md = LayerJson.metadata(metadata);
        pending.ifPresent(p -> md.set(PendingChange.FIELD, p.toJson()));
        n.set("metadata", md);
        n.set("keyIndex", KeyIndexJson.write(keyIndex));
        n.set("schema", LayerJson.parse(schema.toString(), "Avro schema"));
        return n;
    }

    /**
     * Reads a stored blob.
     *
     * @throws LayerFormatException naming what is missing or malformed; for a GeoTrellis COG layer,
     *     saying that COG layers are not supported
     */
    public static LayerDescriptor<?> fromJson(JsonNode blob, String where) {
        if (blob == null || !blob.isObject()) {
            throw new LayerFormatException(where + ": expected an object with header, metadata, keyIndex and schema");
        }
        LayerHeader header = LayerJson.readHeader(LayerJson.field(blob, "header", where), where + ".header");
        if (!header.isAvroLayer()) {
            throw new LayerFormatException(where + ": layer type '" + header.layerType()
                    + "' is not supported; only Avro tile layers (AvroLayerType) can be read");
        }
        KeyType keyType;
        try {
            keyType = header.keyType();
        } catch (IllegalArgumentException e) {
            throw new LayerFormatException(where + ".header: " + e.getMessage(), e);
        }
        return read(blob, header, keyType, where);
    }

    private static <K extends LayerKey> LayerDescriptor<K> read(JsonNode blob, LayerHeader header, KeyType keyType,
            String where) {
        JsonNode mdJson = LayerJson.field(blob, "metadata", where);
        TileLayerMetadata<K> md = LayerJson.readMetadata(mdJson, keyType, where + ".metadata");
        Optional<PendingChange> pending = mdJson.has(PendingChange.FIELD)
                ? Optional.of(PendingChange.fromJson(mdJson.get(PendingChange.FIELD), where + ".metadata."
                        + PendingChange.FIELD))
                : Optional.empty();
        KeyIndex<K> index = KeyIndexJson.read(LayerJson.field(blob, "keyIndex", where), keyType, where + ".keyIndex");
        Schema schema;
        try {
            schema = new Schema.Parser().parse(LayerJson.toText(LayerJson.field(blob, "schema", where)));
        } catch (SchemaParseException e) {
            throw new LayerFormatException(where + ".schema: not a valid Avro schema: " + e.getMessage(), e);
        }
        return new LayerDescriptor<>(header, md, index, schema, Optional.empty(), pending);
    }
}
