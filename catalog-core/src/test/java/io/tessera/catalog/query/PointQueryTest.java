package io.tessera.catalog.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.MapKeyTransform;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.CellType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.WKBWriter;

/** GeoPySpark's point queries: the one tile holding the point (GeoTrellis's {@code Contains(Point)}). */
class PointQueryTest {

    private static final GeometryFactory GF = new GeometryFactory();
    private static final LayoutDefinition LAYOUT = new ZoomedLayoutScheme(CRS.WEB_MERCATOR, 16).levelForZoom(3).layout();
    private static final MapKeyTransform MT = LAYOUT.mapTransform();
    private static final TileLayerMetadata<SpatialKey> LAYER = new TileLayerMetadata<>(CellType.UINT8, LAYOUT,
            MT.keyToExtent(1, 1).combine(MT.keyToExtent(5, 5)), CRS.WEB_MERCATOR,
            new KeyBounds<>(new SpatialKey(1, 1), new SpatialKey(5, 5)));

    private static Point point(double x, double y) {
        return GF.createPoint(new Coordinate(x, y));
    }

    private static List<KeyBounds<SpatialKey>> plan(LayerQuery q) {
        return QueryPlanner.plan(LAYER, q).keyBounds();
    }

    @Test
    void pointSelectsTheTileHoldingIt() {
        Extent t = MT.keyToExtent(3, 4);
        List<KeyBounds<SpatialKey>> b = plan(LayerQuery.intersecting(point(t.xmin() + 1, t.ymax() - 1)));
        assertEquals(List.of(KeyBounds.of(new SpatialKey(3, 4))), b);
        assertEquals(List.of(KeyBounds.of(new SpatialKey(3, 4))), plan(LayerQuery.intersecting(point(t.xmin(), t.ymax()))),
                "the north-west corner belongs to the tile");
        assertEquals(b, plan(LayerQuery.intersectingWkb(new WKBWriter().write(point(t.xmin() + 1, t.ymax() - 1)))));
    }

    @Test
    void reprojectedPoint() {
        Extent t = MT.keyToExtent(2, 2);
        double[] ll = CRS.WEB_MERCATOR.transformTo(CRS.LAT_LNG).apply((t.xmin() + t.xmax()) / 2, (t.ymin() + t.ymax()) / 2);
        assertEquals(List.of(KeyBounds.of(new SpatialKey(2, 2))),
                plan(LayerQuery.intersecting(point(ll[0], ll[1])).inCrs(CRS.LAT_LNG)));
    }

    @Test
    void pointOutsideTheLayerSelectsNothing() {
        Extent t = MT.keyToExtent(7, 7);
        assertTrue(plan(LayerQuery.intersecting(point(t.xmin() + 1, t.ymin() + 1))).isEmpty());
        assertTrue(plan(LayerQuery.intersecting(point(4e7, 0))).isEmpty(), "outside the layout");
        assertThrows(IllegalArgumentException.class, () -> LayerQuery.intersecting(GF.createPoint()));
    }
}
