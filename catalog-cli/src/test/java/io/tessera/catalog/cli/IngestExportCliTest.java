package io.tessera.catalog.cli;

import static io.tessera.catalog.cli.TesseraCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.backend.accumulo.AccumuloTestServer;
import io.tessera.catalog.gdal.Gdal;
import io.tessera.catalog.geotiff.GeoTiff;
import io.tessera.catalog.raster.Tile;
import io.tessera.catalog.model.LayerId;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The acceptance run: each real GeoTIFF ingested with its pyramid, a zoom exported to PNG
 * and GeoTIFF, and the GeoTIFF's statistics (by {@code gdalinfo -stats}) compared with the
 * source's. PNGs are also written to {@code target/export-png/} for a person to look at.
 */
class IngestExportCliTest {

    static final Path REAL = Path.of("../catalog-raster/src/test/resources/geotiff/real").toAbsolutePath().normalize();

    /**
     * Inputs made from the real files with GDAL: how each is made (tool, options, source). ZSTD with
     * the floating-point predictor; a JPEG orthophoto whose alpha became GDAL's internal mask; and
     * elevation.tif reprojected into user-defined projections (MODIS's sinusoidal, EASE-Grid's
     * cylindrical equal area, Hotine oblique Mercator A and B, oblique stereographic, Cassini-Soldner,
     * equidistant conic, polyconic).
     */
    private static final Map<String, List<String>> MADE_HERE = Map.of(
            "zstd-elevation.tif", List.of("gdal_translate", "-q", "-co", "COMPRESS=ZSTD", "-co", "PREDICTOR=3",
                    "elevation.tif"),
            "jpeg-mask-multiband.tif", List.of("gdal_translate", "-q", "-b", "1", "-b", "2", "-b", "3", "-mask", "4",
                    "-co", "COMPRESS=JPEG", "-co", "PHOTOMETRIC=YCBCR", "-co", "TILED=YES", "--config",
                    "GDAL_TIFF_INTERNAL_MASK", "YES", "multiband.tif"),
            "sinu-elevation.tif", warped("+proj=sinu +lon_0=-75 +x_0=0 +y_0=0 +R=6371007.181 +units=m"),
            "cea-elevation.tif", warped("+proj=cea +lat_ts=30 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m"),
            "omerc-elevation.tif", warped("+proj=omerc +no_uoff +lat_0=40 +lonc=-75 +alpha=30 +gamma=30 +k=0.9999"
                    + " +x_0=0 +y_0=0 +datum=WGS84 +units=m"),
            "sterea-elevation.tif", warped("+proj=sterea +lat_0=40 +lon_0=-75 +k=0.9999 +x_0=155000 +y_0=463000"
                    + " +ellps=bessel +units=m"),
            "cass-elevation.tif", warped("+proj=cass +lat_0=40 +lon_0=-75 +x_0=1000 +y_0=2000 +datum=WGS84 +units=m"),
            "eqdc-elevation.tif", warped("+proj=eqdc +lat_0=35 +lon_0=-80 +lat_1=30 +lat_2=45 +x_0=100 +y_0=200"
                    + " +datum=NAD83 +units=m"),
            "poly-elevation.tif", warped("+proj=poly +lat_0=38 +lon_0=-76 +x_0=5000 +y_0=10000 +ellps=GRS80 +units=m"),
            "omerc-b-elevation.tif", warped("+proj=omerc +lat_0=40 +lonc=-75 +alpha=30 +gamma=30 +k=0.9999"
                    + " +x_0=0 +y_0=0 +datum=WGS84 +units=m"));

    private static List<String> warped(String proj) {
        return List.of("gdalwarp", "-q", "-r", "bilinear", "-t_srs", proj, "elevation.tif");
    }

    @TempDir
    Path dir;

