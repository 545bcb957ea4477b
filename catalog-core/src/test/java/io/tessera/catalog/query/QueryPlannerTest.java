package io.tessera.catalog.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.TileLayout;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.CellType;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.densify.Densifier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;

class QueryPlannerTest {

    static final GeometryFactory GF = new GeometryFactory();
    /** 5 x 5 tiles of 1 x 1 over (0,0)-(5,5); row 0 is the top row, y in [4, 5]. */
    static final TileLayerMetadata<SpatialKey> GRID5 = spatialLayer(new Extent(0, 0, 5, 5), 5, 5);

    static TileLayerMetadata<SpatialKey> spatialLayer(Extent extent, int cols, int rows) {
        return new TileLayerMetadata<>(CellType.INT16, new LayoutDefinition(extent, new TileLayout(cols, rows, 16, 16)),
                extent, CRS.WEB_MERCATOR, new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(cols - 1, rows - 1)));
    }

    static Polygon polygon(double... xy) {
        Coordinate[] cs = new Coordinate[xy.length / 2 + 1];
        for (int i = 0; i < xy.length / 2; i++) {
            cs[i] = new Coordinate(xy[2 * i], xy[2 * i + 1]);
        }
        cs[cs.length - 1] = cs[0].copy();
        return GF.createPolygon(cs);
    }

    static Polygon box(double xmin, double ymin, double xmax, double ymax) {
        return polygon(xmin, ymin, xmax, ymin, xmax, ymax, xmin, ymax);
    }

    /** Every spatial key the plan selects (small layouts only). */
    static <K extends LayerKey> Set<SpatialKey> selected(QueryPlan<K> plan) {
        Set<SpatialKey> keys = new TreeSet<>();
        for (KeyBounds<K> b : plan.keyBounds()) {
            for (int r = b.minKey().row(); r <= b.maxKey().row(); r++) {
                for (int c = b.minKey().col(); c <= b.maxKey().col(); c++) {
                    assertTrue(keys.add(new SpatialKey(c, r)), "key " + c + "," + r + " planned twice");
                }
            }
        }
        return keys;
    }

    static Set<SpatialKey> keys(int... colRow) {
        Set<SpatialKey> keys = new TreeSet<>();
        for (int i = 0; i < colRow.length; i += 2) {
            keys.add(new SpatialKey(colRow[i], colRow[i + 1]));
        }
        return keys;
    }

    static Set<SpatialKey> block(int c0, int r0, int c1, int r1) {
        Set<SpatialKey> keys = new TreeSet<>();
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                keys.add(new SpatialKey(c, r));
            }
        }
        return keys;
    }

    @Test
    void triangleOverFiveByFiveBlockSelectsFifteenTilesDiagonalIncluded() {
        QueryPlan<SpatialKey> plan = QueryPlanner.plan(GRID5, LayerQuery.intersecting(polygon(0, 0, 5, 0, 0, 5)));
        Set<SpatialKey> keys = selected(plan);
        assertEquals(15, keys.size());
        // Tiles cut in half by the hypotenuse are in; those touching it at a corner only are out.
        assertTrue(keys.containsAll(keys(0, 0, 1, 1, 2, 2, 3, 3, 4, 4)));
        assertTrue(!keys.contains(new SpatialKey(1, 0)) && !keys.contains(new SpatialKey(4, 3)));
        assertEquals(new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(4, 4)), plan.metadata().keyBounds());
    }

    @Test
    void sharingOnlyEdgesOrCornersSelectsNothingMore() {
        assertEquals(keys(1, 3), selected(QueryPlanner.plan(GRID5, LayerQuery.intersecting(box(1, 1, 2, 2)))));
        assertEquals(block(0, 0, 0, 4), selected(QueryPlanner.plan(GRID5, LayerQuery.intersecting(box(-3, -1, 1, 6)))));
        // A diamond with its corners on tile corners and edges along tile diagonals.
        assertEquals(keys(1, 2, 2, 2, 1, 3, 2, 3),
                selected(QueryPlanner.plan(GRID5, LayerQuery.intersecting(polygon(2, 1, 3, 2, 2, 3, 1, 2)))));
        // Touching the layer from outside.
        assertTrue(QueryPlanner.plan(GRID5, LayerQuery.intersecting(box(5, 0, 7, 5))).isEmpty());
    }

    @Test
    void multiPolygonSelectsTheTilesOfEachPart() {
        Geometry two = GF.createMultiPolygon(new Polygon[] {box(0.2, 0.2, 0.4, 0.4), box(3.5, 3.5, 4.5, 4.5)});
        assertEquals(keys(0, 4, 3, 0, 4, 0, 3, 1, 4, 1),
                selected(QueryPlanner.plan(GRID5, LayerQuery.intersecting(two))));
        // Overlapping parts (an invalid MultiPolygon) select the union of what each part selects.
        Geometry overlapping = GF.createMultiPolygon(new Polygon[] {box(0.5, 0.5, 2.5, 1.5), box(2, 0.2, 3, 1)});
        assertEquals(keys(0, 3, 1, 3, 2, 3, 0, 4, 1, 4, 2, 4),
                selected(QueryPlanner.plan(GRID5, LayerQuery.intersecting(overlapping))));
        Geometry badPart = GF.createMultiPolygon(new Polygon[] {box(0, 0, 1, 1), polygon(0, 0, 2, 2, 2, 0, 0, 2)});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerQuery.intersecting(badPart));
        assertTrue(e.getMessage().contains("part 1"), e.getMessage());
    }

    @Test
    void tilesInsideAHoleAreNotSelected() {
        Polygon withHole = GF.createPolygon(box(0, 0, 5, 5).getExteriorRing(),
                new LinearRing[] {box(0.5, 0.5, 4.5, 4.5).getExteriorRing()});
        QueryPlan<SpatialKey> plan = QueryPlanner.plan(GRID5, LayerQuery.intersecting(withHole));
        Set<SpatialKey> expected = block(0, 0, 4, 4);
        expected.removeAll(block(1, 1, 3, 3));
        assertEquals(expected, selected(plan));
        assertEquals(4, plan.keyBounds().size(), () -> "ring merged into four rectangles: " + plan.keyBounds());
        // A hole aligned on tile edges frees exactly the tiles it covers.
        Polygon alignedHole = GF.createPolygon(box(0, 0, 5, 5).getExteriorRing(),
                new LinearRing[] {box(1, 1, 4, 3).getExteriorRing()});
        expected = block(0, 0, 4, 4);
        expected.removeAll(block(1, 2, 3, 3));
        assertEquals(expected, selected(QueryPlanner.plan(GRID5, LayerQuery.intersecting(alignedHole))));
    }

    @Test
    void extentOnTileEdgesTakesNorthAndWestEdgesOnly() {
        assertEquals(block(1, 2, 2, 3), selected(QueryPlanner.plan(GRID5, LayerQuery.intersecting(new Extent(1, 1, 3, 3)))));
        assertEquals(keys(1, 3), selected(QueryPlanner.plan(GRID5, LayerQuery.intersecting(new Extent(1, 1, 2, 2)))));
        // An extent, unlike a polygon, selects a tile even when it has no area.
        assertEquals(keys(1, 4), selected(QueryPlanner.plan(GRID5, LayerQuery.intersecting(new Extent(1, 1, 1, 1)))));
        assertTrue(QueryPlanner.plan(GRID5, LayerQuery.intersecting(box(1, 1, 1.5, 1).buffer(0))).isEmpty());
        // Far outside the layout on any side: no overflow, no tiles.
        assertTrue(QueryPlanner.plan(GRID5, LayerQuery.intersecting(new Extent(-1e300, -1e300, -1e299, 6))).isEmpty());
        assertTrue(QueryPlanner.plan(GRID5, LayerQuery.intersecting(new Extent(-1e300, 1, 1e300, 2)))
                .keyBounds().equals(List.of(new KeyBounds<>(new SpatialKey(0, 3), new SpatialKey(4, 3)))));
    }

    @Test
    void resultMetadataIsNarrowedToTheSelection() {
        QueryPlan<SpatialKey> plan = QueryPlanner.plan(GRID5, LayerQuery.intersecting(box(1.5, 1.5, 2.5, 2.5)));
        assertEquals(new KeyBounds<>(new SpatialKey(1, 2), new SpatialKey(2, 3)), plan.metadata().keyBounds());
        assertEquals(new Extent(1, 1, 3, 3), plan.metadata().extent());
        QueryPlan<SpatialKey> none = QueryPlanner.plan(GRID5, LayerQuery.intersecting(box(10, 10, 11, 11)));
        assertTrue(none.isEmpty());
        assertEquals(Optional.empty(), none.metadata().bounds());
        QueryPlan<SpatialKey> all = QueryPlanner.plan(GRID5, LayerQuery.all());
        assertEquals(List.of(GRID5.keyBounds()), all.keyBounds());
        assertEquals(GRID5, all.metadata());
        assertTrue(QueryPlanner.plan(GRID5.withEmptyBounds(), LayerQuery.all()).isEmpty());
    }

    @Test
    void queryInAnotherCrsIsReprojectedFirst() {
        TileLayerMetadata<SpatialKey> world = spatialLayer(
                new Extent(-20037508.342789244, -20037508.342789244, 20037508.342789244, 20037508.342789244), 64, 64);
        double[] sw = CRS.LAT_LNG.transformTo(CRS.WEB_MERCATOR).apply(-100, -40);
        double[] ne = CRS.LAT_LNG.transformTo(CRS.WEB_MERCATOR).apply(30, 60);
        QueryPlan<SpatialKey> projected = QueryPlanner.plan(world, LayerQuery.intersecting(box(sw[0], sw[1], ne[0], ne[1])));
        QueryPlan<SpatialKey> lonLat = QueryPlanner.plan(world,
                LayerQuery.intersecting(box(-100, -40, 30, 60)).inCrs(CRS.LAT_LNG));
        assertEquals(projected.keyBounds(), lonLat.keyBounds());
        assertEquals(1, lonLat.keyBounds().size());
        QueryPlan<SpatialKey> extent = QueryPlanner.plan(world,
                LayerQuery.intersecting(new Extent(-100, -40, 30, 60)).inCrs(CRS.LAT_LNG));
        assertEquals(projected.keyBounds(), extent.keyBounds());
        // Holes are reprojected too.
        double[] hsw = CRS.LAT_LNG.transformTo(CRS.WEB_MERCATOR).apply(-50, 0);
        double[] hne = CRS.LAT_LNG.transformTo(CRS.WEB_MERCATOR).apply(0, 40);
        Polygon projectedRing = GF.createPolygon(box(sw[0], sw[1], ne[0], ne[1]).getExteriorRing(),
                new LinearRing[] {box(hsw[0], hsw[1], hne[0], hne[1]).getExteriorRing()});
        Polygon lonLatRing = GF.createPolygon(box(-100, -40, 30, 60).getExteriorRing(),
                new LinearRing[] {box(-50, 0, 0, 40).getExteriorRing()});
        assertEquals(selected(QueryPlanner.plan(world, LayerQuery.intersecting(projectedRing))),
                selected(QueryPlanner.plan(world, LayerQuery.intersecting(lonLatRing).inCrs(CRS.LAT_LNG))));
        // Latitudes beyond the pole have no image.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QueryPlanner.plan(world,
                LayerQuery.intersecting(box(-10, 0, 10, 91)).inCrs(CRS.LAT_LNG)));
        assertTrue(e.getMessage().contains("cannot reproject"), e.getMessage());
        // The layer's own CRS named explicitly changes nothing.
        assertEquals(projected.keyBounds(), QueryPlanner.plan(world,
                LayerQuery.intersecting(box(sw[0], sw[1], ne[0], ne[1])).inCrs(CRS.WEB_MERCATOR)).keyBounds());
    }

    @Test
    void slantedEdgesAreDensifiedWhenReprojected() {
        TileLayerMetadata<SpatialKey> world = spatialLayer(
                new Extent(-20037508.342789244, -20037508.342789244, 20037508.342789244, 20037508.342789244), 256, 256);
        // A geodesically straight lon/lat diagonal is a curve in Web Mercator: the selection must
        // follow the curve, i.e. equal the cover of a finely densified polygon projected point by point.
        Polygon lonLat = polygon(-120, -60, 120, 70, -120, 70);
        Polygon dense = (Polygon) Densifier.densify(lonLat, 0.01);
        CRS.Transform t = CRS.LAT_LNG.transformTo(CRS.WEB_MERCATOR);
        Coordinate[] cs = dense.getExteriorRing().copy().getCoordinates();
        for (Coordinate c : cs) {
            double[] p = t.apply(c.x, c.y);
            c.x = p[0];
            c.y = p[1];
        }
        Set<SpatialKey> reference = selected(QueryPlanner.plan(world, LayerQuery.intersecting(GF.createPolygon(cs))));
        Set<SpatialKey> planned = selected(QueryPlanner.plan(world, LayerQuery.intersecting(lonLat).inCrs(CRS.LAT_LNG)));
        Set<SpatialKey> vertexOnly = new TreeSet<>();
        double[] a = t.apply(-120, -60);
        double[] b = t.apply(120, 70);
        double[] c = t.apply(-120, 70);
        vertexOnly.addAll(selected(QueryPlanner.plan(world, LayerQuery.intersecting(polygon(a[0], a[1], b[0], b[1], c[0], c[1])))));
        Set<SpatialKey> differences = new TreeSet<>(reference);
        differences.removeAll(planned);
        Set<SpatialKey> extra = new TreeSet<>(planned);
        extra.removeAll(reference);
        assertTrue(differences.size() + extra.size() <= 2, "densified cover differs in " + differences + extra);
        assertTrue(vertexOnly.size() != reference.size(), "the test polygon must actually bend");
    }

    @Test
    void wkbQueriesEqualGeometryQueries() {
        Polygon p = polygon(0.5, 0.5, 4.2, 1.3, 2.2, 4.7);
        Set<SpatialKey> expected = selected(QueryPlanner.plan(GRID5, LayerQuery.intersecting(p)));
        for (int order : new int[] {ByteOrderValues.BIG_ENDIAN, ByteOrderValues.LITTLE_ENDIAN}) {
            byte[] wkb = new WKBWriter(2, order).write(p);
            assertEquals(expected, selected(QueryPlanner.plan(GRID5, LayerQuery.intersectingWkb(wkb))));
        }
        Geometry multi = GF.createMultiPolygon(new Polygon[] {p});
        assertEquals(expected, selected(QueryPlanner.plan(GRID5, LayerQuery.intersectingWkb(new WKBWriter().write(multi)))));
    }

    @Test
    void badGeometriesAreRejectedClearly() {
        byte[] line = new WKBWriter().write(GF.createLineString(new Coordinate[] {new Coordinate(0, 0), new Coordinate(1, 1)}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LayerQuery.intersectingWkb(line));
        assertTrue(e.getMessage().contains("LineString") && e.getMessage().contains("Point, Polygon and MultiPolygon"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerQuery.intersectingWkb(new byte[] {1, 2, 3}));
        assertTrue(e.getMessage().contains("malformed WKB"), e.getMessage());
        byte[] truncated = Arrays.copyOf(new WKBWriter().write(box(0, 0, 1, 1)), 30);
        e = assertThrows(IllegalArgumentException.class, () -> LayerQuery.intersectingWkb(truncated));
        assertTrue(e.getMessage().contains("malformed WKB"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerQuery.intersecting(
                GF.createLineString(new Coordinate[] {new Coordinate(0, 0), new Coordinate(1, 1)})));
        assertTrue(e.getMessage().contains("LineString"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LayerQuery.intersecting(polygon(0, 0, 2, 2, 2, 0, 0, 2)));
        assertTrue(e.getMessage().contains("not valid"), e.getMessage());
    }

    @Test
    void queriesAreImmutableValues() {
        Polygon p = box(1, 1, 2, 2);
        LayerQuery q = LayerQuery.intersecting(p);
        p.getCoordinates()[0].x = -100;
        p.geometryChanged();
        assertEquals(keys(1, 3), selected(QueryPlanner.plan(GRID5, q)));
        q.geometry().orElseThrow().getCoordinates()[0].x = -100;
        assertEquals(keys(1, 3), selected(QueryPlanner.plan(GRID5, q)));
        LayerQuery timed = q.inCrs(CRS.WEB_MERCATOR).between(Instant.EPOCH, Instant.EPOCH.plusSeconds(1));
        assertEquals(Optional.empty(), q.timeIntervals());
        assertEquals(Optional.empty(), q.crs());
        assertEquals(Optional.of(List.of(new TimeInterval(Instant.EPOCH, Instant.EPOCH.plusSeconds(1)))),
                timed.timeIntervals());
        assertEquals(Optional.of(List.of(TimeInterval.at(Instant.EPOCH))), timed.at(Instant.EPOCH).timeIntervals());
        assertEquals(Optional.of(CRS.WEB_MERCATOR), timed.crs());
        assertEquals(Optional.empty(), LayerQuery.all().extent());
        assertEquals(Optional.of(new Extent(0, 0, 1, 1)), LayerQuery.intersecting(new Extent(0, 0, 1, 1)).extent());
        assertTrue(timed.toString().contains("Polygon"), timed.toString());
    }

    @Test
    void timeFilterOnSpatialLayerIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QueryPlanner.plan(GRID5, LayerQuery.all().at(Instant.EPOCH)));
        assertTrue(e.getMessage().contains("time filter on a spatial layer"), e.getMessage());
    }

    @Test
    void timeFiltersAreInclusiveAndOred() {
        long t0 = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
        long hour = 3_600_000;
        TileLayerMetadata<SpaceTimeKey> layer = new TileLayerMetadata<>(CellType.INT16, GRID5.layout(), GRID5.extent(),
                CRS.WEB_MERCATOR, new KeyBounds<>(new SpaceTimeKey(0, 0, t0), new SpaceTimeKey(4, 4, t0 + 10 * hour)));
        Instant i0 = Instant.ofEpochMilli(t0);

        QueryPlan<SpaceTimeKey> at = QueryPlanner.plan(layer, LayerQuery.intersecting(new Extent(1, 1, 2, 2))
                .at(i0.plusMillis(2 * hour).plusNanos(999_999)));
        assertEquals(List.of(new KeyBounds<>(new SpaceTimeKey(1, 3, t0 + 2 * hour), new SpaceTimeKey(1, 3, t0 + 2 * hour))),
                at.keyBounds());

        QueryPlan<SpaceTimeKey> ored = QueryPlanner.plan(layer, LayerQuery.all().during(List.of(
                new TimeInterval(i0.plusSeconds(7200 * 3), i0.plusSeconds(7200 * 4)),
                new TimeInterval(i0.minusSeconds(3600), i0.plusSeconds(3600)),
                new TimeInterval(i0.plusSeconds(7200), i0.plusSeconds(7200 * 3)),
                new TimeInterval(i0.plusSeconds(3600 * 9), i0.plusSeconds(3600 * 100)))));
        assertEquals(List.of(
                new KeyBounds<>(new SpaceTimeKey(0, 0, t0), new SpaceTimeKey(4, 4, t0 + hour)),
                new KeyBounds<>(new SpaceTimeKey(0, 0, t0 + 2 * hour), new SpaceTimeKey(4, 4, t0 + 8 * hour)),
                new KeyBounds<>(new SpaceTimeKey(0, 0, t0 + 9 * hour), new SpaceTimeKey(4, 4, t0 + 10 * hour))),
                ored.keyBounds());
        assertEquals(layer.keyBounds(), ored.metadata().keyBounds());

        assertTrue(QueryPlanner.plan(layer, LayerQuery.all().between(i0.plusSeconds(10), i0)).isEmpty());
        assertTrue(QueryPlanner.plan(layer, LayerQuery.all().during(List.of())).isEmpty());
        assertTrue(QueryPlanner.plan(layer, LayerQuery.all().at(i0.minusMillis(1))).isEmpty());
        assertEquals(List.of(layer.keyBounds()),
                QueryPlanner.plan(layer, LayerQuery.all().between(Instant.MIN, Instant.MAX)).keyBounds());
        assertTrue(new TimeInterval(i0.plusMillis(1), i0).isEmpty());
    }
}
