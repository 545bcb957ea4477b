package io.tessera.catalog.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.geotiff.GeoTiff;
import io.tessera.catalog.histogram.Histogram;
import io.tessera.catalog.histogram.StreamingHistogram;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The real test files rendered as a person would see them: the PNGs stay in target/render for a
 * look, and the tests check that they are varied images rather than flat or noisy ones.
 */
class RealFilePngTest {

    private static final Path OUT = Path.of("target", "render");

    private static MultibandTile read(String name) {
        try (GeoTiff tiff = GeoTiff.open(Path.of(RealFilePngTest.class.getResource("/geotiff/real/" + name).toURI()))) {
            return tiff.read();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The layer's histogram as a catalog computes it: streaming, GeoTrellis's 80 buckets. */
    private static Histogram streaming(Tile band) {
        StreamingHistogram h = new StreamingHistogram();
        for (int i = 0; i < band.size(); i++) {
            if (!band.isNoData(i)) {
                h.countItem(band.getDouble(i));
            }
        }
        return h;
    }

    private static BufferedImage renderAndReadBack(MultibandTile raster, List<Histogram> histograms, ColorRamp ramp,
            String name) throws IOException {
        Files.createDirectories(OUT);
        Path file = OUT.resolve(name);
        PngRenderer.render(raster, histograms, ramp, file);
        return ImageIO.read(file.toFile());
    }

    private static Set<Integer> colours(BufferedImage img) {
        Set<Integer> out = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                out.add(img.getRGB(x, y));
            }
        }
        return out;
    }

    /** Mean absolute difference of neighbouring pixels' green: small for a smooth picture, large for noise. */
    private static double roughness(BufferedImage img) {
        double sum = 0;
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 1; x < img.getWidth(); x++) {
                sum += Math.abs(((img.getRGB(x, y) >> 8) & 0xFF) - ((img.getRGB(x - 1, y) >> 8) & 0xFF));
                n++;
            }
        }
        return sum / n;
    }

    @Test
    void elevationWithViridis() throws IOException {
        MultibandTile raster = read("elevation.tif");
        BufferedImage img = renderAndReadBack(raster, List.of(streaming(raster.band(0))), ColorRamp.VIRIDIS,
                "elevation.png");
        assertEquals(400, img.getWidth());
        assertTrue(colours(img).size() > 200, colours(img).size() + " colours");
        assertTrue(roughness(img) < 20, "smooth terrain, not noise: " + roughness(img));
        assertTrue(colours(img).contains(0xFF440154) && colours(img).contains(0xFFfde725), "both ends of the ramp");
    }

    @Test
    void aspectWithNoDataTransparent() throws IOException {
        MultibandTile raster = read("aspect.tif");
        BufferedImage img = renderAndReadBack(raster, List.of(streaming(raster.band(0))), ColorRamp.MAGMA,
                "aspect.png");
        long noData = 0;
        long transparent = 0;
        for (int i = 0; i < raster.band(0).size(); i++) {
            noData += raster.band(0).isNoData(i) ? 1 : 0;
            transparent += (img.getRGB(i % 256, i / 256) >>> 24) == 0 ? 1 : 0;
        }
        assertTrue(noData > 0, "aspect.tif has NoData cells");
        assertEquals(noData, transparent);
        assertTrue(colours(img).size() > 200, colours(img).size() + " colours");
    }

    @Test
    void landsatBandInGrey() throws IOException {
        MultibandTile raster = read("lc8-utm-1.tif");
        BufferedImage img = renderAndReadBack(raster, List.of(), ColorRamp.GRAYSCALE, "lc8-utm-1.png");
        assertTrue(colours(img).size() > 150, colours(img).size() + " greys");
    }

    @Test
    void aerialPhotoInItsOwnColours() throws IOException {
        MultibandTile raster = read("multiband.tif");
        BufferedImage img = renderAndReadBack(raster, List.of(), ColorRamp.VIRIDIS, "multiband.png");
        Tile r = raster.band(0);
        Tile g = raster.band(1);
        Tile b = raster.band(2);
        for (int i = 0; i < r.size(); i += 997) {
            int expected = 0xFF000000 | r.getInt(i) << 16 | g.getInt(i) << 8 | b.getInt(i);
            assertEquals(expected, img.getRGB(i % r.cols(), i / r.cols()), "pixel " + i);
        }
        assertTrue(colours(img).size() > 5000, colours(img).size() + " colours");
    }
}
