package io.tessera.catalog.geotiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** CRSs written as GeoKeys come back from our reader as the same CRS; those GeoKeys cannot hold are refused. */
class GeoKeyEncoderTest {

    private static final MultibandTile PIXELS = MultibandTile.of(ArrayTile.empty(CellType.UINT8, 4, 4));
    private static final Extent EXTENT = new Extent(1000, 1840, 1160, 2000);

    @TempDir
    Path dir;

    private CRS roundTrip(CRS crs) {
        Path file = dir.resolve("crs.tif");
        GeoTiffWriter.write(file, PIXELS, EXTENT, crs);
        return GeoTiff.readInfo(file).crs();
    }

    @ParameterizedTest
    @ValueSource(strings = {"albers", "tmerc-usft", "laea", "polar-stere", "merc", "lcc-1sp", "eqc", "eqc-centre",
        "longlat-nad27", "omerc-a", "aeqd", "stere", "sterea", "cass", "gnom", "mill", "ortho", "robin", "sinu", "vandg",
        "tmerc-south", "cea", "nzmg", "paris-lcc", "user-model-laea", "omerc-b", "eqdc", "poly"})
    void userDefinedCrsOfEveryTestFile(String name) {
        CRS crs = GeoTiff.readInfo(Resources.path("crs/" + name + ".tif")).crs();
        assertEquals(crs, roundTrip(crs));
    }

    @Test
    void userDefinedLambertConformalConicOfAspect() {
        CRS crs = GeoTiff.readInfo(Resources.path("real/aspect.tif")).crs();
        assertFalse(crs.epsgCode().isPresent(), "the test needs a CRS without EPSG code");
        assertEquals(crs, roundTrip(crs));
    }

    @ParameterizedTest
    @ValueSource(ints = {3857, 4326, 4269, 4267, 32618, 32733, 3413, 2154, 27700})
    void epsgCodes(int code) {
        CRS crs = CRS.fromEpsg(code);
        CRS back = roundTrip(crs);
        assertEquals(crs, back);
        assertEquals(code, back.epsgCode().getAsInt());
    }

    /** Parameters in the form our reader gives them, so equality is exact. */
    @ParameterizedTest
    @ValueSource(strings = {
        "+proj=eqc +lat_ts=30 +lat_0=5 +lon_0=10 +x_0=100 +y_0=200 +datum=WGS84 +units=m +no_defs",
        "+proj=stere +lat_0=-90 +lat_ts=-71 +lon_0=10 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs",
        "+proj=merc +lat_ts=33 +lon_0=10 +x_0=1000 +y_0=2000 +datum=WGS84 +units=m +no_defs",
        "+proj=merc +k=0.99 +lon_0=10 +x_0=1000 +y_0=2000 +ellps=WGS84 +units=m +no_defs",
        "+proj=tmerc +lat_0=0 +lon_0=-3.5 +k=0.9996 +x_0=500000 +y_0=0 +ellps=GRS80 +to_meter=0.5 +no_defs",
        "+proj=tmerc +lat_0=1 +lon_0=-3.5 +k=0.9996 +x_0=123456.789 +y_0=-98765.25 +datum=NAD83 +units=ft +no_defs",
        "+proj=aea +lat_0=40 +lon_0=-96 +lat_1=20 +lat_2=60 +x_0=1000 +y_0=0 +ellps=clrk66 +units=ft +no_defs",
        "+proj=lcc +lat_0=45 +lat_1=45 +lon_0=5 +k_0=0.99 +x_0=600000 +y_0=200000 +datum=WGS84 +units=m +no_defs",
        "+proj=lcc +lat_0=45 +lon_0=5 +lat_1=40 +lat_2=50 +x_0=600000 +y_0=200000 +a=6378000 +b=6357000 +units=m +no_defs",
        "+proj=laea +lat_0=-20 +lon_0=130 +x_0=5 +y_0=6 +datum=WGS84 +units=us-ft +no_defs",
        "+proj=longlat +ellps=clrk66 +no_defs",
        "+proj=longlat +a=6371000 +b=6371000 +no_defs",
        "+proj=omerc +no_uoff +lat_0=46 +lonc=9 +alpha=20 +gamma=18 +k=0.9995 +x_0=100 +y_0=-200 +datum=NAD83 +units=ft +no_defs",
        "+proj=stere +lat_0=45 +lon_0=10 +k=0.9 +x_0=7 +y_0=8 +ellps=GRS80 +units=m +no_defs",
        "+proj=cea +lat_ts=30 +lon_0=-10 +x_0=1 +y_0=2 +datum=WGS84 +units=m +no_defs",
        "+proj=sinu +lon_0=-75 +x_0=3 +y_0=4 +a=6371007.181 +b=6371007.181 +units=m +no_defs",
        "+proj=tmerc +lat_0=0 +lon_0=25 +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +axis=wsu +no_defs",
        "+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=500000 +y_0=0 +datum=WGS84 +units=m +pm=2.5 +no_defs",
    })
    void userDefinedProjections(String proj4) {
        CRS crs = CRS.fromProj4(proj4);
        assertEquals(crs, roundTrip(crs));
    }

