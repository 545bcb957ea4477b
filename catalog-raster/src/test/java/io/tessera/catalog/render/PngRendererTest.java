package io.tessera.catalog.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.histogram.Histogram;
import io.tessera.catalog.histogram.IntHistogram;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Colours of known values, transparency of NoData, the stretches and the PNG file. */
class PngRendererTest {

    @TempDir
    Path dir;

    /** Band 0..99 in reading order, NoData in the last cell. */
    private static ArrayTile ramp100() {
        ArrayTile t = ArrayTile.empty(CellType.INT16, 10, 11);
        for (int i = 0; i < 100; i++) {
            t.setInt(i, i);
        }
        return t;
    }

    private static IntHistogram histogram(ArrayTile t) {
        IntHistogram h = new IntHistogram();
        for (int i = 0; i < t.size(); i++) {
            if (!t.isNoData(i)) {
                h.countItem(t.getInt(i));
            }
        }
        return h;
    }

    @Test
    void singleBandMinIsTheFirstStopMaxTheLastAndNoDataIsTransparent() {
        ArrayTile t = ramp100();
        BufferedImage img = PngRenderer.toImage(MultibandTile.of(t), List.of(histogram(t)), ColorRamp.VIRIDIS);
        assertEquals(10, img.getWidth());
        assertEquals(11, img.getHeight());
        assertEquals(0xFF440154, img.getRGB(0, 0));
        assertEquals(0xFFfde725, img.getRGB(9, 9));
        for (int i = 100; i < 110; i++) {
            assertEquals(0, img.getRGB(i % 10, i / 10) >>> 24, "NoData is transparent");
        }
    }

    @Test
    void evenlySpreadValuesGetEvenlySpreadColours() {
        ArrayTile t = ramp100();
        BufferedImage img = PngRenderer.toImage(MultibandTile.of(t), List.of(histogram(t)), ColorRamp.GRAYSCALE);
        int previous = -1;
        for (int i = 0; i < 100; i++) {
            int grey = img.getRGB(i % 10, i / 10) & 0xFF;
            // Uniform data: equalisation is a linear stretch from 0 to 99, within a rounding.
            assertEquals(i * 255 / 99.0, grey, 1.0, "value " + i);
            assertTrue(grey >= previous);
            previous = grey;
        }
    }

    /**
     * Skewed values (half at 0, the rest 1..50 and one outlier 1000): min-max puts nearly everything
     * at the dark end, 2%–98% saturates the outlier, equalisation spreads the cells.
     */
    @Test
    void eachStretchingMapsValuesItsWay() {
        ArrayTile t = ArrayTile.empty(CellType.INT16, 101, 1);
        for (int i = 51; i < 100; i++) {
            t.setInt(i, i - 50);
        }
        t.setInt(100, 1000);
        MultibandTile m = MultibandTile.of(t);
        List<Histogram> h = List.of(histogram(t));
        BufferedImage minMax = PngRenderer.toImage(m, h, ColorRamp.GRAYSCALE, PngRenderer.Stretching.MINMAX);
        assertEquals(Math.round(49 * 255 / 1000.0), minMax.getRGB(99, 0) & 0xFF, 1);
        assertEquals(255, minMax.getRGB(100, 0) & 0xFF);
        BufferedImage linear = PngRenderer.toImage(m, h, ColorRamp.GRAYSCALE, PngRenderer.Stretching.LINEAR);
        assertEquals(255, linear.getRGB(99, 0) & 0xFF, "the 98% quantile and above are the top");
        assertEquals(0, linear.getRGB(10, 0) & 0xFF);
        BufferedImage equalized = PngRenderer.toImage(m, h, ColorRamp.GRAYSCALE, PngRenderer.Stretching.EQUALIZE);
        assertTrue((equalized.getRGB(75, 0) & 0xFF) > 100 && (minMax.getRGB(75, 0) & 0xFF) < 10,
                "equalisation spreads the crowded values where min-max crushes them");
        assertEquals(equalized.getRGB(75, 0), PngRenderer.toImage(m, h, ColorRamp.GRAYSCALE).getRGB(75, 0),
                "AUTO equalises one band");
        // Without histograms each stretching uses the raster's own cells the same way.
        assertEquals(minMax.getRGB(99, 0), PngRenderer.toImage(m, List.of(), ColorRamp.GRAYSCALE,
                PngRenderer.Stretching.MINMAX).getRGB(99, 0));
    }

    @Test
    void theLayersHistogramNotTheTilesSetsTheColours() {
        ArrayTile t = ramp100();
        IntHistogram layer = new IntHistogram();
        layer.countItem(0);
        layer.countItem(198);
        BufferedImage img = PngRenderer.toImage(MultibandTile.of(t), List.of(layer), ColorRamp.GRAYSCALE);
        assertEquals(0xFF000000, img.getRGB(0, 0));
        assertEquals(128, img.getRGB(9, 9) & 0xFF, "99 is half way from 0 to 198");
    }

