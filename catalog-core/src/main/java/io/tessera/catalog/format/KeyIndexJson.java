package io.tessera.catalog.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.index.HilbertSpaceTimeKeyIndex;
import io.tessera.catalog.index.HilbertSpatialKeyIndex;
import io.tessera.catalog.index.KeyIndex;
import io.tessera.catalog.index.RowMajorSpatialKeyIndex;
import io.tessera.catalog.index.ZSpaceTimeKeyIndex;
import io.tessera.catalog.index.ZSpatialKeyIndex;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import java.util.Optional;

/**
 * The {@code keyIndex} JSON GeoTrellis stores with a layer: {@code {"type":…,"properties":{…}}}
 * with the properties of each index in GeoTrellis's order. The same name
 * {@code temporalResolution} means milliseconds per bin for z-order and bits for Hilbert.
 */
public final class KeyIndexJson {

    private KeyIndexJson() {
    }

    /** The stored JSON of an index. */
    public static ObjectNode write(KeyIndex<?> index) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("type", index.type());
        ObjectNode p = n.putObject("properties");
        p.set("keyBounds", LayerJson.bounds(Optional.of(index.keyBounds())));
        if (index instanceof HilbertSpatialKeyIndex h) {
            p.put("xResolution", h.xResolution());
            p.put("yResolution", h.yResolution());
        } else if (index instanceof HilbertSpaceTimeKeyIndex h) {
            p.put("xResolution", h.xResolution());
            p.put("yResolution", h.yResolution());
            p.put("temporalResolution", h.temporalResolution());
        } else if (index instanceof ZSpaceTimeKeyIndex z) {
            p.put("temporalResolution", z.temporalResolution());
        }
        return n;
    }

    /**
     * Reads a stored index for keys of {@code keyType}.
     *
     * @throws LayerFormatException naming the problem when the type is unknown for the key type or
     *     a property is missing or malformed
     */
    @SuppressWarnings("unchecked")
    public static <K extends LayerKey> KeyIndex<K> read(JsonNode n, KeyType keyType, String where) {
        String type = LayerJson.textField(n, "type", where);
        JsonNode p = LayerJson.field(n, "properties", where);
        String pw = where + ".properties";
        try {
            if (keyType == KeyType.SPATIAL) {
                KeyBounds<SpatialKey> kb = LayerJson.readKeyBounds(LayerJson.field(p, "keyBounds", pw), keyType, pw + ".keyBounds");
                switch (type) {
                    case "zorder":
                        return (KeyIndex<K>) new ZSpatialKeyIndex(kb);
                    case "hilbert":
                        return (KeyIndex<K>) new HilbertSpatialKeyIndex(kb,
                                LayerJson.intField(p, "xResolution", pw), LayerJson.intField(p, "yResolution", pw));
                    case "rowmajor":
                        return (KeyIndex<K>) new RowMajorSpatialKeyIndex(kb);
                    default:
                        break;
                }
            } else {
                KeyBounds<SpaceTimeKey> kb = LayerJson.readKeyBounds(LayerJson.field(p, "keyBounds", pw), keyType, pw + ".keyBounds");
                switch (type) {
                    case "zorder":
                        return (KeyIndex<K>) new ZSpaceTimeKeyIndex(kb, LayerJson.longField(p, "temporalResolution", pw));
                    case "hilbert":
                        return (KeyIndex<K>) new HilbertSpaceTimeKeyIndex(kb, LayerJson.intField(p, "xResolution", pw),
                                LayerJson.intField(p, "yResolution", pw), LayerJson.intField(p, "temporalResolution", pw));
                    default:
                        break;
                }
            }
        } catch (LayerFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new LayerFormatException(where + ": " + e.getMessage(), e);
        }
        throw new LayerFormatException(where + ": unsupported key index type '" + type + "' for "
                + (keyType == KeyType.SPATIAL ? "spatial" : "space-time")
                + " keys; supported: zorder, hilbert" + (keyType == KeyType.SPATIAL ? ", rowmajor" : ""));
    }
}
