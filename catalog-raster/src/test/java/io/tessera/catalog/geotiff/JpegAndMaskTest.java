package io.tessera.catalog.geotiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.gdal.Gdal;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * JPEG-compressed files decode as GDAL decodes them, and a GDAL internal mask or an alpha band
 * makes the pixels it hides NoData in every band (the files and their commands: generate.sh).
 */
class JpegAndMaskTest {

    /** The IDCT's rounding: libjpeg-turbo (GDAL) and the JDK's libjpeg may differ by one step. */
    private static final int JPEG_TOLERANCE = 1;

    private static final int[][] WINDOWS = {{0, 0, 1, 1}, {15, 15, 2, 2}, {3, 5, 30, 20}, {31, 6, 19, 34},
        {16, 0, 16, 40}, {7, 16, 43, 1}};

    @TempDir
    Path tmp;

    /** The file as gdal_translate decodes it, uncompressed, with extra gdal_translate options. */
    private Path gdalDecoded(Path file, String... options) {
        Path out = tmp.resolve(file.getFileName() + "-" + String.join("", options) + ".tif");
        List<String> args = new ArrayList<>(List.of("-q", "-co", "COMPRESS=NONE"));
        args.addAll(List.of(options));
        args.add(file.toString());
        args.add(out.toString());
        Gdal.run("gdal_translate", args.toArray(String[]::new));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ycbcr-tiled.tif", "ycbcr-strip.tif", "rgb-strip.tif", "rgb-planar-tiled.tif",
        "grey-strip.tif"})
    void jpegDecodesAsGdalDoes(String name) {
        Path file = Resources.path("jpeg/" + name);
        try (GeoTiff tiff = GeoTiff.open(file); GeoTiff gdal = GeoTiff.open(gdalDecoded(file))) {
            GeoTiffInfo info = tiff.info();
            assertEquals(7, info.layout().compression());
            assertEquals(CellType.UINT8_RAW, info.cellType());
            assertEquals(name.startsWith("grey") ? 1 : 3, info.bandCount());
            assertEquals(gdal.info().extent(), info.extent());
            assertEquals(gdal.info().crs(), info.crs());
            MultibandTile ours = tiff.read();
            MultibandTile theirs = gdal.read();
            int differing = 0;
            for (int b = 0; b < ours.bandCount(); b++) {
                for (int i = 0; i < ours.band(b).size(); i++) {
                    int d = Math.abs(ours.band(b).getInt(i) - theirs.band(b).getInt(i));
                    assertTrue(d <= JPEG_TOLERANCE, name + " band " + b + " cell " + i + ": " + ours.band(b).getInt(i)
                            + " vs GDAL's " + theirs.band(b).getInt(i));
                    differing += d == 0 ? 0 : 1;
                }
            }
            assertTrue(differing * 100 <= ours.bandCount() * ours.band(0).size(), name + ": " + differing
                    + " cells off by one, more than 1%");
            for (int[] w : WINDOWS) {
                VariantsTest.assertSlice(ours, tiff.readWindow(w[0], w[1], w[2], w[3]), w, name);
            }
        }
    }

    /** A JPEG orthophoto with GDAL's internal mask: masked pixels are NoData in all three bands. */
    @Test
    void anInternalMaskMakesItsPixelsNoData() {
        Path file = Resources.path("mask/ortho-jpeg-mask.tif");
        try (GeoTiff tiff = GeoTiff.open(file); GeoTiff gdal = GeoTiff.open(gdalDecoded(file));
                GeoTiff gdalMask = GeoTiff.open(gdalDecoded(file, "-b", "mask"))) {
            GeoTiffInfo info = tiff.info();
            assertEquals(GeoTiffInfo.Mask.MASK_IMAGE, info.mask());
            assertEquals(3, info.bandCount());
            assertEquals(CellType.UINT8, info.cellType(), "the default NoData (0) for masked cells");
            MultibandTile ours = tiff.read();
            MultibandTile theirs = gdal.read();
            Tile mask = gdalMask.read().band(0);
            int masked = 0;
            for (int i = 0; i < mask.size(); i++) {
                boolean hidden = mask.getInt(i) == 0;
                masked += hidden ? 1 : 0;
                for (int b = 0; b < 3; b++) {
                    Tile t = ours.band(b);
                    assertEquals(hidden, t.isNoData(i), "band " + b + " cell " + i);
                    if (!hidden) {
                        int expected = Math.max(1, theirs.band(b).getInt(i));
                        assertTrue(Math.abs(t.getInt(i) - expected) <= JPEG_TOLERANCE, "band " + b + " cell " + i);
                    }
                }
            }
            assertTrue(masked > 500 && masked < 2000, "the triangle: " + masked + " of 3072 pixels");
            int[][] windows = {{0, 0, 64, 48}, {10, 20, 30, 20}, {63, 47, 1, 1}, {0, 40, 20, 8}};
            for (int[] w : windows) {
                VariantsTest.assertSlice(ours, tiff.readWindow(w[0], w[1], w[2], w[3]), w, "masked window");
            }
        }
    }

    /**
     * RGBA with an alpha band: alpha 0 is NoData in all four bands, and a valid black pixel, which
     * would read as NoData 0, becomes 1.
     */
    @Test
    void anAlphaBandMakesTransparentPixelsNoDataAndKeepsBlackOnes() {
        Path file = Resources.path("mask/rgba-alpha.tif");
        // Written without ExtraSamples alpha, so that this reader reads GDAL's cells unmasked.
        try (GeoTiff tiff = GeoTiff.open(file); GeoTiff gdal = GeoTiff.open(gdalDecoded(file, "-co", "ALPHA=NO"))) {
            assertEquals(GeoTiffInfo.Mask.NONE, gdal.info().mask());
            GeoTiffInfo info = tiff.info();
            assertEquals(GeoTiffInfo.Mask.ALPHA_BAND, info.mask());
            assertEquals(4, info.bandCount());
            assertEquals(CellType.UINT8, info.cellType());
            MultibandTile ours = tiff.read();
            MultibandTile theirs = gdal.read();
            int black = 0;
            for (int i = 0; i < ours.band(0).size(); i++) {
                boolean hidden = theirs.band(3).getInt(i) == 0;
                for (int b = 0; b < 4; b++) {
                    assertEquals(hidden, ours.band(b).isNoData(i), "band " + b + " cell " + i);
                    if (!hidden) {
                        int v = theirs.band(b).getInt(i);
                        black += v == 0 ? 1 : 0;
                        assertEquals(v == 0 ? 1 : v, ours.band(b).getInt(i), "band " + b + " cell " + i);
                    }
                }
            }
            assertTrue(black > 0, "the file has valid black pixels");
        }
    }

    /** A file with its own NoData value keeps it; the mask adds to it and nothing valid moves. */
    @Test
    void aMaskOverAFileNoDataKeepsTheFileNoData() {
        Path file = Resources.path("mask/int16-nodata-mask.tif");
        try (GeoTiff tiff = GeoTiff.open(file); GeoTiff gdal = GeoTiff.open(gdalDecoded(file));
                GeoTiff gdalMask = GeoTiff.open(gdalDecoded(file, "-b", "mask"))) {
            assertEquals(GeoTiffInfo.Mask.MASK_IMAGE, tiff.info().mask());
            assertEquals("int16ud-5", tiff.info().cellType().name());
            Tile ours = tiff.read().band(0);
            Tile theirs = gdal.read().band(0);
            Tile mask = gdalMask.read().band(0);
            for (int i = 0; i < ours.size(); i++) {
                if (mask.getInt(i) == 0) {
                    assertTrue(ours.isNoData(i), "cell " + i);
                } else {
                    assertEquals(theirs.getDouble(i), ours.getDouble(i), 0, "cell " + i);
                }
            }
        }
    }

    /** Files without a mask or alpha are as before: the raw type, nothing masked. */
    @Test
    void filesWithoutMaskOrAlphaAreUnmasked() {
        try (GeoTiff tiff = GeoTiff.open(Resources.path("variants/uint8-strip-none.tif"))) {
            assertEquals(GeoTiffInfo.Mask.NONE, tiff.info().mask());
        }
    }
}
