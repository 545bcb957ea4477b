package io.tessera.catalog.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CRSTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "3857|+proj=merc +a=6378137 +b=6378137 +lat_ts=0.0 +lon_0=0.0 +x_0=0.0 +y_0=0 +k=1.0 +units=m +nadgrids=@null +wktext +no_defs ",
        "4326|+proj=longlat +datum=WGS84 +no_defs ",
        "32633|+proj=utm +zone=33 +datum=WGS84 +units=m +no_defs "
    })
    void writesGeoTrellisProj4StringsAndReadsThemBack(int code, String proj4) {
        CRS byCode = CRS.fromEpsg(code);
        assertEquals(proj4, byCode.toProj4());
        CRS parsed = CRS.fromProj4(proj4);
        assertEquals(byCode, parsed);
        assertEquals(byCode.hashCode(), parsed.hashCode());
        assertEquals(proj4, parsed.toProj4());
        assertEquals(code, parsed.epsgCode().orElseThrow());
        assertEquals(byCode, CRS.fromProj4(proj4.trim()));
        assertEquals(byCode, CRS.parse("EPSG:" + code));
        assertEquals(byCode, CRS.parse("epsg:" + code));
        assertEquals(byCode, CRS.parse(Integer.toString(code)));
    }

    @Test
    void differentCrsAreNotEqual() {
        assertNotEquals(CRS.WEB_MERCATOR, CRS.LAT_LNG);
        assertTrue(CRS.LAT_LNG.isGeographic());
        assertFalse(CRS.WEB_MERCATOR.isGeographic());
        assertEquals("EPSG:4326", CRS.LAT_LNG.toString());
    }

    @Test
    void tokenOrderAndSpacingDoNotMatter() {
        assertEquals(CRS.LAT_LNG, CRS.fromProj4("  +datum=WGS84   +proj=longlat +no_defs"));
    }

    @Test
    void badInputsNameTheText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CRS.fromEpsg(999999));
        assertTrue(e.getMessage().contains("EPSG:999999"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CRS.parse("not a crs"));
        assertTrue(e.getMessage().contains("not a crs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CRS.fromProj4("+proj=nosuchprojection +ellps=WGS84"));
        assertTrue(e.getMessage().contains("nosuchprojection"), e.getMessage());
    }

    @Test
    void transformsPoints() {
        double[] p = CRS.LAT_LNG.transformTo(CRS.WEB_MERCATOR).apply(180, 0);
        assertEquals(20037508.342789244, p[0], 1e-6);
        assertEquals(0, p[1], 1e-6);
        Extent world = new ProjectedExtent(new Extent(-180, -85.0511287798066, 180, 85.0511287798066), CRS.LAT_LNG)
                .reproject(CRS.WEB_MERCATOR);
        assertEquals(-20037508.342789244, world.xmin(), 1e-3);
        assertEquals(20037508.342789244, world.ymax(), 1e-3);
    }
}
