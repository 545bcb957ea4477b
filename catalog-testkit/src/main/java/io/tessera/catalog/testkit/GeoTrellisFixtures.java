package io.tessera.catalog.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.raster.MultibandTile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * GeoTrellis 3.7.1's own catalog of every cell type and key index (file layout), taken apart the way
 * GeoTrellis's writers for table stores (HBase, Accumulo) store a layer — four discrete
 * {@code [layerId, value]} documents, a header naming the tile table, records by index — so that a
 * backend's format test can lay it out in its tables with the store's plain client; and the check
 * that such a catalog reads back exactly as GeoTrellis's file catalog.
 */
public final class GeoTrellisFixtures {

    /** The fixture catalog as the backend modules' tests reach it (the project's test resources). */
    public static final Path CATALOG = Path.of("../catalog-core/src/test/resources/fixtures/geotrellis-3.x/catalog");

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoTrellisFixtures() {
    }

    /**
     * One layer as a table store keeps it.
     *
     * @param documents {@code header}, {@code metadata}, {@code keyIndex}, {@code schema}: the
     *     {@code [layerId, value]} JSON bytes GeoTrellis stores
     * @param records the record bytes by index
     */
    public record Layer(LayerId id, Map<String, byte[]> documents, Map<Long, byte[]> records) {
    }

    /** A user attribute, stored as GeoTrellis stores it (the {@code [layerId, value]} JSON). */
    public record UserAttribute(LayerId id, String name, byte[] document) {
    }

    /** Every layer and user attribute of the fixture catalog. */
    public record Contents(List<Layer> layers, List<UserAttribute> attributes) {
    }

    /**
     * The fixture catalog's layers with headers of a table store: {@code keyClass}, {@code valueClass},
     * {@code tileTable}, {@code layerType}, {@code format}, as GeoTrellis's HBase and Accumulo headers.
     */
    public static Contents read(String format, String tileTable) {
        List<Layer> layers = new ArrayList<>();
        List<UserAttribute> attributes = new ArrayList<>();
        try (Stream<Path> files = Files.list(CATALOG.resolve("attributes"))) {
            for (Path f : files.sorted().toList()) {
                JsonNode blob = JSON.readTree(f.toFile());
                String[] parts = f.getFileName().toString().replace(".json", "").split("__\\.__");
                LayerId id = new LayerId(parts[0], Integer.parseInt(parts[1]));
                if (!parts[2].equals("metadata")) {
                    attributes.add(new UserAttribute(id, parts[2], Files.readAllBytes(f)));
                    continue;
                }
                JsonNode fileHeader = blob.get(1).get("header");
                ObjectNode header = JSON.createObjectNode();
                header.set("keyClass", fileHeader.get("keyClass"));
                header.set("valueClass", fileHeader.get("valueClass"));
                header.put("tileTable", tileTable);
                header.set("layerType", fileHeader.get("layerType"));
                header.put("format", format);
                Map<String, JsonNode> values = new LinkedHashMap<>();
                values.put("header", header);
                values.put("metadata", blob.get(1).get("metadata"));
                values.put("keyIndex", blob.get(1).get("keyIndex"));
                values.put("schema", blob.get(1).get("schema"));
                Map<String, byte[]> documents = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> v : values.entrySet()) {
                    documents.put(v.getKey(), JSON.writeValueAsBytes(JSON.createArrayNode().add(blob.get(0)).add(v.getValue())));
                }
                Map<Long, byte[]> records = new TreeMap<>();
                try (Stream<Path> recordFiles = Files.list(CATALOG.resolve(fileHeader.get("path").asText()))) {
                    for (Path r : recordFiles.toList()) {
                        records.put(Long.parseLong(r.getFileName().toString()), Files.readAllBytes(r));
                    }
                }
                layers.add(new Layer(id, documents, records));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fixture catalog at " + CATALOG, e);
        }
        return new Contents(layers, attributes);
    }

    /**
     * Asserts that the catalog at {@code uri} holds the fixture catalog's layers and reads back exactly
     * as GeoTrellis's file catalog: metadata, every tile by query and by {@code readValue}, the user
     * attribute {@code notes}, and a clean verify.
     */
    public static void assertReadsBackExactly(String uri, List<LayerId> ids) {
        try (Catalog geotrellis = Catalog.open(CATALOG.toAbsolutePath().normalize().toString());
                Catalog ours = Catalog.open(uri)) {
            assertEquals(new HashSet<>(geotrellis.layers()), new HashSet<>(ours.layers()));
            assertEquals(JSON.readTree("{\"a\":3,\"b\":5}"), ours.attributeStore().layer("spatial-zorder", 3).read("notes"),
                    "a user attribute");
            for (LayerId id : ids) {
                assertEquals(geotrellis.readMetadata(id.name(), id.zoom()), ours.readMetadata(id.name(), id.zoom()), id + "");
                Map<LayerKey, MultibandTile> expected = tiles(geotrellis, id);
                Map<LayerKey, MultibandTile> got = tiles(ours, id);
                assertEquals(expected.keySet(), got.keySet(), id + " keys");
                expected.forEach((k, t) -> {
                    assertTrue(SampleLayers.sameCells(t, got.get(k)), id + " " + k);
                    assertTrue(SampleLayers.sameCells(t, ours.readValue(id.name(), id.zoom(), k).orElseThrow()),
                            id + " readValue " + k);
                });
                assertTrue(ours.verify(id.name(), id.zoom()).ok(), id + " verifies");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<LayerKey, MultibandTile> tiles(Catalog c, LayerId id) {
        Map<LayerKey, MultibandTile> out = new LinkedHashMap<>();
        for (KeyedTile<?> t : c.query(id.name(), id.zoom()).tiles()) {
            out.put(t.key(), t.tile());
        }
        return out;
    }
}
