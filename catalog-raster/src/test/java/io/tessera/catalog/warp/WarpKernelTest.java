package io.tessera.catalog.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each kernel on tiny synthetic rasters in one CRS, against values worked out by hand. */
class WarpKernelTest {

    private static final CRS CRS_3857 = CRS.WEB_MERCATOR;

    /** A cols x rows raster of 1-unit pixels with its north-west corner at (0, rows). */
    private static SourceRaster raster(CellType type, int cols, int rows, double... values) {
        ArrayTile t = ArrayTile.empty(type, cols, rows);
        for (int i = 0; i < values.length; i++) {
            t.setDouble(i, values[i]);
        }
        return SourceRaster.of(MultibandTile.of(t), new Extent(0, 0, cols, rows), CRS_3857);
    }

    private static Tile warp(SourceRaster src, Extent e, int cols, int rows, ResampleMethod m) {
        return Warp.warp(src, new PixelGrid(e, cols, rows), CRS_3857, m, 0).orElseThrow().band(0);
    }

    /**
     * A pyramid step: a 2 x 2 block of zoom-14 tiles' cells under one tile of zoom 13, in real Web
     * Mercator metres. Halving gives the exact mean of each block's valid cells; the footprint warp
     * gives the same up to the rounding of its geometry (its edge weights come out a few ulps off 1).
     */
    @Test
    void averageHalfIsTheExactMeanOfEachBlockAndAgreesWithTheFootprintWarp() {
        Extent e = new ZoomedLayoutScheme(CRS_3857, 256).levelForZoom(13).layout().mapTransform().keyToExtent(4401, 2860);
        Random random = new Random(7);
        for (CellType type : List.of(CellType.FLOAT32, CellType.fromName("uint8"), CellType.fromName("int16ud-9999"),
                CellType.FLOAT64)) {
            ArrayTile t = ArrayTile.empty(type, 512, 512);
            for (int i = 0; i < t.size(); i++) {
                if (random.nextInt(10) > 0) {
                    t.setDouble(i, type.isFloatingPoint() ? random.nextGaussian() * 1000 : random.nextInt(250));
                }
            }
            MultibandTile source = MultibandTile.of(t, t);
            MultibandTile halved = Warp.averageHalf(source).orElseThrow();
            MultibandTile warped = Warp.warp(SourceRaster.of(source, e, CRS_3857), new PixelGrid(e, 256, 256), CRS_3857,
                    ResampleMethod.AVERAGE, 0).orElseThrow();
            for (int r = 0; r < 256; r++) {
                for (int c = 0; c < 256; c++) {
                    double total = 0;
                    int n = 0;
                    for (int i : new int[] {2 * r * 512 + 2 * c, 2 * r * 512 + 2 * c + 1, (2 * r + 1) * 512 + 2 * c,
                            (2 * r + 1) * 512 + 2 * c + 1}) {
                        if (!t.isNoData(i)) {
                            total += t.getDouble(i);
                            n++;
                        }
                    }
                    int i = r * 256 + c;
                    Tile h = halved.band(1);
                    if (n == 0) {
                        // The footprint warp may take a neighbour's cell here at a weight of a few ulps.
                        assertTrue(h.isNoData(i), type + " cell " + i + " has no data");
                        continue;
                    }
                    double mean = total / n;
                    if (type.isFloatingPoint()) {
                        assertEquals(type == CellType.FLOAT32 ? (float) mean : mean, h.getDouble(i), 0, type + " cell " + i);
                        assertEquals(mean, warped.band(1).getDouble(i), Math.max(Math.abs(mean), 1000) * 1e-6, type + " cell " + i);
                    } else {
                        assertEquals((int) Math.floor(mean + 0.5), h.getInt(i), type + " cell " + i);
                        assertEquals(h.getInt(i), warped.band(1).getInt(i), 1, type + " cell " + i);
                    }
                }
            }
        }
        assertTrue(Warp.averageHalf(MultibandTile.of(ArrayTile.empty(CellType.FLOAT32, 4, 4))).isEmpty(), "all NoData");
        assertThrows(IllegalArgumentException.class,
                () -> Warp.averageHalf(MultibandTile.of(ArrayTile.empty(CellType.FLOAT32, 3, 4))));
    }

