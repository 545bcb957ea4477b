package io.tessera.catalog.geotiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated rasters for the writer tests, and a cell-exact comparison. */
final class Rasters {

    private Rasters() {
    }

    /**
     * Random cells over the type's whole range (floats: Gaussian, so sign and exponent vary), about
     * one in ten left NoData; raw float types get NaN there instead, which must survive as well.
     */
    static MultibandTile random(CellType cellType, int bands, int cols, int rows, long seed) {
        Random random = new Random(seed);
        List<Tile> out = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            ArrayTile t = ArrayTile.empty(cellType, cols, rows);
            for (int i = 0; i < t.size(); i++) {
                boolean hole = random.nextInt(10) == 0;
                if (hole && cellType.hasNoData()) {
                    continue;
                }
                switch (cellType.dataType()) {
                    case BOOL -> t.setRawBits(i, random.nextInt(2));
                    case FLOAT32 -> t.setRawBits(i, Float.floatToRawIntBits(hole ? Float.NaN
                            : (float) (random.nextGaussian() * 1000)) & 0xFFFFFFFFL);
                    case FLOAT64 -> t.setRawBits(i, Double.doubleToRawLongBits(hole ? Double.NaN
                            : random.nextGaussian() * 1e6));
                    default -> t.setRawBits(i, random.nextLong() & ((1L << cellType.dataType().bits()) - 1));
                }
            }
            out.add(t);
        }
        return MultibandTile.of(out);
    }

    /** A window source that copies windows out of a raster held in memory, each band keeping its cell type. */
    static GeoTiffWriter.WindowSource windows(MultibandTile raster) {
        return (col, row, cols, rows) -> {
            List<Tile> bands = new ArrayList<>();
            for (Tile band : raster.bands()) {
                ArrayTile w = ArrayTile.empty(band.cellType(), cols, rows);
                for (int i = 0; i < w.size(); i++) {
                    w.setRawBits(i, band.rawBits((row + i / cols) * band.cols() + col + i % cols));
                }
                bands.add(w);
            }
            return MultibandTile.of(bands);
        };
    }

    /** Asserts the same band count, size and stored bits in every cell. */
    static void assertSameCells(MultibandTile expected, MultibandTile actual) {
        assertEquals(expected.bandCount(), actual.bandCount(), "bands");
        assertEquals(expected.cols(), actual.cols(), "cols");
        assertEquals(expected.rows(), actual.rows(), "rows");
        for (int b = 0; b < expected.bandCount(); b++) {
            Tile e = expected.band(b);
            Tile a = actual.band(b);
            for (int i = 0; i < e.size(); i++) {
                if (e.rawBits(i) != a.rawBits(i)) {
                    assertEquals(e.rawBits(i), a.rawBits(i), "band " + b + " cell (" + i % e.cols() + ","
                            + i / e.cols() + ")");
                }
            }
        }
    }
}
