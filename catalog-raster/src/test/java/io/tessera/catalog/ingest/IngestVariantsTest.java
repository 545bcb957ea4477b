package io.tessera.catalog.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.geotiff.GeoTiff;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every GeoTIFF layout, compression, predictor and sample type the reader handles (the
 * gdal_translate variants) cut into a local layout: with no reprojection and the layout anchored on
 * the image, each tile must be exactly the image's cells under it, whatever the storage.
 */
class IngestVariantsTest {

    static Stream<Path> variants() throws IOException, URISyntaxException {
        Path dir = Path.of(IngestVariantsTest.class.getResource("/geotiff/variants").toURI());
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".tif")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void tilesAreTheImageCells(Path file) {
        int size = 32;
        try (IngestPlan<SpatialKey> plan = Ingest.spatial(List.of(file), IngestOptions.DEFAULT.withLayout(LocalLayout.of(size)));
                GeoTiff tiff = GeoTiff.open(file)) {
            MultibandTile image = tiff.read();
            assertEquals(image.cellType(), plan.metadata().cellType());
            long tiles = 0;
            try (Stream<KeyedTile<SpatialKey>> s = plan.layer().stream()) {
                for (KeyedTile<SpatialKey> t : (Iterable<KeyedTile<SpatialKey>>) s::iterator) {
                    tiles++;
                    for (int b = 0; b < image.bandCount(); b++) {
                        Tile cut = t.tile().band(b);
                        Tile src = image.band(b);
                        for (int r = 0; r < size; r++) {
                            int row = t.key().row() * size + r;
                            for (int c = 0; c < size; c++) {
                                int col = t.key().col() * size + c;
                                if (row < image.rows() && col < image.cols()) {
                                    assertEquals(src.rawBits(src.index(col, row)), cut.rawBits(cut.index(c, r)),
                                            file.getFileName() + " band " + b + " cell " + col + "," + row);
                                }
                            }
                        }
                    }
                }
            }
            assertTrue(tiles > 0);
        }
    }
}
