package io.tessera.catalog.query;

import static io.tessera.catalog.query.QueryPlannerTest.GF;
import static io.tessera.catalog.query.QueryPlannerTest.box;
import static io.tessera.catalog.query.QueryPlannerTest.selected;
import static io.tessera.catalog.query.QueryPlannerTest.spatialLayer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tessera.catalog.layout.GridBounds;
import io.tessera.catalog.layout.MapKeyTransform;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.SpatialKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

class TileCoverTest {

    private static final Extent WORLD =
            new Extent(-20037508.342789244, -20037508.342789244, 20037508.342789244, 20037508.342789244);

    /** The rule itself, tile by tile: the polygon's interior meets the tile's interior. */
    private static Set<SpatialKey> bruteForce(Geometry polygon, TileLayerMetadata<SpatialKey> layer) {
        Set<SpatialKey> keys = new TreeSet<>();
        KeyBounds<SpatialKey> b = layer.keyBounds();
        for (int r = b.minKey().row(); r <= b.maxKey().row(); r++) {
            for (int c = b.minKey().col(); c <= b.maxKey().col(); c++) {
                Extent e = layer.mapTransform().keyToExtent(c, r);
                if (polygon.relate(box(e.xmin(), e.ymin(), e.xmax(), e.ymax()), "T********")) {
                    keys.add(new SpatialKey(c, r));
                }
            }
        }
        return keys;
    }

    @Test
    void randomPolygonsSelectExactlyTheTilesOfTheInteriorRule() {
        Random random = new Random(20260124L);
        // Tiles of 2.5 x 1.5 with an offset origin, so tile edges are not integers.
        TileLayerMetadata<SpatialKey> full = spatialLayer(new Extent(10, 20, 10 + 13 * 2.5, 20 + 11 * 1.5), 13, 11);
        TileLayerMetadata<SpatialKey> part = full.withBounds(new KeyBounds<>(new SpatialKey(2, 1), new SpatialKey(10, 8)));
        int checked = 0;
        while (checked < 300) {
            Geometry polygon = checked % 3 == 2 ? randomRectilinear(random, full.mapTransform())
                    : randomStar(random, full.mapTransform(), checked % 3 == 1);
            if (!polygon.isValid() || polygon.isEmpty()) {
                continue;
            }
            for (TileLayerMetadata<SpatialKey> layer : List.of(full, part)) {
                assertEquals(bruteForce(polygon, layer),
                        selected(QueryPlanner.plan(layer, LayerQuery.intersecting(polygon))), polygon::toText);
            }
            checked++;
        }
    }

