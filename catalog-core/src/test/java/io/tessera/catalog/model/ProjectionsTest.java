package io.tessera.catalog.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The projections catalog-core computes instead of proj4j 1.3 (equidistant conic, polyconic, Hotine
 * oblique Mercator variant B) put points where PROJ does: the expected coordinates are
 * {@code gdaltransform -s_srs '+proj=longlat …' -t_srs PROJ} (GDAL 3.6.2, PROJ 9.1), and the
 * inverse brings them back.
 */
class ProjectionsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "eqdc, one standard parallel, south|+proj=eqdc +lat_0=-20 +lon_0=130 +lat_1=-30 +lat_2=-30 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m"
            + "|120 -10 -656623.976835572 1056012.1274853;135 -45 909659.428195559 -2781516.92427763;"
            + "140 -25 1511928.07060912 -597869.648678523",
        "eqdc, sphere|+proj=eqdc +lat_0=40 +lon_0=-96 +lat_1=33 +lat_2=45 +x_0=0 +y_0=0 +R=6370997 +units=m"
            + "|-120 30 -2299169.3452946 -807703.89401949;-80 50 1154555.68675276 1213474.36413833;-96 40.5 0 55597.43714234",
        "poly, ellipsoid|+proj=poly +lat_0=0 +lon_0=-54 +x_0=5000000 +y_0=10000000 +ellps=aust_SA +units=m"
            + "|-70 -30 3461225.18111924 6572273.48330229;-40 5 6552470.13294576 10569418.8102199;-54 -15 5000000 8341004.68943004",
        "poly, sphere|+proj=poly +lat_0=30 +lon_0=-96 +x_0=0 +y_0=0 +R=6370997 +units=m"
            + "|-120 30 -2294282.74160866 241138.833040017;-80 50 1134892.78293119 2345750.63658097;-96 10 0 -2223897.48569362",
        "omerc variant B, south|+proj=omerc +lat_0=-36 +lonc=147 +alpha=-40 +gamma=-38 +k=0.9996 +x_0=400000 +y_0=-300000"
            + " +datum=WGS84 +units=m|146 -37 307182.2915066 -408221.003534656;149 -34 592334.405658993 -86571.7022841992;"
            + "145 -39 215153.462468608 -628599.85724089",
        "omerc variant B, no gamma|+proj=omerc +lat_0=46.5 +lonc=-122 +alpha=30 +k=1 +x_0=100 +y_0=50 +datum=NAD83 +units=m"
            + "|-121 47 76154.6055684636 56117.1060373736;-124 45 -157588.988539359 -164699.268395091;"
            + "-120 48 149345.736981355 168726.412160747",
        "omerc variant A, no gamma|+proj=omerc +no_uoff +lat_0=46.5 +lonc=-122 +alpha=30 +k=1 +x_0=100 +y_0=50 +datum=NAD83"
            + " +units=m|-121 47 2889726.12296617 4929365.92489886;-124 45 2655982.52885835 4708549.5504664",
    })
    void placesPointsWhereProjDoes(String name, String proj4, String points) {
        CRS projected = CRS.fromProj4(proj4);
        StringBuilder geographic = new StringBuilder("+proj=longlat");
        for (String token : proj4.split(" ")) {
            if (token.matches("\\+(datum|ellps|R)=.*")) {
                geographic.append(' ').append(token);
            }
        }
        CRS lonLat = CRS.fromProj4(geographic.toString());
        CRS.Transform forward = lonLat.transformTo(projected);
        CRS.Transform inverse = projected.transformTo(lonLat);
        for (String point : points.split(";")) {
            String[] v = point.trim().split(" ");
            double lon = Double.parseDouble(v[0]);
            double lat = Double.parseDouble(v[1]);
            double[] xy = forward.apply(lon, lat);
            assertTrue(Math.abs(xy[0] - Double.parseDouble(v[2])) < 1e-3 && Math.abs(xy[1] - Double.parseDouble(v[3])) < 1e-3,
                    name + ": " + lon + "," + lat + " to " + xy[0] + "," + xy[1] + "; PROJ: " + v[2] + "," + v[3]);
            double[] back = inverse.apply(xy[0], xy[1]);
            assertEquals(lon, back[0], 1e-9, name + " inverse longitude");
            assertEquals(lat, back[1], 1e-9, name + " inverse latitude");
        }
    }

    @Test
    void theReplacementsKeepTheParametersAndEpsgCodesBuildThemToo() {
        String eqdc = "+proj=eqdc +lat_0=30 +lon_0=10 +lat_1=20 +lat_2=50 +x_0=100 +y_0=200 +datum=WGS84 +units=m +no_defs";
        assertEquals(CRS.fromProj4(eqdc), CRS.fromProj4(CRS.fromProj4(eqdc).toProj4()));
        assertTrue(CRS.fromProj4(eqdc).proj4j().getProjection() instanceof EquidistantConic);
        // EPSG:5880, SIRGAS 2000 / Brazil Polyconic.
        assertTrue(CRS.fromEpsg(5880).proj4j().getProjection() instanceof Polyconic);
    }

    /** proj4j 1.3 ignores +R and computes on WGS84; it is read as the sphere's two axes. */
    @Test
    void aSphereRadiusIsASphere() {
        CRS sphere = CRS.fromProj4("+proj=sinu +lon_0=0 +x_0=0 +y_0=0 +R=6371007.181 +units=m +no_defs");
        assertEquals(6371007.181, sphere.proj4j().getDatum().getEllipsoid().getB(), 0);
        assertEquals(CRS.fromProj4("+proj=sinu +lon_0=0 +x_0=0 +y_0=0 +a=6371007.181 +b=6371007.181 +units=m +no_defs"),
                sphere);
    }
}
