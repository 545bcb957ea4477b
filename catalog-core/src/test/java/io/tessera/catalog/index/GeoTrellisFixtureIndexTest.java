package io.tessera.catalog.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every tile of the GeoTrellis 3.7.1 fixture catalog: the index built from the layer's
 * {@code keyIndex} JSON gives GeoTrellis's index and file name for the tile's key.
 */
class GeoTrellisFixtureIndexTest {

    @Test
    void indexesAndFileNamesMatchGeoTrellis() throws IOException {
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/geotrellis-3.x/expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        int tiles = 0;
        for (JsonNode layer : expected.get("layers")) {
            KeyIndex<LayerKey> index = keyIndex(layer.get("keyIndex"));
            int width = IndexNames.width(index);
            for (JsonNode tile : layer.get("tiles")) {
                LayerKey key = key(tile.get("key"));
                String where = layer.get("name").asText() + "/" + layer.get("zoom").asInt() + " " + key;
                long value = index.toIndex(key);
                assertEquals(tile.get("index").asText(), Long.toString(value), where);
                String file = tile.get("file").asText();
                assertEquals(file.substring(file.lastIndexOf('/') + 1), IndexNames.encode(value, width), where);
                assertEquals(List.of(new IndexRange(value, value)), index.indexRanges(KeyBounds.of(key)), where);
                tiles++;
            }
            List<IndexRange> whole = index.indexRanges(index.keyBounds());
            for (JsonNode tile : layer.get("tiles")) {
                long value = index.toIndex(key(tile.get("key")));
                assertTrue(whole.stream().anyMatch(r -> r.contains(value)), layer.get("name").asText());
            }
        }
        assertFalse(tiles == 0);
    }

    /** A key index from its GeoTrellis JSON; a minimal reader, only for this test. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static KeyIndex<LayerKey> keyIndex(JsonNode json) {
        JsonNode props = json.get("properties");
        KeyBounds bounds = new KeyBounds(key(props.get("keyBounds").get("minKey")),
                key(props.get("keyBounds").get("maxKey")));
        boolean spaceTime = bounds.minKey() instanceof SpaceTimeKey;
        String type = json.get("type").asText();
        KeyIndex<?> index;
        if (type.equals("zorder")) {
            index = spaceTime ? new ZSpaceTimeKeyIndex(bounds, props.get("temporalResolution").asLong())
                    : new ZSpatialKeyIndex(bounds);
        } else if (type.equals("hilbert")) {
            int x = props.get("xResolution").asInt();
            int y = props.get("yResolution").asInt();
            index = spaceTime ? new HilbertSpaceTimeKeyIndex(bounds, x, y, props.get("temporalResolution").asInt())
                    : new HilbertSpatialKeyIndex(bounds, x, y);
        } else if (type.equals("rowmajor")) {
            index = new RowMajorSpatialKeyIndex(bounds);
        } else {
            throw new IllegalArgumentException("unknown key index type " + type);
        }
        assertEquals(type, index.type());
        return (KeyIndex<LayerKey>) index;
    }

    static LayerKey key(JsonNode json) {
        int col = json.get("col").asInt();
        int row = json.get("row").asInt();
        return json.has("instant") ? new SpaceTimeKey(col, row, json.get("instant").asLong()) : new SpatialKey(col, row);
    }
}
