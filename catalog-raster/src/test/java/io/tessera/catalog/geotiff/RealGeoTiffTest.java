package io.tessera.catalog.geotiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The real GeoTIFFs from ../shared/data against what GDAL 3.6.2 reports for them
 * ({@code gdalinfo -json}, {@code gdallocationinfo -valonly}, and sums of
 * {@code gdal_translate -of XYZ}).
 */
class RealGeoTiffTest {

    private static final double EPS = 1e-6;

    private static GeoTiff open(String name) {
        return GeoTiff.open(Resources.path("real/" + name));
    }

    /** GDAL's geotransform: origin x, pixel width, origin y, pixel height (negative). */
    private static void assertGeoTransform(GeoTiffInfo info, double x0, double sx, double y0, double sy) {
        Extent e = info.extent();
        assertEquals(x0, e.xmin(), Math.abs(sx) * 1e-9);
        assertEquals(y0, e.ymax(), Math.abs(sy) * 1e-9);
        assertEquals(sx, info.cellSize().width(), Math.abs(sx) * 1e-9);
        assertEquals(-sy, info.cellSize().height(), Math.abs(sy) * 1e-9);
    }

    private static double sum(Tile t) {
        double s = 0;
        for (int i = 0; i < t.size(); i++) {
            s += t.getDouble(i);
        }
        return s;
    }

    private static double rawSum(Tile t) {
        double s = 0;
        for (int i = 0; i < t.size(); i++) {
            s += t.rawBits(i);
        }
        return s;
    }

    @Test
    void elevation() {
        try (GeoTiff tiff = open("elevation.tif")) {
            GeoTiffInfo info = tiff.info();
            assertEquals(400, info.cols());
            assertEquals(400, info.rows());
            assertEquals(1, info.bandCount());
            assertEquals(CellType.FLOAT32_RAW, info.cellType());
            assertEquals(CRS.WEB_MERCATOR, info.crs());
            assertEquals(3857, info.crs().epsgCode().getAsInt());
            assertGeoTransform(info, -8381389.716714849, 96.45, 4887235.159048369, -104.325);
            assertFalse(info.pixelIsPoint());
            assertFalse(info.layout().tiled());
            assertEquals(Codecs.DEFLATE, info.layout().compression());
            assertEquals(Optional.empty(), info.dateTime());
            Tile t = tiff.read().band(0);
            assertEquals(91.7794418334961, t.getDouble(0, 0), EPS);
            assertEquals(90.6445922851562, t.getDouble(17, 23), EPS);
            assertEquals(65.4443283081055, t.getDouble(123, 45), EPS);
            assertEquals(3.73227190971375, t.getDouble(250, 200), EPS);
            assertEquals(49.8762664794922, t.getDouble(399, 399), EPS);
            assertEquals(5681245.860072, sum(t), 1.0);
        }
    }

    @Test
    void landsatUtmPixelIsPoint() {
        try (GeoTiff tiff = open("lc8-utm-1.tif")) {
            GeoTiffInfo info = tiff.info();
            assertEquals(287, info.cols());
            assertEquals(292, info.rows());
            assertEquals(CellType.UINT16_RAW, info.cellType());
            assertEquals(CRS.fromEpsg(32618), info.crs());
            assertTrue(info.pixelIsPoint());
            // The tie point (357989.58, 4423410.67) is a pixel centre; GDAL moves it half a pixel.
            assertGeoTransform(info, 357585.0, 809.163763066202, 4423815.0, -808.6643835616438);
            Tile t = tiff.read().band(0);
            assertEquals(0, t.getInt(0, 0));
            assertEquals(9149, t.getInt(123, 45));
            assertEquals(12048, t.getInt(250, 200));
            assertEquals(583390256.0, sum(t), 0.0);
        }
    }

    @Test
    void multibandWithOutOfRangeNoData() {
        try (GeoTiff tiff = open("multiband.tif")) {
            GeoTiffInfo info = tiff.info();
            assertEquals(539, info.cols());
            assertEquals(477, info.rows());
            // RGB plus an alpha sample (ExtraSamples), as gdalinfo lists four bands; the alpha marks
            // coverage, so the -1e4 that fits no byte gives way to uint8's own NoData 0.
            assertEquals(4, info.bandCount());
            assertEquals(Optional.of(-10000.0), info.noData());
            assertEquals(GeoTiffInfo.Mask.ALPHA_BAND, info.mask());
            assertEquals(CellType.UINT8, info.cellType());
            assertEquals(CRS.fromEpsg(32618), info.crs());
            assertGeoTransform(info, 680263.2226300001, 0.05717, 4904972.498730001, -0.05717);
            MultibandTile m = tiff.read();
            int[][] expected = {
                {0, 0, 161, 178, 111, 255}, {17, 23, 148, 170, 97, 255}, {123, 45, 151, 178, 104, 255},
                {250, 200, 105, 148, 80, 255}, {399, 399, 99, 139, 74, 255}, {538, 476, 74, 116, 48, 255},
            };
            for (int[] e : expected) {
                for (int b = 0; b < 4; b++) {
                    assertEquals(e[2 + b], m.band(b).getInt(e[0], e[1]), "band " + b + " at " + e[0] + "," + e[1]);
                }
            }
            assertEquals(20587386.0, rawSum(m.band(2)), 0.0);
        }
    }

