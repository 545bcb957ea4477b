package io.tessera.catalog.geotiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.Tile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header cases built with {@link TinyTiff}: georeferencing variants, dates, NoData, sample types. */
class HeaderCasesTest {

    @TempDir
    Path dir;

    private GeoTiffInfo info(TinyTiff t, String name) throws IOException {
        Path f = dir.resolve(name);
        t.write(f);
        return GeoTiff.readInfo(f);
    }

    @Test
    void unrotatedModelTransformation() throws IOException {
        GeoTiffInfo i = info(TinyTiff.grid().doubles(TiffDirectory.MODEL_TRANSFORMATION,
                0.5, 0, 0, 10, 0, -0.25, 0, 50, 0, 0, 0, 0, 0, 0, 0, 1), "transform.tif");
        assertEquals(new Extent(10, 49.5, 12, 50), i.extent());
        assertEquals(CRS.LAT_LNG, i.crs());
        assertEquals(CellType.UINT8_RAW, i.cellType());
        try (GeoTiff t = GeoTiff.open(dir.resolve("transform.tif"))) {
            Tile tile = t.read().band(0);
            assertEquals(6, tile.getInt(2, 1));
            assertEquals(5, t.readWindow(1, 1, 2, 1).band(0).getInt(0, 0));
        }
    }

    @Test
    void tiePointAwayFromTheOriginAndPixelIsPoint() throws IOException {
        TinyTiff t = TinyTiff.grid().doubles(TiffDirectory.MODEL_PIXEL_SCALE, 2, 1, 0)
                .doubles(TiffDirectory.MODEL_TIEPOINT, 1, 1, 0, 100, 200, 0);
        // Pixel (1,1)'s corner is (100,200): the image's corner is one pixel up and left.
        assertEquals(new Extent(98, 199, 106, 201), info(t, "tie.tif").extent());
        t.shorts(TiffDirectory.GEO_KEY_DIRECTORY, 1, 1, 0, 3, GeoKeys.MODEL_TYPE, 0, 1, 2,
                GeoKeys.RASTER_TYPE, 0, 1, 2, GeoKeys.GEOGRAPHIC_TYPE, 0, 1, 4326);
        GeoTiffInfo point = info(t, "point.tif");
        assertTrue(point.pixelIsPoint());
        assertEquals(new Extent(97, 199.5, 105, 201.5), point.extent());
    }

    @Test
    void dateTimeTag() throws IOException {
        TinyTiff t = TinyTiff.grid().doubles(TiffDirectory.MODEL_PIXEL_SCALE, 1, 1, 0)
                .doubles(TiffDirectory.MODEL_TIEPOINT, 0, 0, 0, 0, 2, 0);
        assertEquals(Optional.of(Instant.parse("1999-12-31T23:59:58Z")),
                info(t.ascii(TiffDirectory.DATE_TIME, "1999:12:31 23:59:58"), "date.tif").dateTime());
        assertEquals(Optional.empty(), info(t.ascii(TiffDirectory.DATE_TIME, "yesterday"), "bad-date.tif").dateTime());
    }

    @Test
    void noDataConventions() throws IOException {
        TinyTiff t = TinyTiff.grid().doubles(TiffDirectory.MODEL_PIXEL_SCALE, 1, 1, 0)
                .doubles(TiffDirectory.MODEL_TIEPOINT, 0, 0, 0, 0, 2, 0);
        assertEquals(CellType.UINT8, info(t.ascii(TiffDirectory.GDAL_NODATA, "0"), "nd0.tif").cellType());
        assertEquals("uint8ud7", info(t.ascii(TiffDirectory.GDAL_NODATA, "7"), "nd7.tif").cellType().name());
        assertEquals(CellType.UINT8_RAW, info(t.ascii(TiffDirectory.GDAL_NODATA, "256"), "nd256.tif").cellType());
        assertEquals(CellType.UINT8_RAW, info(t.ascii(TiffDirectory.GDAL_NODATA, "1.5"), "nd15.tif").cellType());
        assertEquals(CellType.UINT8_RAW, info(t.ascii(TiffDirectory.GDAL_NODATA, "nan"), "ndnan.tif").cellType());
        // The helper's tags stay set, so NoData 7 applies below.
        t.ascii(TiffDirectory.GDAL_NODATA, "7");
        try (GeoTiff g = GeoTiff.open(write(t, "nd7b.tif"))) {
            assertTrue(g.read().band(0).isNoData(3, 1));
        }
        assertEquals(CellType.FLOAT32, GeoTiff.cellType(CellType.DataType.FLOAT32, Optional.of(Double.NaN)));
        assertEquals("float32ud-9999.0",
                GeoTiff.cellType(CellType.DataType.FLOAT32, Optional.of(-9999.0)).name());
        assertEquals(CellType.INT16, GeoTiff.cellType(CellType.DataType.INT16, Optional.of(-32768.0)));
        assertEquals(CellType.INT8_RAW, GeoTiff.cellType(CellType.DataType.INT8, Optional.of(-129.0)));
        assertEquals(CellType.FLOAT64_RAW, GeoTiff.cellType(CellType.DataType.FLOAT64, Optional.empty()));
    }

    private Path write(TinyTiff t, String name) throws IOException {
        Path f = dir.resolve(name);
        t.write(f);
        return f;
    }

    @Test
    void unsupportedSampleTypesAndMissingGeoreferencing() throws IOException {
        TinyTiff geo = TinyTiff.grid().doubles(TiffDirectory.MODEL_PIXEL_SCALE, 1, 1, 0)
                .doubles(TiffDirectory.MODEL_TIEPOINT, 0, 0, 0, 0, 2, 0);
        Path u32 = write(TinyTiff.grid().doubles(TiffDirectory.MODEL_PIXEL_SCALE, 1, 1, 0)
                .doubles(TiffDirectory.MODEL_TIEPOINT, 0, 0, 0, 0, 2, 0)
                .shorts(TiffDirectory.BITS_PER_SAMPLE, 32).pixels(new byte[32]), "u32.tif");
        GeoTiffException e = assertThrows(GeoTiffException.class, () -> GeoTiff.readInfo(u32));
        assertTrue(e.getMessage().contains("uint32"), e.getMessage());
        Path noGeo = write(TinyTiff.grid(), "nogeo.tif");
        e = assertThrows(GeoTiffException.class, () -> GeoTiff.readInfo(noGeo));
        assertTrue(e.getMessage().startsWith(noGeo + ": no georeferencing"), e.getMessage());
        Path noKeys = write(geo.without(TiffDirectory.GEO_KEY_DIRECTORY), "nokeys.tif");
        e = assertThrows(GeoTiffException.class, () -> GeoTiff.readInfo(noKeys));
        assertTrue(e.getMessage().contains("the file has no CRS (no GeoKey directory") && e.getMessage().contains("--src-crs"), e.getMessage());
        Path emptyKeys = write(geo.shorts(TiffDirectory.GEO_KEY_DIRECTORY), "emptykeys.tif");
        e = assertThrows(GeoTiffException.class, () -> GeoTiff.readInfo(emptyKeys));
        assertTrue(e.getMessage().contains("corrupt GeoKey directory"), e.getMessage());
    }
}
