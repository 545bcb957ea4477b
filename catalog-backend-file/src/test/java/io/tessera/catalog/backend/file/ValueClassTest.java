package io.tessera.catalog.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.IndexMethod;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.MultibandTile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GeoTrellis single-band ({@code Tile}) layer stays one through update, copy and reindex. */
class ValueClassTest {

    @TempDir
    Path dir;

    private String valueClass(Catalog c, String name) {
        return c.attributeStore().layer(name, 3).read("header").get("valueClass").asText();
    }

    @Test
    void singleBandLayerKeepsItsValueClass() throws IOException {
        try (Catalog fixtures = Catalog.open(FileAttributeStoreTest.FIXTURES.toString()); Catalog c = Catalog.open(dir.toString())) {
            fixtures.copyTo(c, "float32", 3, "float32", Optional.empty());
            assertEquals("geotrellis.raster.Tile", valueClass(c, "float32"));
            TileLayer<SpatialKey> layer = c.query("float32", 3, SpatialKey.class);
            KeyedTile<SpatialKey> first = layer.tiles().get(0);
            c.update("float32", TileLayer.of(KeyType.SPATIAL, layer.metadata(), List.of(first)).atZoom(3));
            assertEquals("geotrellis.raster.Tile", valueClass(c, "float32"));
            MultibandTile two = MultibandTile.of(first.tile().band(0), first.tile().band(0));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.update("float32",
                    TileLayer.of(KeyType.SPATIAL, layer.metadata(), List.of(new KeyedTile<>(first.key(), two))).atZoom(3)));
            assertTrue(e.getMessage().contains("single-band"), e.getMessage());
            c.copy("float32", 3, "f2");
            c.reindex("f2", 3, WriteOptions.index(IndexMethod.HILBERT));
            assertEquals("geotrellis.raster.Tile", valueClass(c, "f2"));
            assertEquals(5, c.query("f2", 3).count());
            assertTrue(Files.exists(dir.resolve("attributes/f2__.__3__.__metadata.json")));
        }
    }

    @Test
    void singleBandLayersCanBeWritten() {
        try (Catalog c = Catalog.open(dir.toString())) {
            TileLayer<SpatialKey> two = io.tessera.catalog.testkit.SampleLayers.spatial(0, 0, 1, 1);
            List<KeyedTile<SpatialKey>> one = two.tiles().stream()
                    .map(t -> new KeyedTile<>(t.key(), MultibandTile.of(t.tile().band(0)))).toList();
            c.write("one", TileLayer.of(KeyType.SPATIAL, two.metadata(), one).atZoom(3), WriteOptions.DEFAULT.withSingleBandTiles());
            assertEquals("geotrellis.raster.Tile", valueClass(c, "one"));
            assertEquals(1, c.readValue("one", 3, new SpatialKey(1, 1)).orElseThrow().bandCount());
            assertThrows(IllegalArgumentException.class,
                    () -> c.write("two", two.atZoom(3), WriteOptions.DEFAULT.withSingleBandTiles()));
            assertTrue(c.layers().stream().noneMatch(l -> l.name().equals("two")));
        }
    }
}