    /** A star-shaped polygon, optionally with its vertices snapped to tile corners and edge midpoints. */
    private static Geometry randomStar(Random random, MapKeyTransform t, boolean snapped) {
        Extent l = t.extent();
        double cx = l.xmin() - 3 + random.nextDouble() * (l.width() + 6);
        double cy = l.ymin() - 3 + random.nextDouble() * (l.height() + 6);
        int n = 3 + random.nextInt(10);
        double[] angles = random.doubles(n, 0, 2 * Math.PI).sorted().toArray();
        double reach = 1 + random.nextDouble() * l.width() / 2;
        Coordinate[] ring = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double r = reach * (0.2 + random.nextDouble());
            double x = cx + r * Math.cos(angles[i]);
            double y = cy + r * Math.sin(angles[i]);
            if (snapped) {
                x = l.xmin() + Math.round((x - l.xmin()) / t.tileWidth() * 2) * t.tileWidth() / 2;
                y = l.ymin() + Math.round((y - l.ymin()) / t.tileHeight() * 2) * t.tileHeight() / 2;
            }
            ring[i] = new Coordinate(x, y);
        }
        ring[n] = ring[0].copy();
        return Arrays.stream(ring).distinct().count() < 3 ? GF.createPolygon() : GF.createPolygon(ring);
    }

    /** Unions and differences of boxes with edges on, near and between tile edges: holes, touching parts. */
    private static Geometry randomRectilinear(Random random, MapKeyTransform t) {
        Geometry g = randomBox(random, t);
        for (int i = random.nextInt(4); i > 0; i--) {
            g = random.nextBoolean() ? g.union(randomBox(random, t)) : g.difference(randomBox(random, t));
        }
        return g instanceof Polygon || g instanceof MultiPolygon ? g : GF.createPolygon();
    }

    private static Polygon randomBox(Random random, MapKeyTransform t) {
        double[] xs = {coordinate(random, t.extent().xmin(), t.tileWidth(), t.layoutCols()),
            coordinate(random, t.extent().xmin(), t.tileWidth(), t.layoutCols())};
        double[] ys = {coordinate(random, t.extent().ymin(), t.tileHeight(), t.layoutRows()),
            coordinate(random, t.extent().ymin(), t.tileHeight(), t.layoutRows())};
        Arrays.sort(xs);
        Arrays.sort(ys);
        return xs[0] == xs[1] || ys[0] == ys[1] ? box(xs[0], ys[0], xs[0] + t.tileWidth(), ys[0] + t.tileHeight())
                : box(xs[0], ys[0], xs[1], ys[1]);
    }

    private static double coordinate(Random random, double origin, double tile, int tiles) {
        double[] fractions = {0, 0.5, 1e-9, 1 - 1e-9, random.nextDouble()};
        return origin + (random.nextInt(tiles + 2) - 1 + fractions[random.nextInt(fractions.length)]) * tile;
    }

    @Test
    void polygonsOverAMillionByMillionTileLayoutGiveCompactBounds() {
        int n = 1 << 20;
        TileLayerMetadata<SpatialKey> layer = spatialLayer(WORLD, n, n);
        MapKeyTransform t = layer.mapTransform();

        // A box whose edges cut through tiles, with a hole whose edges cut through tiles too.
        Polygon outer = box(x(t, 1234, 0.37), y(t, 987_654, 0.2), x(t, 1_000_321, 0.9), y(t, 3, 0.5));
        Polygon hole = box(x(t, 200_000, 0.6), y(t, 700_000, 0.4), x(t, 800_000, 0.1), y(t, 100_000, 0.7));
        Polygon ring = GF.createPolygon(outer.getExteriorRing(), new LinearRing[] {hole.getExteriorRing()});
        QueryPlan<SpatialKey> plan = QueryPlanner.plan(layer, LayerQuery.intersecting(ring));
        // Tiles wholly inside the hole: columns 200_001..799_999, rows 100_001..699_999.
        assertEquals(List.of(
                bounds(1234, 3, 1_000_321, 100_000),
                bounds(1234, 100_001, 200_000, 699_999),
                bounds(800_000, 100_001, 1_000_321, 699_999),
                bounds(1234, 700_000, 1_000_321, 987_654)), plan.keyBounds());
        assertEquals(bounds(1234, 3, 1_000_321, 987_654), plan.metadata().keyBounds());

        // An L of two parts meeting along a tile-cutting edge, plus a far-away sliver thinner than a tile.
        Geometry l = box(x(t, 10, 0.5), y(t, 900_000, 0.5), x(t, 20, 0.5), y(t, 10, 0.5))
                .union(box(x(t, 20, 0.5), y(t, 900_000, 0.5), x(t, 900_000, 0.5), y(t, 899_000, 0.5)))
                .union(box(x(t, 1_000_000, 0.1), y(t, 1_000_000, 0.1), x(t, 1_000_000, 0.2), y(t, 10, 0.2)));
        QueryPlan<SpatialKey> lPlan = QueryPlanner.plan(layer, LayerQuery.intersecting(l));
        assertEquals(List.of(
                bounds(10, 10, 20, 898_999),
                bounds(1_000_000, 10, 1_000_000, 1_000_000),
                bounds(10, 899_000, 900_000, 900_000)), lPlan.keyBounds());
    }

    private static double x(MapKeyTransform t, int col, double fraction) {
        Extent e = t.keyToExtent(col, 0);
        return e.xmin() + fraction * e.width();
    }

    private static double y(MapKeyTransform t, int row, double fractionFromTop) {
        Extent e = t.keyToExtent(0, row);
        return e.ymax() - fractionFromTop * e.height();
    }

    private static KeyBounds<SpatialKey> bounds(int c0, int r0, int c1, int r1) {
        return new KeyBounds<>(new SpatialKey(c0, r0), new SpatialKey(c1, r1));
    }

    @Test
    void mergingJoinsRunsAndContinuesThemDownwards() {
        List<GridBounds> blocks = new ArrayList<>(List.of(
                new GridBounds(0, 0, 1, 1),
                new GridBounds(2, 0, 3, 3),
                new GridBounds(0, 2, 1, 3),
                new GridBounds(5, 1, 5, 1)));
        assertEquals(List.of(new GridBounds(0, 0, 3, 3),
                new GridBounds(5, 1, 5, 1)), TileCover.merge(blocks));
    }
}