    @Test
    void nearestTakesThePixelContainingTheCentre() {
        SourceRaster src = raster(CellType.FLOAT32, 2, 2, 1, 2, 3, 4);
        // Target pixel centres at x = 0.75, 1.25 (cols 0, 1) and y = 1.25, 0.75 (rows 0, 1 from the top).
        Tile t = warp(src, new Extent(0.5, 0.5, 1.5, 1.5), 2, 2, ResampleMethod.NEAREST);
        assertEquals(1, t.getDouble(0));
        assertEquals(2, t.getDouble(1));
        assertEquals(3, t.getDouble(2));
        assertEquals(4, t.getDouble(3));
    }

    @Test
    void nearestCopiesInt32Exactly() {
        ArrayTile t = ArrayTile.empty(CellType.INT32, 2, 1);
        t.setInt(0, 2147483646);
        t.setInt(1, -2147483647);
        SourceRaster src = SourceRaster.of(MultibandTile.of(t), new Extent(0, 0, 2, 1), CRS_3857);
        Tile out = warp(src, new Extent(0, 0, 2, 1), 4, 1, ResampleMethod.NEAREST);
        assertEquals(2147483646, out.getInt(0));
        assertEquals(2147483646, out.getInt(1));
        assertEquals(-2147483647, out.getInt(2));
        assertEquals(-2147483647, out.getInt(3));
    }

    @Test
    void bilinearInterpolatesBetweenCentres() {
        SourceRaster src = raster(CellType.FLOAT64, 2, 2, 0, 10, 20, 30);
        // One target pixel centred on the point where all four source pixels meet: the mean.
        assertEquals(15, warp(src, new Extent(0.5, 0.5, 1.5, 1.5), 1, 1, ResampleMethod.BILINEAR).getDouble(0), 1e-12);
        // Centre at (0.75, 1.25): a quarter of the way from the first centre across and down.
        Tile t = warp(src, new Extent(0.5, 1.0, 1.0, 1.5), 1, 1, ResampleMethod.BILINEAR);
        assertEquals(0.75 * 0.75 * 0 + 0.25 * 0.75 * 10 + 0.75 * 0.25 * 20 + 0.25 * 0.25 * 30, t.getDouble(0), 1e-12);
    }

    @Test
    void bilinearSkipsNoDataAndRenormalises() {
        SourceRaster src = raster(CellType.FLOAT32, 2, 2, 0, 10, Double.NaN, 30);
        // Centre (1, 1): weights 1/4 each, NoData excluded: (0 + 10 + 30) / 3.
        Tile t = warp(src, new Extent(0.5, 0.5, 1.5, 1.5), 1, 1, ResampleMethod.BILINEAR);
        assertEquals(40.0 / 3, t.getDouble(0), 1e-5);
    }

    @Test
    void singleBandTargetPixelOnNoDataIsNoData() {
        SourceRaster src = raster(CellType.FLOAT32, 2, 2, 0, 10, Double.NaN, 30);
        // Centre (0.9, 0.9) lies in the NoData pixel (col 0, row 1): gdalwarp leaves it NoData.
        assertTrue(Warp.warp(src, new PixelGrid(new Extent(0.4, 0.4, 1.4, 1.4), 1, 1), CRS_3857,
                ResampleMethod.BILINEAR, 0).isEmpty());
    }

    @Test
    void integerResultsAreRoundedHalfUp() {
        SourceRaster src = raster(CellType.UINT8, 2, 1, 1, 2);
        // Centre at x = 1: halfway between 1 and 2 is 1.5, rounded to 2.
        Tile t = warp(src, new Extent(0.5, 0, 1.5, 1), 1, 1, ResampleMethod.BILINEAR);
        assertEquals(2, t.getInt(0));
    }

