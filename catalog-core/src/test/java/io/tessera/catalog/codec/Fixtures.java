package io.tessera.catalog.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.apache.avro.Schema;

/**
 * The GeoTrellis 3.7.1 fixture catalog and its expected.json, as test data; shared with backend
 * modules through this module's test-jar (they copy the fixtures to the same relative path).
 */
public final class Fixtures {

    public static final Path ROOT = Paths.get("src/test/resources/fixtures/geotrellis-3.x");
    public static final Path CATALOG = ROOT.resolve("catalog");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** One layer of expected.json with its stored metadata. */
    public record Layer(String name, int zoom, JsonNode expected, JsonNode storedSchema) {

        Class<? extends LayerKey> keyType() {
            return expected.get("keyClass").asText().endsWith("SpaceTimeKey") ? SpaceTimeKey.class : SpatialKey.class;
        }

        ValueClass valueClass() {
            return ValueClass.fromClassName(expected.get("valueClass").asText());
        }

        TileRecordCodec<LayerKey> codec() {
            @SuppressWarnings("unchecked")
            Class<LayerKey> k = (Class<LayerKey>) keyType();
            return TileRecordCodec.forLayer(k, valueClass());
        }

        Schema writerSchema() {
            return new Schema.Parser().parse(storedSchema.toString());
        }

        /** Expected band checksums by key, in expected.json's order. */
        public Map<LayerKey, JsonNode> expectedBands() {
            Map<LayerKey, JsonNode> out = new LinkedHashMap<>();
            for (JsonNode t : expected.get("tiles")) {
                out.put(key(t.get("key")), t.get("bands"));
            }
            return out;
        }

        /** The distinct tile files, relative to the catalog. */
        List<String> files() {
            List<String> out = new ArrayList<>();
            for (JsonNode t : expected.get("tiles")) {
                String f = t.get("file").asText();
                if (!out.contains(f)) {
                    out.add(f);
                }
            }
            return out;
        }

        /** Every pair of every file, decoded with the stored writer schema. */
        List<KeyedTile<LayerKey>> decodeAll() {
            TileRecordCodec<LayerKey> codec = codec();
            Schema writer = writerSchema();
            List<KeyedTile<LayerKey>> out = new ArrayList<>();
            for (String f : files()) {
                out.addAll(codec.decode(read(CATALOG.resolve(f)), writer));
            }
            return out;
        }

        @Override
        public String toString() {
            return name + "/" + zoom;
        }
    }

    /**
     * Asserts that a layer reads back through {@code catalog} with exactly expected.json's keys and
     * cells, by whole-layer query and by single values, and verifies.
     */
    public static void assertReadsBack(Catalog catalog, Layer layer) {
        Map<LayerKey, JsonNode> expected = layer.expectedBands();
        Map<LayerKey, MultibandTile> got = new LinkedHashMap<>();
        for (KeyedTile<?> t : catalog.query(layer.name(), layer.zoom()).tiles()) {
            got.put(t.key(), t.tile());
        }
        assertEquals(expected.keySet(), got.keySet(), layer + " keys");
        expected.forEach((key, bands) -> {
            assertBands(layer + " " + key, bands, got.get(key));
            assertBands(layer + " readValue " + key, bands,
                    catalog.readValue(layer.name(), layer.zoom(), key).orElseThrow());
        });
        assertTrue(catalog.verify(layer.name(), layer.zoom()).ok(), layer + " verifies");
    }

    /** Asserts a tile's bands have expected.json's cell types, checksums, NoData counts and sums. */
    public static void assertBands(String where, JsonNode bands, MultibandTile tile) {
        assertEquals(bands.size(), tile.bandCount(), where + " band count");
        for (int b = 0; b < bands.size(); b++) {
            JsonNode e = bands.get(b);
            Tile band = tile.band(b);
            assertEquals(e.get("cellType").asText(), band.cellType().name(),
                    where + " cell type");
            assertEquals(Long.parseLong(e.get("crc32").asText().substring(2), 16),
                    crc32(band), where + " crc32");
            assertEquals(e.get("noData").asInt(), noDataCount(band),
                    where + " NoData count");
            double sum = e.get("sum").asDouble();
            assertEquals(sum, sum(band), Math.abs(sum) * 1e-9 + 1e-12, where + " sum");
        }
    }

    public static List<Layer> layers() {
        try {
            JsonNode expected = JSON.readTree(ROOT.resolve("expected.json").toFile());
            List<Layer> out = new ArrayList<>();
            for (JsonNode l : expected.get("layers")) {
                String name = l.get("name").asText();
                int zoom = l.get("zoom").asInt();
                JsonNode meta = JSON.readTree(CATALOG.resolve("attributes")
                        .resolve(name + "__.__" + zoom + "__.__metadata.json").toFile());
                out.add(new Layer(name, zoom, l, meta.get(1).get("schema")));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LayerKey key(JsonNode k) {
        int col = k.get("col").asInt();
        int row = k.get("row").asInt();
        return k.has("instant") ? new SpaceTimeKey(col, row, k.get("instant").asLong()) : new SpatialKey(col, row);
    }

    static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The README's crc32: little-endian stored values in the native width, bool as one byte per cell. */
    public static long crc32(Tile tile) {
        int width = switch (tile.cellType().dataType()) {
            case BOOL, INT8, UINT8 -> 1;
            case INT16, UINT16 -> 2;
            case INT32, FLOAT32 -> 4;
            case FLOAT64 -> 8;
        };
        byte[] bytes = new byte[tile.size() * width];
        for (int i = 0; i < tile.size(); i++) {
            long bits = tile.rawBits(i);
            for (int b = 0; b < width; b++) {
                bytes[i * width + b] = (byte) (bits >>> (8 * b));
            }
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    /** The README's sum: non-NoData cells as doubles in row-major order. */
    public static double sum(Tile tile) {
        double s = 0;
        for (int i = 0; i < tile.size(); i++) {
            if (!tile.isNoData(i)) {
                s += tile.getDouble(i);
            }
        }
        return s;
    }

    public static int noDataCount(Tile tile) {
        int n = 0;
        for (int i = 0; i < tile.size(); i++) {
            if (tile.isNoData(i)) {
                n++;
            }
        }
        return n;
    }
}
