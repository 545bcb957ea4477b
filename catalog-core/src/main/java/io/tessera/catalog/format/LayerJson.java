package io.tessera.catalog.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.TileLayout;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.CellType;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the JSON shapes GeoTrellis 3.x stores for layers: keys, key bounds, extents,
 * layouts, {@code TileLayerMetadata}, headers and layer ids. Members are written in GeoTrellis's
 * order and numbers in its style, so a written value is byte-identical to GeoTrellis's; reading
 * finds members by name and accepts any number form.
 *
 * <p>Errors are {@link LayerFormatException}s naming the member that is missing or malformed.
 */
public final class LayerJson {

    /** The shared mapper: compact output, no features that change number printing. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private LayerJson() {
    }

    // ---- keys and bounds ----

    /** {@code {"col":c,"row":r}} or {@code {"col":c,"row":r,"instant":ms}}. */
    public static ObjectNode key(LayerKey key) {
        ObjectNode n = NODES.objectNode();
        n.put("col", key.col());
        n.put("row", key.row());
        if (key instanceof SpaceTimeKey t) {
            n.put("instant", t.instant());
        }
        return n;
    }

    /** Reads a key of the given type. */
    @SuppressWarnings("unchecked")
    public static <K extends LayerKey> K readKey(JsonNode n, KeyType type, String where) {
        int col = intField(n, "col", where);
        int row = intField(n, "row", where);
        if (type == KeyType.SPATIAL) {
            return (K) new SpatialKey(col, row);
        }
        // Very old catalogs named the time field "millis".
        JsonNode t = n.has("instant") ? n.get("instant") : n.get("millis");
        if (t == null || !t.canConvertToLong() || !t.isIntegralNumber()) {
            throw new LayerFormatException(where + ": space-time key needs an integer 'instant' (epoch ms), got " + n);
        }
        return (K) new SpaceTimeKey(col, row, t.longValue());
    }

    /** {@code {"minKey":…,"maxKey":…}}, or {@code {}} for empty bounds. */
    public static ObjectNode bounds(Optional<? extends KeyBounds<?>> bounds) {
        ObjectNode n = NODES.objectNode();
        bounds.ifPresent(b -> {
            n.set("minKey", key(b.minKey()));
            n.set("maxKey", key(b.maxKey()));
        });
        return n;
    }

    /** Key bounds, or empty for GeoTrellis's {@code EmptyBounds} ({@code {}}). */
    public static <K extends LayerKey> Optional<KeyBounds<K>> readBounds(JsonNode n, KeyType type, String where) {
        if (n == null || !n.isObject()) {
            throw new LayerFormatException(where + ": expected a bounds object, got " + n);
        }
        if (n.isEmpty()) {
            return Optional.empty();
        }
        K min = readKey(field(n, "minKey", where), type, where + ".minKey");
        K max = readKey(field(n, "maxKey", where), type, where + ".maxKey");
        try {
            return Optional.of(new KeyBounds<>(min, max));
        } catch (IllegalArgumentException e) {
            throw new LayerFormatException(where + ": " + e.getMessage(), e);
        }
    }

    /** Non-empty key bounds. */
    public static <K extends LayerKey> KeyBounds<K> readKeyBounds(JsonNode n, KeyType type, String where) {
        return LayerJson.<K>readBounds(n, type, where)
                .orElseThrow(() -> new LayerFormatException(where + ": key bounds are empty"));
    }

    // ---- extent, layout, metadata ----

    /** {@code {"xmin":…,"ymin":…,"xmax":…,"ymax":…}}. */
    public static ObjectNode extent(Extent e) {
        ObjectNode n = NODES.objectNode();
        n.put("xmin", e.xmin());
        n.put("ymin", e.ymin());
        n.put("xmax", e.xmax());
        n.put("ymax", e.ymax());
        return n;
    }

    public static Extent readExtent(JsonNode n, String where) {
        try {
            return new Extent(doubleField(n, "xmin", where), doubleField(n, "ymin", where),
                    doubleField(n, "xmax", where), doubleField(n, "ymax", where));
        } catch (IllegalArgumentException e) {
            if (e instanceof LayerFormatException) {
                throw e;
            }
            throw new LayerFormatException(where + ": " + e.getMessage(), e);
        }
    }

    /** {@code {"extent":…,"tileLayout":{"layoutCols":…,"layoutRows":…,"tileCols":…,"tileRows":…}}}. */
    public static ObjectNode layout(LayoutDefinition l) {
        ObjectNode n = NODES.objectNode();
        n.set("extent", extent(l.extent()));
        ObjectNode tl = n.putObject("tileLayout");
        tl.put("layoutCols", l.tileLayout().layoutCols());
        tl.put("layoutRows", l.tileLayout().layoutRows());
        tl.put("tileCols", l.tileLayout().tileCols());
        tl.put("tileRows", l.tileLayout().tileRows());
        return n;
    }

    public static LayoutDefinition readLayout(JsonNode n, String where) {
        Extent e = readExtent(field(n, "extent", where), where + ".extent");
        JsonNode tl = field(n, "tileLayout", where);
        String w = where + ".tileLayout";
        try {
            return new LayoutDefinition(e, new TileLayout(intField(tl, "layoutCols", w), intField(tl, "layoutRows", w),
                    intField(tl, "tileCols", w), intField(tl, "tileRows", w)));
        } catch (IllegalArgumentException ex) {
            if (ex instanceof LayerFormatException) {
                throw ex;
            }
            throw new LayerFormatException(where + ": " + ex.getMessage(), ex);
        }
    }

