package io.tessera.catalog.geotiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.model.CRS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
