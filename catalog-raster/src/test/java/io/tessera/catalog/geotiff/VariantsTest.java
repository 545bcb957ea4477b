package io.tessera.catalog.geotiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layout, compression, predictor, byte order and sample type that generate.sh makes with
 * gdal_translate decodes to the same cells as the plain striped, uncompressed file of its type,
 * and that file's cells match gdallocationinfo.
 */
class VariantsTest {

    static Stream<String> variants() throws IOException {
        try (Stream<Path> files = Files.list(Resources.path("variants"))) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tif") && !n.endsWith("-strip-none.tif"))
                    .sorted().collect(Collectors.toList());
            return names.stream();
        }
    }

    private static String type(String name) {
        return name.substring(0, name.indexOf('-'));
    }

    @Test
    void coversEveryLayoutCompressionAndType() throws IOException {
        List<String> names = variants().collect(Collectors.toList());
        assertEquals(55, names.size(), names.toString());
        for (String t : new String[] {"bit", "int8", "uint8", "int16", "uint16", "int32", "float32", "float64"}) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(t + "-")), t);
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void decodesLikeTheUncompressedStripFile(String name) {
        try (GeoTiff base = GeoTiff.open(Resources.path("variants/" + type(name) + "-strip-none.tif"));
                GeoTiff tiff = GeoTiff.open(Resources.path("variants/" + name))) {
            GeoTiffInfo b = base.info();
            GeoTiffInfo i = tiff.info();
            assertEquals(b.cellType(), i.cellType());
            assertEquals(b.bandCount(), i.bandCount());
            assertEquals(b.extent(), i.extent());
            assertEquals(b.crs(), i.crs());
            assertEquals(name.contains("bigtiff"), i.layout().bigTiff());
            assertEquals(name.contains("tiled"), i.layout().tiled());
            assertEquals(name.contains("planar"), i.layout().planar());
            MultibandTile expected = base.read();
            MultibandTile full = tiff.read();
            assertSame(expected, full, name);
            int[][] windows = {{0, 0, 50, 40}, {0, 0, 1, 1}, {49, 39, 1, 1}, {15, 15, 2, 2}, {3, 5, 30, 20},
                {31, 6, 19, 34}, {16, 0, 16, 40}, {7, 16, 43, 1}};
            for (int[] w : windows) {
                assertSlice(full, tiff.readWindow(w[0], w[1], w[2], w[3]), w, name);
            }
        }
    }

    /** The plain files against gdallocationinfo -valonly at (0,0), (49,39), (13,27), bands 1 and 2. */
    @Test
    void plainFilesMatchGdal() {
        Object[][] expected = {
            {"uint8", "uint8", new double[] {123, 158, 114, 156, 120, 154}},
            // GDAL 3.6 prints signed bytes as unsigned; the file's SampleFormat is signed.
            {"int8", "int8ud0", new double[] {123, 158 - 256, 114, 156 - 256, 120, 154 - 256}},
            {"int16", "int16ud0", new double[] {-1059, 7176, -3176, 6706, -1765, 6235}},
            {"uint16", "uint16", new double[] {31353, 40275, 29059, 39765, 30588, 39255}},
            {"int32", "int32ud0", new double[] {-70588, 478431, -211765, 447059, -117647, 415686}},
            {"float32", "float32ud0.0", new double[] {-0.0352941192686558, 0.239215686917305, -0.105882354080677,
                0.223529413342476, -0.0588235296308994, 0.207843139767647}},
            {"float64", "float64ud0.0", new double[] {-35.2941176470589, 239.21568627451, -105.882352941176,
                223.529411764706, -58.8235294117648, 207.843137254902}},
        };
        int[][] pixels = {{0, 0}, {49, 39}, {13, 27}};
        for (Object[] e : expected) {
            try (GeoTiff tiff = GeoTiff.open(Resources.path("variants/" + e[0] + "-strip-none.tif"))) {
                GeoTiffInfo info = tiff.info();
                assertEquals(e[1], info.cellType().name(), (String) e[0]);
                assertEquals(2, info.bandCount());
                assertEquals(CRS.fromEpsg(32618), info.crs());
                assertEquals(680274.6566300001, info.extent().xmin(), 1e-6);
                assertEquals(4904961.064730001, info.extent().ymax(), 1e-6);
                assertEquals(0.05717, info.cellSize().width(), 1e-12);
                MultibandTile m = tiff.read();
                double[] v = (double[]) e[2];
                for (int p = 0; p < 3; p++) {
                    for (int b = 0; b < 2; b++) {
                        assertEquals(v[2 * p + b], m.band(b).getDouble(pixels[p][0], pixels[p][1]), 1e-9,
                                e[0] + " band " + b + " pixel " + p);
                    }
                }
            }
        }
    }

    @Test
    void oneBitFile() {
        try (GeoTiff tiff = GeoTiff.open(Resources.path("variants/bit-strip-none.tif"))) {
            assertEquals(CellType.BOOL, tiff.info().cellType());
            Tile t = tiff.read().band(0);
            int ones = 0;
            for (int i = 0; i < t.size(); i++) {
                ones += t.getInt(i);
            }
            // gdal_translate -of XYZ: 96 of the 2000 cells are 1.
            assertEquals(96, ones);
        }
    }

    @Test
    void sparseTilesReadAsNoData() {
        try (GeoTiff tiff = GeoTiff.open(Resources.path("sparse-int16.tif"))) {
            GeoTiffInfo info = tiff.info();
            assertEquals("int16ud-5", info.cellType().name());
            assertEquals(CRS.fromEpsg(32633), info.crs());
            Tile t = tiff.read().band(0);
            for (int i = 0; i < t.size(); i++) {
                assertTrue(t.isNoData(i));
            }
            // gdallocationinfo -valonly sparse-int16.tif 20 30: -5
            assertEquals(-5, ((io.tessera.catalog.raster.ShortArrayTile) t).array()[t.index(20, 30)]);
        }
    }

    static void assertSame(MultibandTile expected, MultibandTile actual, String what) {
        assertEquals(expected.bandCount(), actual.bandCount(), what);
        assertEquals(expected.cols(), actual.cols(), what);
        assertEquals(expected.rows(), actual.rows(), what);
        for (int b = 0; b < expected.bandCount(); b++) {
            Tile e = expected.band(b);
            Tile a = actual.band(b);
            assertEquals(e.cellType(), a.cellType(), what);
            for (int i = 0; i < e.size(); i++) {
                if (e.rawBits(i) != a.rawBits(i)) {
                    throw new AssertionError(what + ": band " + b + " cell (" + (i % e.cols()) + "," + (i / e.cols())
                            + ") is " + a.getDouble(i) + ", expected " + e.getDouble(i));
                }
            }
        }
    }

    static void assertSlice(MultibandTile full, MultibandTile window, int[] w, String what) {
        String label = what + " window " + w[2] + "x" + w[3] + " at " + w[0] + "," + w[1];
        assertEquals(full.bandCount(), window.bandCount(), label);
        assertEquals(w[2], window.cols(), label);
        assertEquals(w[3], window.rows(), label);
        for (int b = 0; b < full.bandCount(); b++) {
            Tile f = full.band(b);
            Tile s = window.band(b);
            for (int r = 0; r < w[3]; r++) {
                for (int c = 0; c < w[2]; c++) {
                    if (f.rawBits(f.index(w[0] + c, w[1] + r)) != s.rawBits(s.index(c, r))) {
                        throw new AssertionError(label + ": band " + b + " cell (" + c + "," + r + ") differs");
                    }
                }
            }
        }
    }
}
