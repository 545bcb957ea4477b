package io.tessera.catalog.geotiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.model.CRS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * User-defined CRSs written by {@code gdal_translate -a_srs PROJ4} (see generate.sh) resolve to
 * the projection {@code gdalsrsinfo -o proj4} reports for the same file: both map the same points
 * to the same longitude and latitude.
 */
class UserDefinedCrsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "albers|+proj=aea +lat_0=23 +lon_0=-96 +lat_1=29.5 +lat_2=45.5 +x_0=0 +y_0=0 +datum=NAD83 +units=m +no_defs",
        "tmerc-usft|+proj=tmerc +lat_0=31 +lon_0=-106.25 +k=0.9999 +x_0=500000.00001016 +y_0=0 +datum=NAD83 +units=us-ft +no_defs",
        "laea|+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +units=m +no_defs",
        "polar-stere|+proj=stere +lat_0=90 +lat_ts=70 +lon_0=-45 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs",
        "merc|+proj=merc +lon_0=100 +k=1 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs",
        "lcc-1sp|+proj=lcc +lat_1=18 +lat_0=18 +lon_0=-77 +k_0=1 +x_0=250000 +y_0=150000 +ellps=clrk66 +units=m +no_defs",
        "eqc|+proj=eqc +lat_ts=30 +lat_0=0 +lon_0=0 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs",
        "eqc-centre|+proj=eqc +lat_ts=30 +lat_0=5 +lon_0=10 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs",
        "longlat-nad27|+proj=longlat +datum=NAD27 +no_defs",
    })
    void resolvesLikeGdal(String name, String gdalProj4) {
        GeoTiffInfo info = GeoTiff.readInfo(Resources.path("crs/" + name + ".tif"));
        CRS gdal = CRS.fromProj4(gdalProj4);
        CRS ours = info.crs();
        // gdal_translate -a_ullr 1000 2000 1160 1840 on a 16x16 image: 10-unit pixels.
        assertEquals(1000, info.extent().xmin(), 1e-9);
        assertEquals(2000, info.extent().ymax(), 1e-9);
        assertEquals(10, info.cellSize().width(), 1e-12);
        double[][] points = ours.isGeographic()
                ? new double[][] {{10, 20}, {-100, 45}}
                : new double[][] {{1000, 2000}, {150000, -250000}, {-30000, 400000}};
        assertEquals(gdal.isGeographic(), ours.isGeographic(), ours.toProj4());
        CRS.Transform a = ours.transformTo(CRS.LAT_LNG);
        CRS.Transform b = gdal.transformTo(CRS.LAT_LNG);
        for (double[] p : points) {
            double[] x = a.apply(p[0], p[1]);
            double[] y = b.apply(p[0], p[1]);
            assertTrue(Math.abs(x[0] - y[0]) < 1e-9 && Math.abs(x[1] - y[1]) < 1e-9,
                    name + ": ours " + ours.toProj4() + " maps " + p[0] + "," + p[1] + " to " + x[0] + "," + x[1]
                            + "; GDAL's " + gdalProj4 + " to " + y[0] + "," + y[1]);
        }
    }

    /**
     * Issue 16: every GeoTIFF coordinate transformation proj4j can express, as {@code gdal_translate
     * -a_srs} writes it (see generate.sh): points of the file's projected space land where
     * {@code gdaltransform} puts them (from the file's WKT to its own geographic CRS, GDAL 3.6.2 with
     * PROJ), within 1e-7 degrees (about a centimetre).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "omerc-a|1000 2000 109.694803469081 0.0179168483832599;150000 -250000 111.033814778809 -2.26040437426638;-30000 400000 109.41496974625 3.61603555789464",
        "aeqd|1000 2000 -99.994143777627 40.0117078989363;150000 -250000 -98.3044600017829 37.7290969864196;-30000 400000 -100.377461109975 43.5944539293828",
        "stere|1000 2000 10.0140969062403 45.0199953667696;150000 -250000 12.0264228124199 42.4818491835693;-30000 400000 9.54515601633714 48.9948984265922",
        "sterea|1000 2000 3.32636149793827 47.9934675819801;150000 -250000 5.32356724346859 45.7501185774144;-30000 400000 2.71910907452029 51.5593667220178",
        "cass|1000 2000 -62.112863687352 9.86776391099975;150000 -250000 -60.757908155693 7.58980324800849;-30000 400000 -62.4092689273265 13.4642642042444",
        "gnom|1000 2000 10.0127223217338 45.0179857252912;150000 -250000 11.835087446071 42.7381981811343;-30000 400000 9.59289681022714 48.5918533910922",
        "mill|1000 2000 10.0089932160592 0.0179864319293026;150000 -250000 11.3489824088781 -2.24793483188756;-30000 400000 9.73020351822438 3.59577483121024",
        "ortho|1000 2000 10.0127223225176 45.017985726399;150000 -250000 11.8369379182858 42.7358145139528;-30000 400000 9.59203321032433 48.5989734398215",
        "robin|1000 2000 10.0105846035888 0.0186999913869693;150000 -250000 11.5882483327542 -2.33749901042887;-30000 400000 9.68219554133045 3.73999863399631",
        "sinu|1000 2000 0.00899320636572496 0.0179864118451956;150000 -250000 1.35002013436258 -2.24830148064945;-30000 400000 -0.270328805019184 3.59728236903912",
        "vandg|1000 2000 10.008993216305 0.0179864319387771;150000 -250000 11.3491928907561 -2.24795172487769;-30000 400000 9.73009571945609 3.59585008979596",
        "nzmg|2510000 6023150 173 -41;2600000 6100000 174.058594392088 -40.3029621278023;2450000 5950000 172.279627338029 -41.6563416496962",
        "tmerc-south|1000 2000 24.9910168467512 -0.0180873893111664;150000 -250000 23.6516098425708 2.26028228771239;-30000 400000 25.2700279949045 -3.6173893443932",
        "paris-lcc|600000 200000 2.33722916666667 49.5;650000 150000 3.02125339422401 49.0483300675823",
        // proj4j 1.3 puts these kilometres off; catalog-core's own projections replace its
        "eqdc|1000 2000 10.0096089397565 30.0162373956813;150000 -250000 11.5587765123301 27.7321269191775;-30000 400000 9.66452297030727 33.6051344119616",
        "poly|1000 2000 -54.0359326398204 -0.0723495434565718;150000 -250000 -52.6963529213586 -2.35073549968565;-30000 400000 -54.315002994458 3.52694273285262",
        "omerc-b|1000 2000 115.009064920751 4.01805993337421;150000 -250000 116.340280038548 1.73432934236184;-30000 400000 114.739035608734 7.61669684934127",
        "cea|1000 2000 0.0103641678112128 0.0156772631914355;150000 -250000 1.55462517168192 -1.96002991074989;-30000 400000 -0.310925034336384 3.13697770866215",
    })
    void placesPointsWhereGdalDoes(String name, String points) {
        CRS ours = GeoTiff.readInfo(Resources.path("crs/" + name + ".tif")).crs();
        StringBuilder geographic = new StringBuilder("+proj=longlat");
        for (String token : ours.toProj4().trim().split("\\s+")) {
            if (token.matches("\\+(datum|ellps|a|b|rf|towgs84)=.*")) {
                geographic.append(' ').append(token);
            }
        }
        CRS.Transform toDegrees = ours.transformTo(CRS.fromProj4(geographic + " +no_defs"));
        for (String point : points.split(";")) {
            String[] v = point.trim().split(" ");
            double[] got = toDegrees.apply(Double.parseDouble(v[0]), Double.parseDouble(v[1]));
            assertTrue(Math.abs(got[0] - Double.parseDouble(v[2])) < 1e-7 && Math.abs(got[1] - Double.parseDouble(v[3])) < 1e-7,
                    name + ": " + ours.toProj4() + " puts " + v[0] + "," + v[1] + " at " + got[0] + "," + got[1]
                            + "; gdaltransform at " + v[2] + "," + v[3]);
        }
    }

    /**
     * A CRS known only by the ESRI PE string in its citation (GDAL's GEOTIFF_KEYS_FLAVOR=ESRI_PE with
     * every other CRS key dropped, as generate.sh makes them) is the CRS of the file it was made
     * from, which the tests above hold to GDAL: the same points land at the same longitude and latitude.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"albers", "tmerc-usft", "lcc-1sp", "polar-stere", "merc", "sinu", "omerc-a", "omerc-b", "cass",
        "eqdc", "laea", "paris-lcc", "cea", "longlat-nad27"})
    void aCrsCitedOnlyAsAnEsriPeStringIsTheCrsItCites(String name) {
        CRS keyed = GeoTiff.readInfo(Resources.path("crs/" + name + ".tif")).crs();
        CRS cited = GeoTiff.readInfo(Resources.path("crs/esri-" + name + ".tif")).crs();
        assertEquals(keyed.isGeographic(), cited.isGeographic(), cited.toProj4());
        double[][] points = keyed.isGeographic() ? new double[][] {{10, 20}, {-100, 45}}
                : new double[][] {{1000, 2000}, {150000, -250000}, {-30000, 400000}};
        CRS.Transform a = keyed.transformTo(CRS.LAT_LNG);
        CRS.Transform b = cited.transformTo(CRS.LAT_LNG);
        for (double[] p : points) {
            double[] x = a.apply(p[0], p[1]);
            double[] y = b.apply(p[0], p[1]);
            assertTrue(Math.abs(x[0] - y[0]) < 1e-9 && Math.abs(x[1] - y[1]) < 1e-9, name + ": cited " + cited.toProj4()
                    + " maps " + p[0] + "," + p[1] + " to " + y[0] + "," + y[1] + ", the keys' " + keyed.toProj4() + " to "
                    + x[0] + "," + x[1]);
        }
    }

    @Test
    void aPeStringThisReaderCannotExpressIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EsriWkt.proj4(EsriWkt.PREFIX
                + "PROJCS[\"x\",GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]],"
                + "PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Bonne\"],"
                + "PARAMETER[\"Standard_Parallel_1\",45.0],UNIT[\"Meter\",1.0]]"));
        assertTrue(e.getMessage().contains("Bonne"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EsriWkt.proj4(EsriWkt.PREFIX + "PROJCS[\"x\",GEOGCS["));
        assertTrue(EsriWkt.proj4("WGS 84 / UTM zone 33N").isEmpty());
    }

    /** What proj4j has no projection for is refused, naming the transformation and what to do. */
    @Test
    void refusesWhatProj4jCannotCompute() {
        GeoTiffException e = assertThrows(GeoTiffException.class, () -> GeoTiff.readInfo(Resources.path("bad-laborde.tif")));
        assertTrue(e.getMessage().contains("ProjCoordTransGeoKey 4 (oblique Mercator (Laborde)")
                && e.getMessage().contains("bad-laborde.tif") && e.getMessage().contains("gdalwarp"), e.getMessage());
    }

    /** GTModelTypeGeoKey 32767 (user-defined), as some writers leave it: the CRS comes from the keys that are there. */
    @Test
    void aUserDefinedModelTakesTheCrsFromTheOtherKeys() {
        assertEquals(CRS.WEB_MERCATOR, GeoTiff.readInfo(Resources.path("crs/user-model-epsg.tif")).crs());
        assertEquals(GeoTiff.readInfo(Resources.path("crs/laea.tif")).crs(),
                GeoTiff.readInfo(Resources.path("crs/user-model-laea.tif")).crs());
    }
}