    @Test
    void aFalseNorthingInFeetThatNoDoubleTimesAFootGivesComesBackWithinAnUlp() {
        CRS crs = CRS.fromProj4("+proj=tmerc +lat_0=1 +lon_0=-3.5 +k=0.9996 +x_0=0 +y_0=-98765.4321 +datum=NAD83"
                + " +units=ft +no_defs");
        String back = roundTrip(crs).toProj4();
        double y0 = Double.parseDouble(back.replaceAll(".*\\+y_0=(\\S+).*", "$1"));
        assertEquals(-98765.4321, y0, Math.ulp(98765.4321), back);
    }

    @Test
    void anEllipsoidTheReaderHasNoCodeForIsWrittenAsItsAxes() {
        CRS intl = CRS.fromProj4("+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=500000 +y_0=0 +ellps=intl +units=m");
        CRS back = roundTrip(intl);
        assertTrue(back.toProj4().contains("+a=6378388 +b=6356911.94612"), back.toProj4());
        double[] p = intl.transformTo(CRS.LAT_LNG).apply(612345, 5123456);
        double[] q = back.transformTo(CRS.LAT_LNG).apply(612345, 5123456);
        assertEquals(p[0], q[0], 1e-12);
        assertEquals(p[1], q[1], 1e-12);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "+proj=bonne +lat_1=45 +lon_0=0 +datum=WGS84 +units=m|projection +proj=bonne",
        "+proj=utm +zone=33 +south +ellps=intl +units=m|projection +proj=utm",
        "+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=500000 +y_0=0 +ellps=intl +towgs84=-87,-98,-121 +units=m|+towgs84",
        "+proj=lcc +lat_0=45 +lat_1=40 +lon_0=5 +x_0=600000 +y_0=200000 +datum=WGS84 +units=m|+lat_0 equal to +lat_1",
        "+proj=merc +lon_0=0 +k=1 +x_0=0 +y_0=0 +datum=potsdam|+datum=potsdam",
        "+proj=stere +lat_0=50 +lat_ts=40 +lon_0=10 +k=1 +datum=WGS84|+lat_ts",
        "+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=500000 +y_0=0 +datum=WGS84 +units=km|+units=km",
        "+proj=tmerc +lat_0=0 +lon_0=9 +k=0.9996 +x_0=500000 +y_0=0 +datum=WGS84 +pm=atlantis|+pm=atlantis",
        "+proj=tmerc +lat_0=0 +lon_0=25 +k=1 +x_0=0 +y_0=0 +ellps=WGS84 +axis=neu|+axis=neu",
    })
    void crsThatGeoKeysCannotHoldIsRefusedBeforeAnyFileIsMade(String proj4, String why) throws IOException {
        Path file = dir.resolve("refused.tif");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeoTiffWriter.write(file, PIXELS, EXTENT, CRS.fromProj4(proj4)));
        assertTrue(e.getMessage().contains(proj4.substring(0, 15)) && e.getMessage().contains(why), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