    @Test
    void cubicReproducesALinearRampInside() {
        double[] v = new double[36];
        for (int i = 0; i < 36; i++) {
            v[i] = 3 * (i % 6) + 7 * (i / 6);
        }
        SourceRaster src = raster(CellType.FLOAT64, 6, 6, v);
        // Keys' kernel reproduces linear functions. The target centre (2.8, 2.7) is pixel column 2.8,
        // row 6 - 2.7 = 3.3, i.e. 2.3 and 2.8 pixels from the first centres.
        Tile t = warp(src, new Extent(2.7, 2.6, 2.9, 2.8), 1, 1, ResampleMethod.CUBIC_CONVOLUTION);
        assertEquals(3 * 2.3 + 7 * 2.8, t.getDouble(0), 1e-9);
    }

    @Test
    void cubicOvershootIsClampedForIntegers() {
        // A step: cubic convolution overshoots below 0 next to it; uint8 clamps to 0, which is NoData
        // for plain uint8, so it is nudged to 1 as gdalwarp does.
        double[] v = new double[36];
        for (int i = 0; i < 36; i++) {
            v[i] = i % 6 < 3 ? 1 : 255;
        }
        SourceRaster src = raster(CellType.UINT8, 6, 6, v);
        Tile t = warp(src, new Extent(2.0, 2.0, 2.5, 2.5), 1, 1, ResampleMethod.CUBIC_CONVOLUTION);
        assertTrue(t.getInt(0) >= 1 && t.getInt(0) <= 255);
        assertTrue(!t.isNoData(0));
    }

    @Test
    void averageWeighsPartialPixelsByCoverage() {
        SourceRaster src = raster(CellType.FLOAT64, 3, 1, 0, 10, 20);
        // Footprint x in [0.5, 2.0]: half of pixel 0, all of pixel 1 -> (0 * 0.5 + 10) / 1.5.
        Tile t = warp(src, new Extent(0.5, 0, 2.0, 1), 1, 1, ResampleMethod.AVERAGE);
        assertEquals(10 / 1.5, t.getDouble(0), 1e-12);
    }

    @Test
    void averageDownsamplesTwoByTwo() {
        SourceRaster src = raster(CellType.INT16, 2, 2, 1, 2, 3, 5);
        Tile t = warp(src, new Extent(0, 0, 2, 2), 1, 1, ResampleMethod.AVERAGE);
        assertEquals(3, t.getInt(0)); // 11 / 4 = 2.75, rounded
    }

    @Test
    void modeTakesTheMostFrequentValidValue() {
        SourceRaster src = raster(CellType.UINT16, 3, 2, 7, 9, 9, 7, 9, 0);
        Tile t = warp(src, new Extent(0, 0, 3, 2), 1, 1, ResampleMethod.MODE);
        assertEquals(9, t.getInt(0));
        // Ties go to the value that reached the winning count first in row-major order: 9 gets to 2
        // before 7 does.
        SourceRaster tie = raster(CellType.UINT16, 2, 2, 7, 9, 9, 7);
        assertEquals(9, warp(tie, new Extent(0, 0, 2, 2), 1, 1, ResampleMethod.MODE).getInt(0));
    }

    @Test
    void modeIgnoresNoData() {
        // uint16 NoData is 0: three zeros do not win.
        SourceRaster src = raster(CellType.UINT16, 2, 2, 0, 0, 0, 4);
        assertEquals(4, warp(src, new Extent(0, 0, 2, 2), 1, 1, ResampleMethod.MODE).getInt(0));
    }

