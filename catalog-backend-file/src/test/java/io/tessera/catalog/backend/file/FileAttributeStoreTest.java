package io.tessera.catalog.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.AttributeStore;
import io.tessera.catalog.LayerAttributes;
import io.tessera.catalog.exceptions.AttributeNotFoundException;
import io.tessera.catalog.model.LayerId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAttributeStoreTest {

    static final Path FIXTURES = Path.of("src/test/resources/fixtures/geotrellis-3.x/catalog").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void readsGeoTrellisAttributes() {
        try (AttributeStore store = AttributeStore.open(FIXTURES.toUri().toString())) {
            assertTrue(store.contains("spatial-zorder", 3));
            assertTrue(store.contains("spatial-zorder", 2));
            assertFalse(store.contains("spatial-zorder", 4));
            List<LayerId> layers = store.layers();
            assertEquals(18, layers.size());
            assertEquals(new LayerId("bool", 3), layers.get(0));
            assertEquals(List.of(new LayerId("spatial-zorder", 2), new LayerId("spatial-zorder", 3)),
                    layers.stream().filter(l -> l.name().equals("spatial-zorder")).toList());
            LayerAttributes a = store.layer("spatial-zorder", 3);
            assertEquals(Map.of("a", 3, "b", 5), a.read("notes", Map.class));
            assertEquals(List.of("header", "keyIndex", "metadata", "notes", "schema"), a.names());
            assertEquals("file", a.read("header").get("format").asText());
            assertEquals("int16ud-9999", a.read("metadata").get("cellType").asText(), "metadata is the layer's TileLayerMetadata");
        }
    }

    @Test
    void seedAttributeStoreExample() throws IOException {
        // GeoPySpark's test_attributestore: a user attribute on an id that has no layer.
        try (AttributeStore store = AttributeStore.open("file://" + dir)) {
            LayerAttributes a = store.layer("boop-epsg-bop", 34);
            a.write("val", Map.of("first", 113, "second", "44two"));
            JsonNode v = a.read("val");
            assertEquals(113, v.get("first").asInt());
            assertEquals("44two", v.get("second").asText());
            Path file = dir.resolve("attributes/boop-epsg-bop__.__34__.__val.json");
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("[{\"name\":\"boop-epsg-bop\",\"zoom\":34},{"), text);
            assertTrue(a.delete("val"));
            assertFalse(a.delete("val"));
            assertThrows(AttributeNotFoundException.class, () -> a.read("val"));
            assertFalse(Files.exists(file));
            assertTrue(store.layers().isEmpty(), "an id without metadata is not a layer");
        }
    }

    @Test
    void cachedStoreIsSharedAndSeesItsOwnWrites() {
        String uri = dir.toUri().toString();
        AttributeStore a = AttributeStore.cached(uri);
        assertSame(a, AttributeStore.cached(uri));
        LayerAttributes l = a.layer("x", 1);
        l.write("h", List.of(1, 2));
        assertEquals("[1,2]", l.read("h").toString());
        l.write("h", List.of(3));
        assertEquals("[3]", l.read("h").toString());
        ((com.fasterxml.jackson.databind.node.ArrayNode) l.read("h")).add(99);
        assertEquals("[3]", l.read("h").toString(), "callers cannot corrupt the cache");
        a.close();
        assertEquals("[3]", AttributeStore.cached(uri).layer("x", 1).read("h").toString(), "closing a cached store is a no-op");
    }

    @Test
    void storesAndCatalogsOfOneCatalogShareTheirCache() {
        String uri = dir.toUri().toString();
        AttributeStore shared = AttributeStore.cached(uri);
        try (io.tessera.catalog.Catalog c = io.tessera.catalog.Catalog.open(dir.toString());
                AttributeStore other = AttributeStore.open("file:" + dir)) {
            c.write("l", io.tessera.catalog.testkit.SampleLayers.spatial(0, 0, 0, 0));
            assertTrue(shared.contains("l", io.tessera.catalog.testkit.SampleLayers.ZOOM));
            other.layer("l", io.tessera.catalog.testkit.SampleLayers.ZOOM).write("n", 1);
            assertEquals(1, shared.layer("l", io.tessera.catalog.testkit.SampleLayers.ZOOM).read("n").asInt());
            shared.layer("l", io.tessera.catalog.testkit.SampleLayers.ZOOM).read("metadata");
            c.delete("l", io.tessera.catalog.testkit.SampleLayers.ZOOM);
            assertFalse(shared.contains("l", io.tessera.catalog.testkit.SampleLayers.ZOOM), "no stale metadata after a delete elsewhere");
            assertTrue(shared.layer("l", io.tessera.catalog.testkit.SampleLayers.ZOOM).find("n").isEmpty());
        }
    }

    @Test
    void catalogAttributesAreProtectedAndNamesChecked() {
        try (AttributeStore store = AttributeStore.open(dir.toString())) {
            LayerAttributes a = store.layer("l", 0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.write("metadata", 1));
            assertTrue(e.getMessage().contains("managed by the catalog"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> a.delete("metadata"));
            assertThrows(IllegalArgumentException.class, () -> a.write("bad/name", 1));
            assertThrows(IllegalArgumentException.class, () -> a.write("a__b", 1));
            assertThrows(IllegalArgumentException.class, () -> store.layer("bad name", 0).write("x", 1));
            assertThrows(IllegalArgumentException.class, () -> store.layer("a__.__b", 0).write("x", 1));
        }
    }

    @Test
    void uriFormsAndErrors() {
        for (String u : List.of("file://" + dir, "file:" + dir, dir.toString())) {
            try (AttributeStore s = AttributeStore.open(u)) {
                s.layer("a", 1).write("k", 1);
                assertEquals(1, s.layer("a", 1).read("k").asInt());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AttributeStore.open("abcxyz://123"));
        assertTrue(e.getMessage().contains("'abcxyz'") && e.getMessage().contains("file"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AttributeStore.open("relative/dir"));
        assertTrue(e.getMessage().contains("no scheme"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AttributeStore.open("file://somehost/x"));
        assertTrue(e.getMessage().contains("three slashes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AttributeStore.open("file:rel"));
        assertThrows(IllegalArgumentException.class, () -> AttributeStore.open("file:///x y"));
    }

    @Test
    void strayFilesDoNotBreakListing() throws IOException {
        Files.createDirectories(dir.resolve("attributes"));
        Files.writeString(dir.resolve("attributes/readme.json"), "{}");
        Files.writeString(dir.resolve("attributes/x__.__notanumber__.__metadata.json"), "[]");
        Files.writeString(dir.resolve("attributes/.tmp-123.part"), "[]");
        try (AttributeStore s = AttributeStore.open(dir.toString())) {
            assertTrue(s.layers().isEmpty());
        }
    }
}
