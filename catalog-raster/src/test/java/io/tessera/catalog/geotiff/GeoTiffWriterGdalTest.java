package io.tessera.catalog.geotiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.gdal.Gdal;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GDAL, the oracle, reads the GeoTIFFs we write as we meant them. */
class GeoTiffWriterGdalTest {

    @TempDir
    Path dir;

    private Path write(MultibandTile raster, GeoTiffSpec spec) {
        Path file = dir.resolve("ours.tif");
        GeoTiffWriter.write(file, spec, Rasters.windows(raster));
        return file;
    }

    /** The EPSG code GDAL's WKT ends with, or -1. */
    private static int epsgOfWkt(JsonNode info) {
        String wkt = info.path("coordinateSystem").path("wkt").asText().replaceAll("\\s+", "");
        Matcher m = Pattern.compile("ID\\[\"EPSG\",(\\d+)\\]\\]$").matcher(wkt);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static double stat(JsonNode band, String name) {
        return Double.parseDouble(band.path("metadata").path("").path("STATISTICS_" + name).asText());
    }

    @ParameterizedTest(name = "{0} EPSG:{1}")
    @CsvSource({
        "float32ud-9999.0, 3857, Float32, 1", "float32, 32618, Float32, 2", "float64, 4326, Float64, 1",
        "float64raw, 3413, Float64, 1", "int16, 32618, Int16, 3", "uint16raw, 32618, UInt16, 1",
        "uint16ud3, 4326, UInt16, 2", "int32ud-1, 3413, Int32, 1", "uint8ud255, 4326, Byte, 3", "uint8, 3857, Byte, 4",
    })
    void gdalinfoReportsCrsGeoTransformNoDataTypeAndStatistics(String cellType, int epsg, String gdalType, int bands) {
        CellType type = CellType.fromName(cellType);
        MultibandTile raster = Rasters.random(type, bands, 300, 170, epsg);
        Extent extent = new Extent(-12.345, 10.5, -12.345 + 300 * 0.25, 10.5 + 170 * 0.125);
        GeoTiffSpec spec = new GeoTiffSpec(300, 170, bands, type, extent, CRS.fromEpsg(epsg), 128);
        JsonNode info = Gdal.info(write(raster, spec), "-stats");

        assertEquals(epsg, epsgOfWkt(info), info.path("coordinateSystem").toString());
        assertEquals(300, info.path("size").get(0).asInt());
        assertEquals(170, info.path("size").get(1).asInt());
        JsonNode gt = info.path("geoTransform");
        double[] expected = {extent.xmin(), extent.width() / 300, 0, extent.ymax(), 0, -extent.height() / 170};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], gt.get(i).asDouble(), 0.0, "geoTransform[" + i + "]");
        }
        JsonNode structure = info.path("metadata").path("IMAGE_STRUCTURE");
        assertEquals("DEFLATE", structure.path("COMPRESSION").asText());
        assertEquals(type.isFloatingPoint() ? "3" : "2", structure.path("PREDICTOR").asText());
        if (bands > 1) {
            assertEquals("PIXEL", structure.path("INTERLEAVE").asText());
        }
        assertEquals("Area", info.path("metadata").path("").path("AREA_OR_POINT").asText());
        for (int b = 0; b < bands; b++) {
            JsonNode band = info.path("bands").get(b);
            assertEquals(gdalType, band.path("type").asText());
            assertEquals("[128,128]", band.path("block").toString());
            if (type.hasNoData()) {
                JsonNode nd = band.path("noDataValue");
                assertEquals(Double.isNaN(type.noDataValue()) ? "NaN" : Double.toString(type.noDataValue()),
                        nd.isTextual() ? nd.asText() : Double.toString(nd.asDouble()));
            } else {
                assertTrue(band.path("noDataValue").isMissingNode(), band.toString());
            }
            double[] s = javaStats(raster.band(b));
            assertEquals(s[0], stat(band, "MINIMUM"), Math.abs(s[0]) * 1e-13, "band " + b + " min");
            assertEquals(s[1], stat(band, "MAXIMUM"), Math.abs(s[1]) * 1e-13, "band " + b + " max");
            assertEquals(s[2], stat(band, "MEAN"), Math.max(1e-9, Math.abs(s[2]) * 1e-11), "band " + b + " mean");
        }
        if (bands == 3 && type.dataType() == CellType.DataType.UINT8) {
            assertEquals("Red", info.path("bands").get(0).path("colorInterpretation").asText());
            assertEquals("Blue", info.path("bands").get(2).path("colorInterpretation").asText());
        }
    }

    /** Min, max and mean of the cells that are not NoData (nor NaN), as GDAL computes them. */
    private static double[] javaStats(Tile t) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        long n = 0;
        for (int i = 0; i < t.size(); i++) {
            double v = t.getDouble(i);
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                n++;
            }
        }
        return new double[] {min, max, sum / n};
    }

    /** GDAL decompresses every tile to the cells we wrote: its uncompressed copy reads back equal. */
    @ParameterizedTest(name = "{0} x{1}")
    @CsvSource({
        "bool, 1", "int8, 1", "int8raw, 2", "uint8, 3", "uint8raw, 4", "int16ud-9999, 2", "uint16, 1", "int32, 3",
        "float32, 2", "float32raw, 1", "float64ud-3.5, 3",
    })
    void gdalDecodesEveryPixelAsWritten(String cellType, int bands) {
        CellType type = CellType.fromName(cellType);
        MultibandTile raster = Rasters.random(type, bands, 150, 99, 42);
        GeoTiffSpec spec = new GeoTiffSpec(150, 99, bands, type, new Extent(0, 0, 150, 99), CRS.fromEpsg(32618), 64);
        Path ours = write(raster, spec);
        Path plain = dir.resolve("plain.tif");
        Gdal.run("gdal_translate", "-q", "-co", "COMPRESS=NONE", ours.toString(), plain.toString());
        try (GeoTiff tiff = GeoTiff.open(plain)) {
            assertEquals(1, tiff.info().layout().compression(), "GDAL's copy is uncompressed");
            assertEquals(type, tiff.info().cellType());
            Rasters.assertSameCells(raster, tiff.read());
        }
    }

    /**
     * A real file written by us and by {@code gdal_translate -co TILED=YES -co COMPRESS=DEFLATE}
     * holds the same cells, the same projection and the same GDAL statistics.
     */
    @ParameterizedTest
    @ValueSource(strings = {"elevation", "lc8-utm-1", "multiband", "aspect", "test-time-tag"})
    void realFilesMatchGdalTranslate(String name) {
        Path original = Resources.path("real/" + name + ".tif");
        Path gdal = dir.resolve("gdal.tif");
        Gdal.run("gdal_translate", "-q", "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE", original.toString(),
                gdal.toString());
        Path ours = dir.resolve("ours.tif");
        try (GeoTiff source = GeoTiff.open(original)) {
            GeoTiffInfo info = source.info();
            GeoTiffWriter.write(ours, source.read(), info.extent(), info.crs());
        }
        try (GeoTiff g = GeoTiff.open(gdal); GeoTiff o = GeoTiff.open(ours)) {
            assertEquals(g.info().cellType(), o.info().cellType());
            assertEquals(GeoTiff.readInfo(original).crs(), o.info().crs());
            Rasters.assertSameCells(g.read(), o.read());
        }
        // Not GDAL's copy: gdal_translate rounds projection parameters to 15 digits, we keep the original doubles.
        assertEquals(proj4(original), proj4(ours));
        JsonNode gi = Gdal.info(gdal, "-stats");
        JsonNode oi = Gdal.info(ours, "-stats");
        JsonNode size = gi.path("size");
        for (int i = 0; i < 6; i++) {
            double g = gi.path("geoTransform").get(i).asDouble();
            // The extent is kept as edges, so a pixel size comes back as width / cols, off by the
            // rounding of the far edge spread over the pixels.
            double tolerance = 0;
            if (i == 1 || i == 5) {
                int pixels = size.get(i == 1 ? 0 : 1).asInt();
                double far = Math.abs(gi.path("geoTransform").get(i == 1 ? 0 : 3).asDouble()) + pixels * Math.abs(g);
                tolerance = 2 * Math.ulp(far) / pixels;
            }
            assertEquals(g, oi.path("geoTransform").get(i).asDouble(), tolerance, "geoTransform[" + i + "]");
        }
        for (int b = 0; b < gi.path("bands").size(); b++) {
            JsonNode gb = gi.path("bands").get(b);
            JsonNode ob = oi.path("bands").get(b);
            assertEquals(gb.path("type").asText(), ob.path("type").asText());
            for (String s : new String[] {"MINIMUM", "MAXIMUM", "MEAN", "STDDEV"}) {
                assertEquals(stat(gb, s), stat(ob, s), 0.0, name + " band " + b + " " + s);
            }
        }
    }

    /**
     * User-defined projections: GDAL finds the same PROJ.4 parameters in our GeoKeys as in the
     * GeoKeys GDAL wrote, and for aspect.tif the same WKT conversion, parameter by parameter.
     */
    @ParameterizedTest
    @ValueSource(strings = {"crs/albers", "crs/tmerc-usft", "crs/laea", "crs/polar-stere", "crs/merc", "crs/lcc-1sp",
        "crs/eqc", "crs/eqc-centre", "crs/longlat-nad27", "real/aspect", "crs/omerc-a", "crs/aeqd", "crs/stere",
        "crs/sterea", "crs/cass", "crs/gnom", "crs/mill", "crs/ortho", "crs/robin", "crs/sinu", "crs/vandg", "crs/tmerc-south",
        "crs/cea", "crs/nzmg", "crs/paris-lcc", "crs/omerc-b", "crs/eqdc", "crs/poly"})
    void userDefinedCrsReadsLikeTheOriginalInGdal(String name) {
        Path original = Resources.path(name + ".tif");
        Path ours = dir.resolve("ours.tif");
        try (GeoTiff source = GeoTiff.open(original)) {
            GeoTiffWriter.write(ours, source.read(), source.info().extent(), source.info().crs());
        }
        assertEquals(proj4(original), proj4(ours));
        String a = conversion(Gdal.info(original));
        String b = conversion(Gdal.info(ours));
        assertEquals(a.replaceFirst("CONVERSION\\[\"[^\"]*\"", ""), b.replaceFirst("CONVERSION\\[\"[^\"]*\"", ""));
        if (name.equals("real/aspect")) {
            assertTrue(b.contains("PARAMETER[\"Latitudeof1ststandardparallel\",36.1666666666667,"), b);
            assertTrue(b.contains("PARAMETER[\"Eastingatfalseorigin\",609601.22,"), b);
        }
    }

    /** Projections with parameters the test files leave at zero, as GDAL reads them. */
    @ParameterizedTest
    @ValueSource(strings = {
        "+proj=eqc +lat_ts=30 +lat_0=5 +lon_0=10 +x_0=100 +y_0=200 +datum=WGS84 +units=m +no_defs",
        "+proj=stere +lat_0=-90 +lat_ts=-71 +lon_0=10 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs",
        "+proj=merc +lat_ts=33 +lon_0=10 +x_0=1000 +y_0=2000 +datum=WGS84 +units=m +no_defs",
        "+proj=tmerc +lat_0=0 +lon_0=-3.5 +k=0.9996 +x_0=500000 +y_0=0 +ellps=GRS80 +to_meter=0.5 +no_defs",
        "+proj=aea +lat_0=40 +lon_0=-96 +lat_1=20 +lat_2=60 +x_0=1000 +y_0=0 +ellps=clrk66 +units=ft +no_defs",
        "+proj=lcc +lat_0=45 +lat_1=45 +lon_0=5 +k_0=0.99 +x_0=600000 +y_0=200000 +datum=WGS84 +units=m +no_defs",
        "+proj=laea +lat_0=-20 +lon_0=130 +x_0=5 +y_0=6 +datum=WGS84 +units=us-ft +no_defs",
        "+proj=longlat +ellps=clrk66 +no_defs",
    })
    void userDefinedParametersReadByGdal(String proj4) {
        Path ours = dir.resolve("ours.tif");
        GeoTiffWriter.write(ours, Rasters.random(CellType.UINT8, 1, 4, 4, 1), new Extent(0, 0, 40, 40),
                CRS.fromProj4(proj4));
        assertEquals(new TreeSet<>(Arrays.asList(proj4.split(" "))), new TreeSet<>(Arrays.asList(proj4(ours).split(" "))));
    }

    private static String proj4(Path file) {
        return Gdal.run("gdalsrsinfo", "-o", "proj4", file.toString()).replace("'", "").trim();
    }

    /** The CONVERSION[...] part of GDAL's WKT2: method and parameters. */
    private static String conversion(JsonNode info) {
        String wkt = info.path("coordinateSystem").path("wkt").asText().replaceAll("\\s+", "");
        int start = wkt.indexOf("CONVERSION[");
        int end = wkt.indexOf("CS[", start);
        return start < 0 ? "" : wkt.substring(start, end);
    }
}
