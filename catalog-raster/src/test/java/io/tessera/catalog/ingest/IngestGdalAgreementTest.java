package io.tessera.catalog.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.gdal.Gdal;
import io.tessera.catalog.geotiff.GeoTiff;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.warp.ResampleMethod;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tiles cut by {@link Ingest} against {@code gdalwarp} to the same grid: the layer's key bounds in
 * the target CRS at the layer's resolution. Nearest neighbour must give GDAL's cells almost
 * everywhere; bilinear and cubic agree within a small tolerance (differences come from GDAL's
 * approximate edge handling and float rounding, and are counted over cells either side has data).
 */
class IngestGdalAgreementTest {

    @TempDir
    Path tmp;

    static Path real(String name) {
        return resource("real/" + name);
    }

    /** A file under the test resources' geotiff directory. */
    static Path resource(String name) {
        try {
            return Path.of(IngestGdalAgreementTest.class.getResource("/geotiff/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} to {1}, {2}")
    @CsvSource({
        "elevation.tif, EPSG:3857, nearest, 0.999, 0",
        "elevation.tif, EPSG:3857, bilinear, 0.999, 0.01",
        "elevation.tif, EPSG:3857, cubic, 0.999, 0.01",
        "lc8-utm-1.tif, EPSG:3857, nearest, 0.999, 0",
        "lc8-utm-1.tif, EPSG:3857, bilinear, 0.999, 1",
        "lc8-utm-1.tif, EPSG:3857, cubic, 0.999, 1",
        "aspect.tif, EPSG:3857, nearest, 0.999, 0",
        "aspect.tif, EPSG:4326, bilinear, 0.999, 0.01",
        "multiband.tif, EPSG:3857, nearest, 0.999, 0",
        "test-time-tag.tif, EPSG:3857, nearest, 0.999, 0",
    })
    void agreesWithGdalwarp(String file, String crs, String method, double required, double tolerance) {
        ResampleMethod m = ResampleMethod.parse(method);
        IngestOptions options = IngestOptions.DEFAULT.withTargetCrs(CRS.parse(crs)).withResample(m).withErrorThreshold(0);
        try (IngestPlan<SpatialKey> plan = Ingest.spatial(List.of(real(file)), options)) {
            int bands = GeoTiff.readInfo(real(file)).bandCount();
            Stitch ours = Stitch.of(plan.layer(), bands);
            Path gdal = tmp.resolve("gdal.tif");
            Gdal.run("gdalwarp", "-q", "-overwrite", "-t_srs", crs, "-te", num(ours.extent.xmin()), num(ours.extent.ymin()),
                    num(ours.extent.xmax()), num(ours.extent.ymax()), "-ts", "" + ours.raster.cols(),
                    "" + ours.raster.rows(), "-r", gdalName(m), "-et", "0", real(file).toString(), gdal.toString());
            MultibandTile theirs;
            try (GeoTiff g = GeoTiff.open(gdal)) {
                theirs = g.read();
            }
            for (int b = 0; b < bands; b++) {
                Agreement a = Agreement.of(ours.raster.band(b), theirs.band(b), tolerance);
                System.out.printf(Locale.ROOT, "%s -> %s %s band %d (zoom %d, %d tiles): %d cells, %.4f%% identical,"
                        + " %.4f%% within %s, max diff %.4g%n", file, crs, method, b, plan.zoom().getAsInt(), ours.tiles,
                        a.compared(), 100 * a.identicalShare(), 100 * a.withinShare(), tolerance, a.maxDiff());
                assertTrue(a.compared() > 1000, "too few cells with data to compare: " + a);
                assertTrue(a.withinShare() >= required, file + " band " + b + " " + method + ": only "
                        + 100 * a.withinShare() + "% of cells within " + tolerance + " of gdalwarp; " + a);
            }
            assertEquals(ours.raster.cols(), theirs.cols());
        }
    }

    static String gdalName(ResampleMethod m) {
        return switch (m) {
            case NEAREST -> "near";
            case BILINEAR -> "bilinear";
            case CUBIC_CONVOLUTION -> "cubic";
            case AVERAGE -> "average";
            case MODE -> "mode";
        };
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.10f", v);
    }
}
