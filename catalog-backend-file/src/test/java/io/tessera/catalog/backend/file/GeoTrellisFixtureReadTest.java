package io.tessera.catalog.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.codec.Fixtures;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer of the GeoTrellis-written catalog reads back through {@link Catalog} with exactly
 * the keys and cell values GeoTrellis wrote: whole-layer queries and single-value reads.
 */
class GeoTrellisFixtureReadTest {

    static Catalog catalog;

    @BeforeAll
    static void open() {
        catalog = Catalog.open(Fixtures.CATALOG.toAbsolutePath().toString());
    }

    @AfterAll
    static void close() {
        catalog.close();
    }

    static List<Fixtures.Layer> layers() {
        return Fixtures.layers();
    }

    @ParameterizedTest
    @MethodSource("layers")
    void layerReadsBackExactly(Fixtures.Layer layer) {
        Map<LayerKey, JsonNode> expected = layer.expectedBands();
        Map<LayerKey, MultibandTile> got = new HashMap<>();
        for (KeyedTile<?> t : catalog.query(layer.name(), layer.zoom()).tiles()) {
            got.put(t.key(), t.tile());
        }
        assertEquals(expected.keySet(), got.keySet(), layer + " keys");
        expected.forEach((key, bands) -> {
            check(layer + " " + key, bands, got.get(key));
            check(layer + " readValue " + key, bands, catalog.readValue(layer.name(), layer.zoom(), key).orElseThrow());
        });
        assertTrue(catalog.verify(layer.name(), layer.zoom()).ok());
    }

    private static void check(String where, JsonNode bands, MultibandTile tile) {
        assertEquals(bands.size(), tile.bandCount(), where + " band count");
        for (int b = 0; b < bands.size(); b++) {
            JsonNode e = bands.get(b);
            Tile band = tile.band(b);
            assertEquals(e.get("cellType").asText(), band.cellType().name(), where + " cell type");
            assertEquals(Long.parseLong(e.get("crc32").asText().substring(2), 16), Fixtures.crc32(band), where + " crc32");
            assertEquals(e.get("noData").asInt(), Fixtures.noDataCount(band), where + " NoData count");
            double sum = e.get("sum").asDouble();
            assertEquals(sum, Fixtures.sum(band), Math.abs(sum) * 1e-9 + 1e-12, where + " sum");
        }
    }
}
