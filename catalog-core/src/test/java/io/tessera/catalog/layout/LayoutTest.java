package io.tessera.catalog.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.SpatialKey;
import org.junit.jupiter.api.Test;

class LayoutTest {

    private final ZoomedLayoutScheme webMercator16 = new ZoomedLayoutScheme(CRS.WEB_MERCATOR, 16);

    @Test
    void zoomedLevelsArePowersOfTwoOverTheWorld() {
        LayoutDefinition z3 = webMercator16.levelForZoom(3).layout();
        assertEquals(new TileLayout(8, 8, 16, 16), z3.tileLayout());
        assertEquals(new Extent(-20037508.342789244, -20037508.342789244, 20037508.342789244, 20037508.342789244),
                z3.extent());
        assertEquals(156543.03392804097, new ZoomedLayoutScheme(CRS.WEB_MERCATOR).levelForZoom(0).layout().cellSize().width(), 1e-9);
        LayoutDefinition ll0 = new ZoomedLayoutScheme(CRS.LAT_LNG).levelForZoom(0).layout();
        assertEquals(new CellSize(1.4062499609375, 0.703124921875), ll0.cellSize());
        assertEquals(new CellSize(0.70312498046875, 0.3515624609375),
                new ZoomedLayoutScheme(CRS.LAT_LNG).levelForZoom(1).layout().cellSize());
        assertThrows(IllegalArgumentException.class, () -> webMercator16.levelForZoom(-1));
    }

    @Test
    void keyExtentsUseGeoTrellisArithmetic() {
        // The fixture layer spatial-zorder/3 has bounds (1,2)..(5,5); GeoTrellis stored this extent.
        MapKeyTransform mt = webMercator16.levelForZoom(3).layout().mapTransform();
        Extent stored = new Extent(-1.5028131257091932E7, -1.001875417139462E7, 1.001875417139462E7, 1.0018754171394622E7);
        assertEquals(stored, mt.boundsToExtent(new GridBounds(1, 2, 5, 5)));
        assertEquals(stored, mt.keyToExtent(1, 2).combine(mt.keyToExtent(5, 5)));
    }

    @Test
    void northAndWestEdgesAreInclusiveEastAndSouthExclusive() {
        MapKeyTransform mt = webMercator16.levelForZoom(3).layout().mapTransform();
        assertEquals(new GridBounds(2, 3, 2, 3), mt.extentToBounds(mt.keyToExtent(2, 3)));
        Extent twoByTwo = mt.keyToExtent(2, 3).combine(mt.keyToExtent(3, 4));
        assertEquals(new GridBounds(2, 3, 3, 4), mt.extentToBounds(twoByTwo));
        Extent inner = mt.keyToExtent(2, 3);
        double w = mt.tileWidth();
        Extent straddling = new Extent(inner.xmin() + w / 2, inner.ymin() - w / 2, inner.xmax() + w / 2, inner.ymax() - w / 2);
        assertEquals(new GridBounds(2, 3, 3, 4), mt.extentToBounds(straddling));
        assertEquals(new SpatialKey(2, 3), mt.pointToKey(inner.xmin(), inner.ymax()));
        assertEquals(new SpatialKey(3, 4), mt.pointToKey(inner.xmax(), inner.ymin()));
    }

    @Test
    void zoomForResolutionMatchesTheWebMercatorLevels() {
        ZoomedLayoutScheme s = new ZoomedLayoutScheme(CRS.WEB_MERCATOR);
        for (int z = 2; z <= 18; z++) {
            CellSize cs = s.levelForZoom(z).layout().cellSize();
            // A cell of level z's nominal size measured near the equator selects level z.
            assertEquals(z, s.zoomFor(0, 0, cs), "zoom " + z);
        }
        // Somewhat coarser data snaps to the coarser level; much finer data to the finer one.
        CellSize z10 = s.levelForZoom(10).layout().cellSize();
        assertEquals(10, s.zoomFor(0, 0, new CellSize(z10.width() * 0.97, z10.height() * 0.97)));
        assertEquals(11, s.zoomFor(0, 0, new CellSize(z10.width() * 0.7, z10.height() * 0.7)));
    }

    @Test
    void utmZonesFollowTheNorwayAndSvalbardRules() {
        assertEquals(CRS.fromEpsg(32633), ZoomedLayoutScheme.utmZone(15, 45));
        assertEquals(CRS.fromEpsg(32733), ZoomedLayoutScheme.utmZone(15, -45));
        assertEquals(CRS.fromEpsg(32632), ZoomedLayoutScheme.utmZone(5, 60));
        assertEquals(CRS.fromEpsg(32631), ZoomedLayoutScheme.utmZone(8, 78));
        assertEquals(CRS.fromEpsg(32633), ZoomedLayoutScheme.utmZone(10, 78));
        assertEquals(CRS.fromEpsg(32660), ZoomedLayoutScheme.utmZone(180, 0));
    }

    @Test
    void utmHasNoWorldExtent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ZoomedLayoutScheme(CRS.fromEpsg(32618)));
        assertTrue(e.getMessage().contains("floating"), e.getMessage());
    }

    @Test
    void floatingLayoutIsAnchoredTopLeftAndPadded() {
        Extent data = new Extent(100, 200, 100 + 400 * 30, 200 + 300 * 30);
        LayoutLevel level = new FloatingLayoutScheme(256).levelFor(data, new CellSize(30, 30));
        assertEquals(0, level.zoom());
        assertEquals(new TileLayout(2, 2, 256, 256), level.layout().tileLayout());
        assertEquals(new Extent(100, 200 + 300 * 30 - 512 * 30, 100 + 512 * 30, 200 + 300 * 30), level.layout().extent());
        assertEquals(new CellSize(30, 30), level.layout().cellSize());
    }
}
