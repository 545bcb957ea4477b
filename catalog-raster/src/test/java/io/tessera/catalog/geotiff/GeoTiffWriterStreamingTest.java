package io.tessera.catalog.geotiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.gdal.Gdal;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3000 x 2000 image that never exists in memory as a whole: its windows are computed on request,
 * each once, on a bounded number of threads, and the file holds exactly the computed cells.
 */
class GeoTiffWriterStreamingTest {

    private static final int COLS = 3000;
    private static final int ROWS = 2000;
    private static final int THREADS = 4;

    @TempDir
    Path dir;

    /** A smooth surface with a NoData disc, a function of the pixel only. */
    private static float value(int col, int row) {
        double dx = col - 1800;
        double dy = row - 700;
        if (dx * dx + dy * dy < 150 * 150) {
            return Float.NaN;
        }
        return (float) (1000 * Math.sin(col / 200.0) * Math.cos(row / 300.0) + col * 0.01 + row * 0.02);
    }

    @Test
    void generatedImageIsWrittenWindowByWindowAndReadsBackExactly() {
        Set<String> asked = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        GeoTiffSpec spec = GeoTiffSpec.of(COLS, ROWS, 1, CellType.FLOAT32, new Extent(0, 0, COLS * 30.0, ROWS * 30.0),
                CRS.fromEpsg(32633));
        Path file = dir.resolve("big.tif");
        GeoTiffWriter.write(file, spec, (col, row, cols, rows) -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                assertTrue(asked.add(col + "," + row), "window " + col + "," + row + " asked for twice");
                assertEquals(Math.min(256, COLS - col), cols);
                assertEquals(Math.min(256, ROWS - row), rows);
                ArrayTile t = ArrayTile.empty(CellType.FLOAT32, cols, rows);
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        t.setDouble(c, r, value(col + c, row + r));
                    }
                }
                return MultibandTile.of(t);
            } finally {
                running.decrementAndGet();
            }
        }, THREADS);
        assertEquals(12 * 8, asked.size(), "one window per 256 x 256 TIFF tile");
        assertTrue(maxRunning.get() <= THREADS, "at most " + THREADS + " windows at once, saw " + maxRunning.get());

        Random random = new Random(5);
        try (GeoTiff tiff = GeoTiff.open(file)) {
            for (int k = 0; k < 20; k++) {
                int w = 1 + random.nextInt(400);
                int h = 1 + random.nextInt(400);
                int col = random.nextInt(COLS - w + 1);
                int row = random.nextInt(ROWS - h + 1);
                Tile t = tiff.readWindow(col, row, w, h).band(0);
                for (int i = 0; i < t.size(); i++) {
                    float expected = value(col + i % w, row + i / w);
                    assertEquals(expected, (float) t.getDouble(i), 0f, "cell " + (col + i % w) + "," + (row + i / w));
                }
            }
            // The far corner, which only the clipped last tile holds.
            assertEquals(value(COLS - 1, ROWS - 1), (float) tiff.readWindow(COLS - 1, ROWS - 1, 1, 1).band(0).getDouble(0));
        }

        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long n = 0;
        for (int r = 0; r < ROWS; r++) {
            for (int c = 0; c < COLS; c++) {
                float v = value(c, r);
                if (!Float.isNaN(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    sum += v;
                    n++;
                }
            }
        }
        JsonNode band = Gdal.info(file, "-stats").path("bands").get(0);
        JsonNode stats = band.path("metadata").path("");
        assertEquals(min, Double.parseDouble(stats.path("STATISTICS_MINIMUM").asText()), Math.abs(min) * 1e-13);
        assertEquals(max, Double.parseDouble(stats.path("STATISTICS_MAXIMUM").asText()), Math.abs(max) * 1e-13);
        assertEquals(sum / n, Double.parseDouble(stats.path("STATISTICS_MEAN").asText()), 1e-9);
        assertEquals((double) n / (COLS * ROWS) * 100, Double.parseDouble(stats.path("STATISTICS_VALID_PERCENT").asText()),
                0.01);
    }
}