    /** Ingest with a pyramid and export work on Accumulo as on files: the same GeoTIFF comes out. */
    @Test
    void ingestAndExportOnAccumuloGiveWhatTheyGiveOnFiles() throws IOException {
        Path src = REAL.resolve("elevation.tif");
        String file = dir.resolve("catalog").toString();
        String accumulo = AccumuloTestServer.get().newCatalogUri();
        for (String catalog : List.of(file, accumulo)) {
            TesseraCliTest.Result r = run("ingest", src.toString(), catalog, "elevation", "--crs", "EPSG:3857", "--pyramid");
            assertEquals(0, r.code(), r.err());
        }
        int top;
        try (Catalog f = Catalog.open(file); Catalog a = Catalog.open(accumulo)) {
            assertEquals(f.layers(), a.layers(), "every zoom of the pyramid");
            top = f.layers().stream().mapToInt(LayerId::zoom).max().orElseThrow();
        }
        byte[][] exported = new byte[2][];
        List<String> catalogs = List.of(file, accumulo);
        for (int i = 0; i < 2; i++) {
            Path tif = dir.resolve("export-" + i + ".tif");
            TesseraCliTest.Result r = run("export", catalogs.get(i), "elevation", "" + top, "--geotiff", tif.toString());
            assertEquals(0, r.code(), r.err());
            exported[i] = Files.readAllBytes(tif);
        }
        assertTrue(Arrays.equals(exported[0], exported[1]), "the same GeoTIFF from both catalogs");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // file, extra ingest option, relative tolerance of mean (of the band's range)
        "elevation.tif, --resample=bilinear, 0.01",
        "lc8-utm-1.tif, --resample=nearest, 0.02",
        "multiband.tif, --resample=nearest, 0.02",
        "aspect.tif, --resample=nearest, 0.02",
        "test-time-tag.tif, --resample=nearest, 0.05",
        // made here from the real files (MADE_HERE), as the GeoTIFFs of issue 16 come
        "zstd-elevation.tif, --resample=bilinear, 0.01",
        "jpeg-mask-multiband.tif, --resample=nearest, 0.02",
        "sinu-elevation.tif, --resample=bilinear, 0.01",
        "cea-elevation.tif, --resample=bilinear, 0.01",
        "omerc-elevation.tif, --resample=bilinear, 0.01",
        "sterea-elevation.tif, --resample=bilinear, 0.01",
        "cass-elevation.tif, --resample=bilinear, 0.01",
        "eqdc-elevation.tif, --resample=bilinear, 0.01",
        "poly-elevation.tif, --resample=bilinear, 0.01",
        "omerc-b-elevation.tif, --resample=bilinear, 0.01",
    })
    void ingestWithPyramidThenExport(String file, String option, double tolerance) throws IOException {
        Path src = REAL.resolve(file);
        List<String> making = MADE_HERE.get(file);
        if (making != null) {
            src = dir.resolve(file);
            List<String> args = new ArrayList<>(making.subList(1, making.size() - 1));
            args.add(REAL.resolve(making.get(making.size() - 1)).toString());
            args.add(src.toString());
            Gdal.run(making.get(0), args.toArray(String[]::new));
        }
        String catalog = dir.resolve("catalog").toString();
        String name = file.replace(".tif", "");
        TesseraCliTest.Result r = run("ingest", src.toString(), catalog, name, "--crs", "EPSG:3857", "--pyramid", option);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("ingested 1 file(s) into " + name + ", zooms 0.."), r.out());
        int top;
        try (Catalog c = Catalog.open(catalog)) {
            List<Integer> zooms = c.layers().stream().filter(l -> l.name().equals(name)).map(LayerId::zoom).sorted().toList();
            top = zooms.get(zooms.size() - 1);
            assertEquals(top + 1, zooms.size(), "every zoom 0.." + top + " written: " + zooms);
        }

        Path png = Path.of("target/export-png").toAbsolutePath().resolve(name + "-z" + top + ".png");
        Files.createDirectories(png.getParent());
        r = run("export", catalog, name, "" + top, "--png", png.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage image = ImageIO.read(png.toFile());
        assertTrue(image.getWidth() > 10 && image.getHeight() > 10);
        assertTrue(distinctColours(image) > 20, "a picture, not a flat image: " + distinctColours(image) + " colours");

        Path tif = dir.resolve(name + "-export.tif");
        r = run("export", catalog, name, "" + top, "--geotiff", tif.toString());
        assertEquals(0, r.code(), r.err());
        Path source = src;
        if (Gdal.info(tif).at("/bands/0/noDataValue").isMissingNode()) {
            // Without NoData (a raw cell type), cells a reprojection leaves uncovered are 0, as in
            // gdalwarp's output: compare the cells that are not 0, on both sides.
            Path masked = dir.resolve(name + "-nodata0.tif");
            Path sourceMasked = dir.resolve(name + "-source-nodata0.tif");
            Gdal.run("gdal_translate", "-q", "-a_nodata", "0", tif.toString(), masked.toString());
            Gdal.run("gdal_translate", "-q", "-a_nodata", "0", src.toString(), sourceMasked.toString());
            tif = masked;
            source = sourceMasked;
        }
        JsonNode theirs = Gdal.info(source, "-stats");
        JsonNode ours = Gdal.info(tif, "-stats");
        assertTrue(ours.at("/coordinateSystem/wkt").asText().contains("3857"), "exported in EPSG:3857");
        for (int b = 0; b < theirs.get("bands").size(); b++) {
            JsonNode o = ours.get("bands").get(b);
            JsonNode t = theirs.get("bands").get(b);
            double range = Math.max(1e-9, t.get("maximum").asDouble() - t.get("minimum").asDouble());
            double meanDiff = Math.abs(o.get("mean").asDouble() - t.get("mean").asDouble()) / range;
            System.out.printf("%s band %d: source mean %.3f, exported zoom %d mean %.3f (%.3f%% of range)%n", file, b + 1,
                    t.get("mean").asDouble(), top, o.get("mean").asDouble(), 100 * meanDiff);
            assertTrue(meanDiff <= tolerance, file + " band " + (b + 1) + " mean differs by " + 100 * meanDiff
                    + "% of the range");
            assertTrue(o.get("minimum").asDouble() >= t.get("minimum").asDouble() - range * tolerance);
            assertTrue(o.get("maximum").asDouble() <= t.get("maximum").asDouble() + range * tolerance);
        }
    }

    @Test
    void ingestDeflatesAtTheLevelAsked() throws IOException {
        String catalog = dir.resolve("catalog").toString();
        TesseraCliTest.Result r = run("ingest", REAL.resolve("elevation.tif").toString(), catalog, "dem",
                "--compression-level", "1");
        assertEquals(0, r.code(), r.err());
        try (Catalog c = Catalog.open(catalog)) {
            int z = c.layers().get(0).zoom();
            assertEquals(Set.of(1), TesseraCliTest.zlibLevelBytes(dir.resolve("catalog/dem/" + z)));
            assertTrue(c.verify("dem", z).ok());
        }
    }

    @Test
    void exportOfARegionInAnotherCrsIsCroppedToIt() {
        String catalog = dir.resolve("catalog").toString();
        assertEquals(0, run("ingest", REAL.resolve("elevation.tif").toString(), catalog, "dem").code());
        Path whole = dir.resolve("whole.tif");
        Path part = dir.resolve("part.tif");
        try (Catalog c = Catalog.open(catalog)) {
            int z = c.layers().get(0).zoom();
            assertEquals(0, run("export", catalog, "dem", "" + z, "--geotiff", whole.toString()).code());
            TesseraCliTest.Result r = run("export", catalog, "dem", "" + z, "--geotiff", part.toString(), "--extent",
                    "-75.2,39.9,-75.1,40.0", "--crs", "EPSG:4326");
            assertEquals(0, r.code(), r.err());
        }
        JsonNode w = Gdal.info(whole);
        JsonNode p = Gdal.info(part);
        assertTrue(p.at("/size/0").asInt() < w.at("/size/0").asInt());
        double[] lonLat = {p.at("/wgs84Extent/coordinates/0/0/0").asDouble(), p.at("/wgs84Extent/coordinates/0/0/1").asDouble()};
        assertEquals(-75.2, lonLat[0], 0.01, "west edge of the crop");
        assertEquals(40.0, lonLat[1], 0.01, "north edge of the crop");
    }

    @Test
    void badInputsFailWithTheFileAndTheReason() throws IOException {
        String catalog = dir.resolve("catalog").toString();
        Path notTiff = Files.writeString(dir.resolve("notes.tif"), "just text");
        TesseraCliTest.Result r = run("ingest", notTiff.toString(), catalog, "x");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("notes.tif") && r.err().contains("not a TIFF"), r.err());
        r = run("ingest", REAL.resolve("lc8-utm-1.tif").toString(), catalog, "x");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("local") || r.err().contains("--crs"), r.err());
        r = run("ingest", REAL.resolve("lc8-utm-1.tif").toString(), catalog, "x", "--layout", "local", "--pyramid");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("global"), r.err());
        r = run("ingest", REAL.resolve("elevation.tif").toString(), catalog, "x", "--resample", "lanczos");
        assertTrue(r.err().contains("lanczos") && r.err().contains("bilinear"), r.err());
        r = run("export", catalog, "missing", "3", "--png", dir.resolve("m.png").toString());
        assertNotEquals(0, r.code());
        assertFalse(Files.exists(dir.resolve("m.png")));
    }

    /** Issue 16: a GeoTIFF without GeoKeys says so in one line and names the flag; with the flag it ingests. */
    @Test
    void aFileWithoutCrsNeedsTheSourceCrs() {
        String catalog = dir.resolve("catalog").toString();
        String noCrs = REAL.resolveSibling("no-crs.tif").toString();
        TesseraCliTest.Result r = run("ingest", noCrs, catalog, "x", "--crs", "EPSG:3857");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("no-crs.tif") && r.err().contains("no CRS") && r.err().contains("--src-crs")
                && r.err().strip().lines().count() == 1 && !r.err().contains("Exception"), r.err());
        r = run("ingest", noCrs, catalog, "x", "--crs", "EPSG:3857", "--src-crs", "EPSG:3857");
        assertEquals(0, r.code(), r.err());
        r = run("ingest", REAL.resolveSibling("with-crs.tif").toString(), catalog, "y", "--crs", "EPSG:3857");
        assertEquals(0, r.code(), r.err());
        try (Catalog c = Catalog.open(catalog)) {
            int z = c.layers().get(0).zoom();
            assertEquals(c.readMetadata("y", z), c.readMetadata("x", z));
            assertEquals(c.query("y", z).count(), c.query("x", z).count());
        }
        r = run("ingest", noCrs, catalog, "z", "--src-crs", "EPSG:99999");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("99999") && !r.err().contains("Exception"), r.err());
    }

    @Test
    void localLayoutAndSpaceTimeFromTheCommandLine() {
        String catalog = dir.resolve("catalog").toString();
        TesseraCliTest.Result r = run("ingest", REAL.resolve("lc8-utm-1.tif").toString(), catalog, "local", "--layout",
                "local", "--tile-size", "128");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("zoom 0 (local layout): 9 tiles"), r.out());
        r = run("ingest", REAL.resolve("test-time-tag.tif").toString(), catalog, "timed", "--time", "tag", "--crs",
                "EPSG:3857", "--zoom", "2", "--pyramid");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("zooms 0..2"), r.out());
        int z;
        try (Catalog c = Catalog.open(catalog)) {
            z = c.layers().stream().filter(l -> l.name().equals("timed")).findFirst().orElseThrow().zoom();
        }
        r = run("query", catalog, "timed", "" + z, "--time", "2015-03-25T18:01:04Z");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("2015-03-25T18:01:04Z"), r.out());
        r = run("query", catalog, "timed", "" + z, "--time", "2015-03-26");
        assertFalse(r.out().contains("2015-03-25T18:01:04Z"), r.out());
    }

    @Test
    void aFileThatBreaksMidwayLeavesNoLayer() throws IOException {
        String catalog = dir.resolve("catalog").toString();
        byte[] whole = Files.readAllBytes(REAL.resolve("elevation.tif"));
        Path truncated = dir.resolve("truncated.tif");
        // The header and strip tables sit at the start; cutting the file loses the later strips only.
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length * 2 / 3));
        TesseraCliTest.Result r = run("ingest", truncated.toString(), catalog, "broken", "--pyramid");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("truncated.tif"), r.err());
        try (Catalog c = Catalog.open(catalog)) {
            assertTrue(c.layers().isEmpty(), "nothing committed: " + c.layers());
        }
    }

    @Test
    void aLocalLayoutExportsBackToTheSourceCellForCell() {
        String catalog = dir.resolve("catalog").toString();
        Path src = REAL.resolve("aspect.tif");
        TesseraCliTest.Result r = run("ingest", src.toString(), catalog, "aspect", "--layout", "local", "--tile-size", "96");
        assertEquals(0, r.code(), r.err());
        Path out = dir.resolve("aspect-back.tif");
        r = run("export", catalog, "aspect", "0", "--geotiff", out.toString());
        assertEquals(0, r.code(), r.err());
        try (GeoTiff a = GeoTiff.open(src); GeoTiff b = GeoTiff.open(out)) {
            assertEquals(a.info().cols(), b.info().cols());
            assertEquals(a.info().rows(), b.info().rows());
            assertEquals(a.info().crs(), b.info().crs(), "the user-defined LCC survives ingest and export");
            assertEquals(a.info().cellType(), b.info().cellType());
            assertEquals(a.info().extent().xmin(), b.info().extent().xmin(), 1e-6);
            assertEquals(a.info().extent().ymax(), b.info().extent().ymax(), 1e-6);
            Tile x = a.read().band(0);
            Tile y = b.read().band(0);
            for (int i = 0; i < x.size(); i++) {
                assertEquals(x.rawBits(i), y.rawBits(i), "cell " + i);
            }
        }
    }

    @Test
    void aSpaceTimeLayerWithSeveralInstantsNeedsTheInstantToExport() {
        String catalog = dir.resolve("catalog").toString();
        Path tagged = REAL.resolve("test-time-tag.tif");
        Path later = dir.resolve("later.tif");
        Gdal.run("gdal_translate", "-q", "-mo", "TIFFTAG_DATETIME=2016:01:02 03:04:05", tagged.toString(), later.toString());
        TesseraCliTest.Result r = run("ingest", tagged.toString(), later.toString(), catalog, "two", "--time", "tag",
                "--crs", "EPSG:3857", "--zoom", "1");
        assertEquals(0, r.code(), r.err());
        Path out = dir.resolve("two.tif");
        r = run("export", catalog, "two", "1", "--geotiff", out.toString());
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("give the instant"), r.err());
        assertFalse(Files.exists(out));
        r = run("export", catalog, "two", "1", "--geotiff", out.toString(), "--time", "2016-01-02T03:04:05Z");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out));
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