    @Test
    void withoutHistogramsTheRasterItselfIsUsed() {
        ArrayTile t = ramp100();
        BufferedImage given = PngRenderer.toImage(MultibandTile.of(t), List.of(histogram(t)), ColorRamp.MAGMA);
        BufferedImage computed = PngRenderer.toImage(MultibandTile.of(t), List.of(), ColorRamp.MAGMA);
        for (int i = 0; i < t.size(); i++) {
            assertEquals(given.getRGB(i % 10, i / 10), computed.getRGB(i % 10, i / 10));
        }
    }

    @Test
    void threeUint8BandsAreRgbAsTheyAreAndAFourthIsIgnored() {
        ArrayTile r = ArrayTile.empty(CellType.UINT8_RAW, 2, 1);
        ArrayTile g = ArrayTile.empty(CellType.UINT8_RAW, 2, 1);
        ArrayTile b = ArrayTile.empty(CellType.UINT8, 2, 1);
        ArrayTile alpha = ArrayTile.empty(CellType.UINT8_RAW, 2, 1);
        r.setInt(0, 200);
        g.setInt(0, 100);
        b.setInt(0, 7);
        r.setInt(1, 1);
        g.setInt(1, 2);
        // b(1) stays 0, uint8's NoData: the pixel is transparent.
        BufferedImage img = PngRenderer.toImage(MultibandTile.of(r, g, b, alpha), List.of(), ColorRamp.VIRIDIS);
        assertEquals(0xFFC86407, img.getRGB(0, 0));
        assertEquals(0, img.getRGB(1, 0));
    }

    @Test
    void otherBandTypesAreStretchedFromTwoToNinetyEightPercent() {
        ArrayTile[] bands = new ArrayTile[3];
        for (int b = 0; b < 3; b++) {
            bands[b] = ArrayTile.empty(CellType.FLOAT32, 100, 1);
            for (int i = 0; i < 100; i++) {
                bands[b].setDouble(i, (i + 1) * (b + 1) * 10.0);
            }
        }
        MultibandTile raster = MultibandTile.of(bands);
        BufferedImage img = PngRenderer.toImage(raster, List.of(), ColorRamp.VIRIDIS);
        // Values 1..100 (times a scale): 2 and below black, 98 and above full, 50 half way.
        assertEquals(0xFF000000, img.getRGB(0, 0));
        assertEquals(0xFF000000, img.getRGB(1, 0));
        assertEquals(0xFFFFFFFF, img.getRGB(97, 0));
        assertEquals(0xFFFFFFFF, img.getRGB(99, 0));
        assertEquals(0xFF808080, img.getRGB(49, 0), Integer.toHexString(img.getRGB(49, 0)));
        List<Histogram> histograms = Stream.of(bands).map(t -> {
            IntHistogram h = new IntHistogram();
            for (int i = 0; i < t.size(); i++) {
                if (!t.isNoData(i)) {
                    h.countItem(t.getInt(i));
                }
            }
            return (Histogram) h;
        }).toList();
        BufferedImage withHistograms = PngRenderer.toImage(raster, histograms, ColorRamp.VIRIDIS);
        for (int x = 0; x < 100; x++) {
            assertEquals(img.getRGB(x, 0), withHistograms.getRGB(x, 0), "pixel " + x);
        }
        bands[1].setDouble(50, Double.NaN);
        BufferedImage holed = PngRenderer.toImage(raster, List.of(), ColorRamp.VIRIDIS);
        assertEquals(0, holed.getRGB(50, 0), "NoData in one band makes the pixel transparent");
    }

    @Test
    void tooFewHistogramsIsAnError() {
        MultibandTile rgb = MultibandTile.of(ramp100(), ramp100(), ramp100());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PngRenderer.toImage(rgb, List.of(new IntHistogram()), ColorRamp.VIRIDIS));
        assertTrue(e.getMessage().contains("3 bands but 1 histograms"), e.getMessage());
    }

    @Test
    void writesAPngThatReadsBackWithItsTransparency() throws IOException {
        ArrayTile t = ramp100();
        Path file = dir.resolve("ramp.png");
        PngRenderer.render(MultibandTile.of(t), List.of(histogram(t)), ColorRamp.VIRIDIS, file);
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(0xFF440154, back.getRGB(0, 0));
        assertEquals(0, back.getRGB(0, 10) >>> 24);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void aPngInAMissingDirectoryIsAnErrorNamingIt() {
        Path file = dir.resolve("missing/x.png");
        Exception e = assertThrows(java.io.UncheckedIOException.class,
                () -> PngRenderer.render(MultibandTile.of(ramp100()), List.of(), ColorRamp.VIRIDIS, file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }
}
