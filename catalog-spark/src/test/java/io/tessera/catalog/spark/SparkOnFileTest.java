package io.tessera.catalog.spark;

import static io.tessera.catalog.testkit.SampleLayers.ZOOM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.IndexMethod;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.ingest.Pyramid;
import io.tessera.catalog.layout.GridBounds;
import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.testkit.GeoTrellisFixtures;
import io.tessera.catalog.testkit.SampleLayers;
import io.tessera.catalog.warp.ResampleMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Spark on the file backend, GeoTrellis's own catalogs read as RDDs, and what does not depend on the
 * backend (pyramids, reindex and copy runs) once.
 */
class SparkOnFileTest extends SparkCatalogSuite {

    @Override
    protected String newCatalogUri() {
        try {
            return Files.createTempDirectory("spark-file").toUri().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void assertOnlyTheLayersRecords(String catalogUri, LayerId id) {
        Path layerDir = Path.of(URI.create(catalogUri)).resolve(id.name());
        try (Stream<Path> entries = Files.list(layerDir)) {
            assertEquals(List.of(Integer.toString(id.zoom())), entries.map(p -> p.getFileName().toString()).toList(),
                    "no staging directory left beside the layer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void assertNoJournalLeft(String catalogUri) {
        try (Stream<Path> entries = Files.list(Path.of(URI.create(catalogUri)))) {
            assertEquals(List.of(), entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".journal"))
                    .toList(), "the journal of a rolled-back change");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyGeoTrellisFixtureLayerReadsAsAnRddExactly() {
        String fixtures = GeoTrellisFixtures.CATALOG.toAbsolutePath().normalize().toString();
        SparkCatalog geotrellis = SparkCatalog.of(context, fixtures);
        try (Catalog plain = Catalog.open(fixtures)) {
            List<LayerId> ids = plain.layers();
            assertTrue(ids.size() >= 10, "fixture layers: " + ids);
            for (LayerId id : ids) {
                Class<? extends LayerKey> type = plain.keyType(id.name(), id.zoom()).javaType();
                assertEquals(plain.readMetadata(id.name(), id.zoom()), geotrellis.read(id.name(), id.zoom(), type)
                        .metadata(), id + " metadata");
                List<? extends KeyedTile<? extends LayerKey>> expected = plain.query(id.name(), id.zoom(), type).tiles();
                Map<? extends LayerKey, MultibandTile> got = collected(geotrellis.read(id.name(), id.zoom(), type).tiles());
                assertEquals(expected.size(), got.size(), id + " tiles");
                for (KeyedTile<? extends LayerKey> t : expected) {
                    assertTrue(SampleLayers.sameCells(t.tile(), got.get(t.key())),
                            id + " " + t.key());
                }
            }
        }
    }

    @Test
    void aSparkIngestOfLocalFilesCutsWhatASingleJvmIngestCuts() {
        List<Path> local = List.of(REAL.resolve("lc8-utm-1.tif"));
        assertSparkIngestIsTheSingleJvmIngest(local.stream().map(Path::toString).toList(), local);
    }

    @Test
    void aLayerIsReindexedAndCopiedOnSpark() {
        TileLayer<SpatialKey> layer = SampleLayers.spatial(0, 0, 11, 11, 7);
        catalog.write("big", layer);
        spark.reindex("big", ZOOM, SpatialKey.class, WriteOptions.index(IndexMethod.HILBERT));
        try (Catalog plain = Catalog.open(uri)) {
            Map<SpatialKey, MultibandTile> byKey = new HashMap<>();
            plain.query("big", ZOOM, SpatialKey.class).tiles().forEach(t -> byKey.put(t.key(), t.tile()));
            assertSameTiles(layer.tiles(), byKey);
            assertEquals("hilbert", plain.attributeStore().layer("big", ZOOM).read("keyIndex").get("type").asText());
            assertEquals(List.of(new LayerId("big", ZOOM)), plain.layers());
            assertTrue(plain.verify("big", ZOOM).ok());
        }
        spark.copyTo(spark, "big", ZOOM, SpatialKey.class, "copy", WriteOptions.index(IndexMethod.ROWMAJOR));
        assertSameTiles(layer.tiles(), collected(spark.read("copy", ZOOM, SpatialKey.class).tiles()));
    }


    @Test
    void aPyramidBuiltOnSparkIsTheSingleJvmPyramidAndIsWrittenAsOneUnit() {
        ZoomedLayoutScheme scheme = new ZoomedLayoutScheme(CRS.WEB_MERCATOR, SampleLayers.TILE_SIZE, 0.1);
        int top = 5;
        LayoutDefinition layout = scheme.levelForZoom(top).layout();
        GridBounds grid = new GridBounds(4, 6, 11, 13);
        List<KeyedTile<SpatialKey>> tiles = new ArrayList<>();
        for (int r = grid.rowMin(); r <= grid.rowMax(); r++) {
            for (int c = grid.colMin(); c <= grid.colMax(); c++) {
                SpatialKey k = new SpatialKey(c, r);
                tiles.add(new KeyedTile<>(k, SampleLayers.tile(k, 3)));
            }
        }
        TileLayerMetadata<SpatialKey> md = new TileLayerMetadata<>(SampleLayers.CELL_TYPE, layout,
                layout.mapTransform().boundsToExtent(grid), CRS.WEB_MERCATOR,
                new KeyBounds<>(new SpatialKey(grid.colMin(), grid.rowMin()), new SpatialKey(grid.colMax(), grid.rowMax())));
        TileLayer<SpatialKey> base = TileLayer.of(KeyType.SPATIAL, md, tiles).atZoom(top);
        List<TileLayer<SpatialKey>> local = Pyramid.levels(base, scheme, ResampleMethod.AVERAGE, 2);
        List<SparkLayer<SpatialKey>> cluster = SparkPyramid.levels(rdd(base, 3), scheme, ResampleMethod.AVERAGE, 2);
        spark.writePyramid("pyr", cluster, WriteOptions.DEFAULT);
        assertEquals(List.of(new LayerId("pyr", 2), new LayerId("pyr", 3), new LayerId("pyr", 4), new LayerId("pyr", 5)),
                catalog.layers());
        for (TileLayer<SpatialKey> level : local) {
            int z = level.zoom().getAsInt();
            assertEquals(level.metadata(), catalog.readMetadata("pyr", z), "metadata of zoom " + z);
            Map<SpatialKey, MultibandTile> stored = new HashMap<>();
            catalog.query("pyr", z, SpatialKey.class).tiles().forEach(t -> stored.put(t.key(), t.tile()));
            assertSameTiles(level.tiles(), stored);
        }
        cluster.forEach(l -> l.tiles().unpersist());
    }
}