    /** A {@code TileLayerMetadata} object in GeoTrellis's member order. */
    public static ObjectNode metadata(TileLayerMetadata<?> m) {
        ObjectNode n = NODES.objectNode();
        n.put("cellType", m.cellType().name());
        n.set("layoutDefinition", layout(m.layout()));
        n.set("extent", extent(m.extent()));
        n.put("crs", m.crs().toProj4());
        n.set("bounds", bounds(m.bounds()));
        return n;
    }

    public static <K extends LayerKey> TileLayerMetadata<K> readMetadata(JsonNode n, KeyType type, String where) {
        if (n == null || !n.isObject()) {
            throw new LayerFormatException(where + ": expected a metadata object, got " + n);
        }
        CellType cellType;
        try {
            cellType = CellType.fromName(textField(n, "cellType", where));
        } catch (IllegalArgumentException e) {
            throw new LayerFormatException(where + ".cellType: " + e.getMessage(), e);
        }
        CRS crs;
        try {
            crs = CRS.fromProj4(textField(n, "crs", where));
        } catch (IllegalArgumentException e) {
            throw new LayerFormatException(where + ".crs: " + e.getMessage(), e);
        }
        return new TileLayerMetadata<>(cellType, readLayout(field(n, "layoutDefinition", where), where + ".layoutDefinition"),
                readExtent(field(n, "extent", where), where + ".extent"), crs,
                readBounds(field(n, "bounds", where), type, where + ".bounds"));
    }

    // ---- header and layer id ----

    /** Header members: keyClass, valueClass, the location fields, layerType, format (GeoTrellis's order). */
    public static ObjectNode header(LayerHeader h) {
        ObjectNode n = NODES.objectNode();
        n.put("keyClass", h.keyClass());
        n.put("valueClass", h.valueClass());
        h.location().forEach(n::put);
        n.put("layerType", h.layerType());
        n.put("format", h.format());
        return n;
    }

    public static LayerHeader readHeader(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new LayerFormatException(where + ": expected a header object, got " + n);
        }
        Map<String, String> location = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "keyClass", "valueClass", "layerType", "format" -> {
                }
                default -> {
                    if (f.getValue().isTextual()) {
                        location.put(f.getKey(), f.getValue().textValue());
                    }
                }
            }
        }
        JsonNode layerType = n.get("layerType");
        return new LayerHeader(textField(n, "format", where), textField(n, "keyClass", where),
                textField(n, "valueClass", where),
                layerType == null || layerType.isNull() ? LayerHeader.AVRO_LAYER_TYPE : layerType.asText(), location);
    }

    /** {@code {"name":…,"zoom":…}}. */
    public static ObjectNode layerId(LayerId id) {
        ObjectNode n = NODES.objectNode();
        n.put("name", id.name());
        n.put("zoom", id.zoom());
        return n;
    }

    public static LayerId readLayerId(JsonNode n, String where) {
        try {
            return new LayerId(textField(n, "name", where), intField(n, "zoom", where));
        } catch (IllegalArgumentException e) {
            if (e instanceof LayerFormatException) {
                throw e;
            }
            throw new LayerFormatException(where + ": " + e.getMessage(), e);
        }
    }

    // ---- attribute values ----

    /** The stored form of any attribute: the two-element array {@code [layerId, value]}. */
    public static ArrayNode attribute(LayerId id, JsonNode value) {
        ArrayNode a = NODES.arrayNode(2);
        a.add(layerId(id));
        a.add(value);
        return a;
    }

    /** The value of a stored attribute ({@code [layerId, value]}). */
    public static JsonNode readAttributeValue(JsonNode stored, String where) {
        if (stored == null || !stored.isArray() || stored.size() != 2) {
            throw new LayerFormatException(where + ": an attribute must be a JSON array [layerId, value]");
        }
        return stored.get(1);
    }

    /** Compact JSON text, as GeoTrellis writes attributes. */
    public static String toText(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON tree", e);
        }
    }

    /** Parses JSON text. */
    public static JsonNode parse(String text, String where) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new LayerFormatException(where + ": not valid JSON: " + oneLine(e.getOriginalMessage()), e);
        }
    }

    /** Parses JSON bytes (UTF-8). */
    public static JsonNode parse(byte[] utf8, String where) {
        try {
            return MAPPER.readTree(utf8);
        } catch (JsonProcessingException e) {
            String at = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new LayerFormatException(where + ": not valid JSON: " + oneLine(e.getOriginalMessage()) + at, e);
        } catch (java.io.IOException e) {
            throw new LayerFormatException(where + ": cannot be read: " + oneLine(e.getMessage()), e);
        }
    }

    /** Jackson's messages may span lines; errors here are one line. */
    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*\\R\\s*", " ");
    }

    // ---- member access with errors that say where ----

    static JsonNode field(JsonNode n, String name, String where) {
        JsonNode v = n == null ? null : n.get(name);
        if (v == null || v.isNull()) {
            throw new LayerFormatException(where + ": missing '" + name + "'");
        }
        return v;
    }

    static int intField(JsonNode n, String name, String where) {
        JsonNode v = field(n, name, where);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new LayerFormatException(where + "." + name + ": expected a 32-bit integer, got " + v);
        }
        return v.intValue();
    }

    static long longField(JsonNode n, String name, String where) {
        JsonNode v = field(n, name, where);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new LayerFormatException(where + "." + name + ": expected an integer, got " + v);
        }
        return v.longValue();
    }

    static double doubleField(JsonNode n, String name, String where) {
        JsonNode v = field(n, name, where);
        if (!v.isNumber()) {
            throw new LayerFormatException(where + "." + name + ": expected a number, got " + v);
        }
        return v.doubleValue();
    }

    static String textField(JsonNode n, String name, String where) {
        JsonNode v = field(n, name, where);
        if (!v.isTextual()) {
            throw new LayerFormatException(where + "." + name + ": expected a string, got " + v);
        }
        return v.textValue();
    }
}