    @Test
    void aspectUserDefinedLambertConformalConic() {
        try (GeoTiff tiff = open("aspect.tif")) {
            GeoTiffInfo info = tiff.info();
            assertEquals(256, info.cols());
            assertEquals(256, info.rows());
            assertEquals(CellType.fromName("float32ud-9999.0"), info.cellType());
            assertEquals("float32ud-9999.0", info.cellType().name());
            // gdalsrsinfo -o proj4: +proj=lcc +lat_0=33.75 +lon_0=-79 +lat_1=36.1666666666667
            // +lat_2=34.3333333333333 +x_0=609601.22 +y_0=0 +datum=NAD83 +units=m +no_defs
            CRS gdal = CRS.fromProj4("+proj=lcc +lat_0=33.75 +lon_0=-79 +lat_1=36.1666666666667 +lat_2=34.3333333333333"
                    + " +x_0=609601.22 +y_0=0 +datum=NAD83 +units=m +no_defs");
            String ours = info.crs().toProj4();
            assertTrue(ours.contains("+proj=lcc") && ours.contains("+datum=NAD83") && ours.contains("+x_0=609601.22"), ours);
            // Same projection: the upper-left corner maps to the same longitude/latitude GDAL prints
            // (78d46'27.41"W, 35d48'34.59"N).
            double[] ll = info.crs().transformTo(CRS.LAT_LNG).apply(630000, 228500);
            double[] llGdal = gdal.transformTo(CRS.LAT_LNG).apply(630000, 228500);
            assertEquals(-(78 + 46 / 60.0 + 27.41 / 3600), ll[0], 1e-5);
            assertEquals(35 + 48 / 60.0 + 34.59 / 3600, ll[1], 1e-5);
            assertEquals(llGdal[0], ll[0], 1e-9);
            assertEquals(llGdal[1], ll[1], 1e-9);
            assertGeoTransform(info, 630000, 10, 228500, -10);
            Tile t = tiff.read().band(0);
            assertTrue(t.isNoData(0, 0));
            assertEquals(219.904602050781, t.getDouble(17, 23), EPS);
            assertEquals(205.294403076172, t.getDouble(123, 45), EPS);
            assertEquals(265.033508300781, t.getDouble(250, 200), EPS);
            assertEquals(290.717010498047, t.getDouble(255, 255), EPS);
        }
    }

    @Test
    void dateTimeTagAndGeographicCrs() {
        try (GeoTiff tiff = open("test-time-tag.tif")) {
            GeoTiffInfo info = tiff.info();
            assertEquals(30, info.cols());
            assertEquals(30, info.rows());
            assertEquals(CellType.UINT16_RAW, info.cellType());
            assertEquals(CRS.LAT_LNG, info.crs());
            assertEquals(4326, info.crs().epsgCode().getAsInt());
            assertGeoTransform(info, -179.9999969, 12.0, 89.9999969, -6.0);
            Instant t = Instant.parse("2015-03-25T18:01:04Z");
            assertEquals(Optional.of(t), info.dateTime());
            assertEquals(t.toEpochMilli(), info.temporalProjectedExtent(Optional.empty()).instant());
            Instant given = Instant.parse("2016-01-01T00:00:00Z");
            assertEquals(given.toEpochMilli(), info.temporalProjectedExtent(Optional.of(given)).instant());
            Tile tile = tiff.read().band(0);
            assertEquals(48, tile.getInt(17, 23));
            assertEquals(1, tile.getInt(10, 12));
            assertEquals(0, tile.getInt(20, 5));
        }
    }

    @Test
    void instantFromCallerWhenNoDateTimeTag() {
        GeoTiffInfo info = GeoTiff.readInfo(Resources.path("real/elevation.tif"));
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        assertEquals(t.toEpochMilli(), info.temporalProjectedExtent(Optional.of(t)).instant());
        GeoTiffException e = org.junit.jupiter.api.Assertions.assertThrows(GeoTiffException.class,
                () -> info.temporalProjectedExtent(Optional.empty()));
        assertTrue(e.getMessage().contains("elevation.tif") && e.getMessage().contains("DateTime"), e.getMessage());
    }

    @Test
    void windowsOfRealFilesEqualSlicesOfTheFullRead() {
        for (String name : new String[] {"elevation.tif", "lc8-utm-1.tif", "multiband.tif", "aspect.tif"}) {
            try (GeoTiff tiff = open(name)) {
                MultibandTile full = tiff.read();
                int[][] windows = {{0, 0, 1, 1}, {13, 7, 100, 33}, {full.cols() - 17, full.rows() - 9, 17, 9},
                    {5, 3, full.cols() - 5, 1}};
                for (int[] w : windows) {
                    VariantsTest.assertSlice(full, tiff.readWindow(w[0], w[1], w[2], w[3]), w, name);
                }
            }
        }
    }
}