    @Test
    void downsamplingWidensTheBilinearKernel() {
        double[] v = new double[16];
        for (int i = 0; i < 16; i++) {
            v[i] = i % 2 == 0 ? 0 : 100;
        }
        SourceRaster src = raster(CellType.FLOAT64, 4, 4, v);
        // 2x downsampling: centre at source x = 1 (col 0). Widened tent over cols -1..2 with weights
        // f((i - 0.5) / 2): 0.25 (col 0... clipped at the edge), 0.75, 0.75, 0.25 -> cols 0,1,2 only.
        Tile t = warp(src, new Extent(0, 0, 4, 4), 2, 2, ResampleMethod.BILINEAR);
        double expected = (0.75 * 0 + 0.75 * 100 + 0.25 * 0) / (0.75 + 0.75 + 0.25);
        assertEquals(expected, t.getDouble(0), 1e-9);
    }

    @Test
    void targetOutsideTheSourceIsEmpty() {
        SourceRaster src = raster(CellType.FLOAT32, 2, 2, 1, 2, 3, 4);
        for (ResampleMethod m : ResampleMethod.values()) {
            Optional<MultibandTile> out = Warp.warp(src, new PixelGrid(new Extent(10, 10, 12, 12), 2, 2), CRS_3857, m, 0);
            assertTrue(out.isEmpty(), m.name());
        }
    }

    @Test
    void partlyCoveredTargetHasNoDataOutside() {
        SourceRaster src = raster(CellType.FLOAT32, 2, 2, 1, 2, 3, 4);
        Tile t = warp(src, new Extent(1, 0, 3, 2), 2, 2, ResampleMethod.NEAREST);
        assertEquals(2, t.getDouble(0));
        assertTrue(t.isNoData(1));
        assertEquals(4, t.getDouble(2));
        assertTrue(t.isNoData(3));
    }

    @Test
    void allNoDataSourceGivesEmpty() {
        SourceRaster src = raster(CellType.FLOAT32, 2, 2, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        for (ResampleMethod m : ResampleMethod.values()) {
            assertTrue(Warp.warp(src, new PixelGrid(new Extent(0, 0, 2, 2), 2, 2), CRS_3857, m, 0).isEmpty(), m.name());
        }
    }

    @Test
    void reprojectionMatchesProj4jPointByPoint() {
        // A lat/long source sampled in web mercator: each target centre's value is the source pixel
        // holding its inverse-projected point.
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = i;
        }
        ArrayTile t = ArrayTile.empty(CellType.FLOAT64, 10, 10);
        for (int i = 0; i < 100; i++) {
            t.setDouble(i, v[i]);
        }
        SourceRaster src = SourceRaster.of(MultibandTile.of(t), new Extent(0, 0, 10, 10), CRS.LAT_LNG);
        PixelGrid target = new PixelGrid(new Extent(100000, 100000, 1000000, 1000000), 7, 7);
        Tile out = Warp.warp(src, target, CRS.WEB_MERCATOR, ResampleMethod.NEAREST, 0).orElseThrow().band(0);
        CRS.Transform back = CRS.WEB_MERCATOR.transformTo(CRS.LAT_LNG);
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 7; c++) {
                double[] ll = back.apply(target.x(c + 0.5), target.y(r + 0.5));
                int col = (int) Math.floor(ll[0]);
                int row = (int) Math.floor(10 - ll[1]);
                assertEquals(row * 10 + col, out.getDouble(r * 7 + c), "pixel " + c + "," + r);
            }
        }
    }

    @Test
    void parseAcceptsTheDocumentedNames() {
        assertEquals(ResampleMethod.NEAREST, ResampleMethod.parse("Nearest"));
        assertEquals(ResampleMethod.CUBIC_CONVOLUTION, ResampleMethod.parse("cubic"));
        assertEquals(ResampleMethod.CUBIC_CONVOLUTION, ResampleMethod.parse("CUBIC-CONVOLUTION"));
        assertEquals(ResampleMethod.CUBIC_CONVOLUTION, ResampleMethod.parse("cubicconvolution"));
        assertEquals(ResampleMethod.MODE, ResampleMethod.parse(" mode "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResampleMethod.parse("lanczos"));
        assertTrue(e.getMessage().contains("nearest, bilinear, cubic"), e.getMessage());
    }
}
