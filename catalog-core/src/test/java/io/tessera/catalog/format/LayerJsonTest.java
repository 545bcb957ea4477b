package io.tessera.catalog.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.index.KeyIndex;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.SpaceTimeKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LayerJsonTest {

    static final Path ATTRIBUTES = Path.of("src/test/resources/fixtures/geotrellis-3.x/catalog/attributes");

    static Stream<Path> metadataFiles() throws IOException {
        try (Stream<Path> s = Files.list(ATTRIBUTES)) {
            List<Path> l = s.filter(p -> p.getFileName().toString().endsWith("__metadata.json")).sorted().toList();
            return l.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("metadataFiles")
    void geotrellisHeaderAndMetadataReadAndWriteBackIdentically(Path file) throws IOException {
        JsonNode stored = LayerJson.parse(Files.readAllBytes(file), file.toString());
        LayerId id = LayerJson.readLayerId(stored.get(0), "layer id");
        assertTrue(file.getFileName().toString().startsWith(id.name() + "__.__" + id.zoom() + "__.__"));
        JsonNode blob = LayerJson.readAttributeValue(stored, "attribute");

        LayerHeader header = LayerJson.readHeader(blob.get("header"), "header");
        assertEquals("file", header.format());
        assertEquals(id.name() + "/" + id.zoom(), header.location("path"));
        assertTrue(header.isAvroLayer());
        assertEquals(LayerJson.toText(blob.get("header")), LayerJson.toText(LayerJson.header(header)));

        KeyType keyType = header.keyType();
        TileLayerMetadata<?> md = LayerJson.readMetadata(blob.get("metadata"), keyType, "metadata");
        assertEquals(CRS.WEB_MERCATOR, md.crs());
        assertEquals(LayerJson.toText(blob.get("metadata")), LayerJson.toText(LayerJson.metadata(md)));
        assertEquals(LayerJson.toText(stored.get(0)), LayerJson.toText(LayerJson.layerId(id)));

        KeyIndex<?> index = KeyIndexJson.read(blob.get("keyIndex"), keyType, "keyIndex");
        assertEquals(LayerJson.toText(blob.get("keyIndex")), LayerJson.toText(KeyIndexJson.write(index)));
    }

    @ParameterizedTest
    @MethodSource("metadataFiles")
    void wholeMetadataAttributeWritesBackByteForByte(Path file) throws IOException {
        String text = Files.readString(file);
        JsonNode stored = LayerJson.parse(text, file.toString());
        LayerDescriptor<?> d = LayerDescriptor.fromJson(LayerJson.readAttributeValue(stored, "a"), file.toString());
        LayerId id = LayerJson.readLayerId(stored.get(0), "id");
        assertEquals(text, LayerJson.toText(LayerJson.attribute(id, d.toJson())));
    }

    @Test
    void cogLayersAreRefusedClearly() {
        JsonNode blob = LayerJson.parse("{\"header\":{\"keyClass\":\"geotrellis.layer.SpatialKey\",\"valueClass\":"
                + "\"geotrellis.raster.MultibandTile\",\"path\":\"c\",\"layerType\":\"COGLayerType\",\"format\":\"file\"},"
                + "\"metadata\":{}}", "x");
        LayerFormatException e = assertThrows(LayerFormatException.class, () -> LayerDescriptor.fromJson(blob, "layer c:0"));
        assertTrue(e.getMessage().contains("COGLayerType") && e.getMessage().contains("not supported"), e.getMessage());
    }

    @Test
    void keyIndexErrorsSayWhatIsSupported() {
        LayerFormatException e = assertThrows(LayerFormatException.class, () -> KeyIndexJson.read(LayerJson.parse(
                "{\"type\":\"rowmajor\",\"properties\":{\"keyBounds\":{\"minKey\":{\"col\":0,\"row\":0,\"instant\":0},"
                        + "\"maxKey\":{\"col\":1,\"row\":1,\"instant\":5}}}}", "k"), KeyType.SPACE_TIME, "keyIndex"));
        assertTrue(e.getMessage().contains("unsupported key index type 'rowmajor' for space-time keys"), e.getMessage());
        e = assertThrows(LayerFormatException.class, () -> KeyIndexJson.read(LayerJson.parse(
                "{\"type\":\"hilbert\",\"properties\":{\"keyBounds\":{\"minKey\":{\"col\":0,\"row\":0},"
                        + "\"maxKey\":{\"col\":1,\"row\":1}}}}", "k"), KeyType.SPATIAL, "keyIndex"));
        assertTrue(e.getMessage().contains("keyIndex.properties: missing 'xResolution'"), e.getMessage());
    }

    @Test
    void compactTextMatchesGeoTrellisBytes() throws IOException {
        // GeoTrellis's circe printer and our Jackson printer agree on numbers and spacing: the
        // header object, printed by us, occurs verbatim in the file GeoTrellis wrote.
        Path f = ATTRIBUTES.resolve("spacetime-zorder__.__3__.__metadata.json");
        String text = Files.readString(f);
        JsonNode blob = LayerJson.readAttributeValue(LayerJson.parse(text, "f"), "f");
        TileLayerMetadata<SpaceTimeKey> md = LayerJson.readMetadata(blob.get("metadata"), KeyType.SPACE_TIME, "m");
        assertTrue(text.contains("\"metadata\":" + LayerJson.toText(LayerJson.metadata(md))));
        assertTrue(text.startsWith(LayerJson.toText(LayerJson.attribute(new LayerId("spacetime-zorder", 3),
                LayerJson.MAPPER.createObjectNode())).replace("{}]", "")));
    }

    @Test
    void legacyKeyClassNamesAreAccepted() {
        assertEquals(KeyType.SPATIAL, KeyType.fromGeotrellisClassName("geotrellis.spark.SpatialKey"));
        assertEquals(KeyType.SPACE_TIME, KeyType.fromGeotrellisClassName("geotrellis.layer.SpaceTimeKey"));
        assertThrows(IllegalArgumentException.class, () -> KeyType.fromGeotrellisClassName("my.Key"));
    }

    @Test
    void emptyBoundsAndMillisField() {
        assertTrue(LayerJson.readBounds(LayerJson.parse("{}", "b"), KeyType.SPATIAL, "b").isEmpty());
        SpaceTimeKey k = LayerJson.readKey(LayerJson.parse("{\"col\":1,\"row\":2,\"millis\":5}", "k"), KeyType.SPACE_TIME, "k");
        assertEquals(new SpaceTimeKey(1, 2, 5), k);
        assertEquals("{}", LayerJson.toText(LayerJson.bounds(java.util.Optional.empty())));
    }

    @Test
    void malformedJsonSaysWhere() {
        LayerFormatException e = assertThrows(LayerFormatException.class, () -> LayerJson.readMetadata(
                LayerJson.parse("{\"cellType\":\"int9\"}", "x"), KeyType.SPATIAL, "layer a:1 metadata"));
        assertTrue(e.getMessage().contains("layer a:1 metadata.cellType") && e.getMessage().contains("int9"), e.getMessage());
        e = assertThrows(LayerFormatException.class, () -> LayerJson.readExtent(
                LayerJson.parse("{\"xmin\":0,\"ymin\":0,\"xmax\":\"1\",\"ymax\":1}", "x"), "extent"));
        assertTrue(e.getMessage().contains("extent.xmax"), e.getMessage());
        e = assertThrows(LayerFormatException.class, () -> LayerJson.readHeader(LayerJson.parse("{\"format\":\"file\"}", "x"), "hdr"));
        assertTrue(e.getMessage().contains("hdr: missing 'keyClass'"), e.getMessage());
        e = assertThrows(LayerFormatException.class, () -> LayerJson.parse("[1,", "attributes/x.json"));
        assertTrue(e.getMessage().startsWith("attributes/x.json: not valid JSON"), e.getMessage());
    }
}
