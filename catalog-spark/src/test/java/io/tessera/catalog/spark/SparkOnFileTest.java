package io.tessera.catalog.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.testkit.GeoTrellisFixtures;
import io.tessera.catalog.testkit.SampleLayers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Spark on the file backend, and GeoTrellis's own catalogs read as RDDs. */
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
}
