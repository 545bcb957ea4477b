package io.tessera.catalog.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.raster.Tile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decodes every tile file GeoTrellis 3.7.1 wrote and checks it against expected.json. */
class FixtureDecodeTest {

    static Stream<Fixtures.Layer> layers() {
        return Fixtures.layers().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void storedSchemaIsOurs(Fixtures.Layer layer) {
        TileRecordCodec<LayerKey> codec = layer.codec();
        Schema stored = layer.writerSchema();
        assertEquals(stored.toString(), codec.schemaText());
        assertTrue(codec.isDirect(stored));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void decodesEveryTileWithExpectedChecksums(Fixtures.Layer layer) {
        Map<LayerKey, JsonNode> expected = layer.expectedBands();
        Map<LayerKey, KeyedTile<LayerKey>> decoded = new HashMap<>();
        for (KeyedTile<LayerKey> kt : layer.decodeAll()) {
            assertEquals(null, decoded.put(kt.key(), kt), "key decoded twice: " + kt.key());
        }
        assertEquals(expected.keySet(), decoded.keySet());
        expected.forEach((key, bands) -> {
            List<Tile> tiles = decoded.get(key).tile().bands();
            assertEquals(bands.size(), tiles.size(), key + " band count");
            for (int b = 0; b < tiles.size(); b++) {
                Tile t = tiles.get(b);
                JsonNode e = bands.get(b);
                String where = layer + " " + key + " band " + b;
                assertEquals(e.get("cellType").asText(), t.cellType().name(), where + " cell type");
                assertEquals(e.get("noData").asInt(), Fixtures.noDataCount(t), where + " NoData count");
                double sum = e.get("sum").asDouble();
                assertEquals(sum, Fixtures.sum(t), Math.abs(sum) * 1e-9, where + " sum");
                assertEquals(Long.parseLong(e.get("crc32").asText().substring(2), 16), Fixtures.crc32(t), where + " crc32");
            }
        });
    }
}
