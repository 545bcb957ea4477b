package io.tessera.catalog.query;

import io.tessera.catalog.layout.GridBounds;
import io.tessera.catalog.layout.MapKeyTransform;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.ProjectedExtent;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * Turns a {@link LayerQuery} into the key bounds of one layer to read, selecting exactly the keys
 * GeoTrellis's {@code LayerQuery} selects (format notes §6):
 * <ul>
 *   <li>no region: the layer's bounds;</li>
 *   <li>an extent: the bounding box of tiles from {@link MapKeyTransform#extentToBounds} (north
 *       and west edges inclusive, east and south exclusive), clipped to the layer's bounds. An
 *       extent in another CRS is replaced by the bounding box of its reprojection (edges sampled,
 *       see {@link ProjectedExtent#reproject});</li>
 *   <li>a polygon or multipolygon: the tiles of the layer's bounds whose interior meets the
 *       polygon's interior, after reprojecting the polygon into the layer's CRS with edges
 *       densified to 1/{@value #DENSIFY_TILE_FRACTION} of a tile (GeoTrellis reprojects vertices
 *       only; the two agree wherever projected edges stay straight);</li>
 *   <li>time intervals: the union of the intervals, each inclusive, clipped to the layer's time
 *       span.</li>
 * </ul>
 * A query that selects nothing gives an empty plan, never an exception (GeoTrellis itself throws
 * for a polygon touching no tile; GeoPySpark returns an empty layer, as here).
 */
public final class QueryPlanner {

    /** Reprojected query edges stay within this fraction of a tile's size of the true curve. */
    private static final int DENSIFY_TILE_FRACTION = 100;

    private QueryPlanner() {
    }

    /**
     * The keys of {@code layer} that {@code query} selects.
     *
     * @throws IllegalArgumentException when the query filters on time and the layer is spatial,
     *     or its region cannot be reprojected into the layer's CRS
     */
    public static <K extends LayerKey> QueryPlan<K> plan(TileLayerMetadata<K> layer, LayerQuery query) {
        if (layer.bounds().isEmpty()) {
            return new QueryPlan<>(List.of(), layer.withEmptyBounds());
        }
        KeyBounds<K> layerBounds = layer.bounds().get();
        List<long[]> times = timeSpans(layerBounds, query);
        List<GridBounds> tiles = times.isEmpty() ? List.of() : spatialBlocks(layer, layerBounds, query);
        List<KeyBounds<K>> out = new ArrayList<>();
        for (GridBounds g : tiles) {
            KeyBounds<K> spatial = layerBounds.withSpatial(g.colMin(), g.rowMin(), g.colMax(), g.rowMax());
            if (layerBounds.minKey() instanceof SpaceTimeKey) {
                for (long[] t : times) {
                    out.add(spatial.withTime(t[0], t[1]));
                }
            } else {
                out.add(spatial);
            }
        }
        TileLayerMetadata<K> metadata = out.stream().reduce(KeyBounds::combine)
                .map(layer::withBounds).orElseGet(layer::withEmptyBounds);
        return new QueryPlan<>(out, metadata);
    }

    /**
     * Disjoint inclusive {@code [from, to]} millisecond spans inside the layer's time span; for a
     * spatial layer or a query without time filter, one span standing for "any time".
     */
    private static List<long[]> timeSpans(KeyBounds<?> layerBounds, LayerQuery query) {
        Optional<List<TimeInterval>> filter = query.timeIntervals();
        if (!(layerBounds.minKey() instanceof SpaceTimeKey min)) {
            if (filter.isPresent()) {
                throw new IllegalArgumentException("time filter on a spatial layer: " + query
                        + " filters on time but the layer's keys have no instant");
            }
            return List.<long[]>of(new long[] {0, 0});
        }
        long layerFrom = min.instant();
        long layerTo = ((SpaceTimeKey) layerBounds.maxKey()).instant();
        if (filter.isEmpty()) {
            return List.<long[]>of(new long[] {layerFrom, layerTo});
        }
        List<long[]> spans = new ArrayList<>();
        filter.get().stream()
                .map(i -> new long[] {Math.max(i.startMillis(), layerFrom), Math.min(i.endMillis(), layerTo)})
                .filter(s -> s[0] <= s[1])
                .sorted(Comparator.comparingLong(s -> s[0]))
                .forEach(s -> {
                    long[] last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
                    // Overlapping or back-to-back spans are read once; clipping keeps last[1] + 1 from overflowing.
                    if (last != null && s[0] <= last[1] + 1) {
                        last[1] = Math.max(last[1], s[1]);
                    } else {
                        spans.add(s);
                    }
                });
        return spans;
    }

    private static List<GridBounds> spatialBlocks(TileLayerMetadata<?> layer, KeyBounds<?> layerBounds,
            LayerQuery query) {
        KeyBounds<?> s = layerBounds.spatial();
        GridBounds limit = new GridBounds(s.minKey().col(), s.minKey().row(), s.maxKey().col(), s.maxKey().row());
        MapKeyTransform transform = layer.mapTransform();
        if (query.extent().isPresent()) {
            Extent e = query.extent().get();
            if (query.crs().isPresent()) {
                e = new ProjectedExtent(e, query.crs().get()).reproject(layer.crs());
            }
            return transform.extentToBounds(clampToLayout(e, transform)).intersection(limit)
                    .map(List::of).orElse(List.of());
        }
        Geometry polygonal = query.polygonal();
        if (polygonal instanceof Point p) {
            double[] xy = {p.getX(), p.getY()};
            if (query.crs().isPresent()) {
                xy = query.crs().get().transformTo(layer.crs()).apply(xy[0], xy[1]);
            }
            if (!Double.isFinite(xy[0]) || !Double.isFinite(xy[1]) || !transform.extent().contains(xy[0], xy[1])) {
                return List.of();
            }
            SpatialKey k = transform.pointToKey(xy[0], xy[1]);
            return new GridBounds(k.col(), k.row(), k.col(), k.row()).intersection(limit).map(List::of).orElse(List.of());
        }
        if (polygonal != null) {
            if (query.crs().isPresent()) {
                double tolerance = Math.min(transform.tileWidth(), transform.tileHeight()) / DENSIFY_TILE_FRACTION;
                polygonal = GeometryReprojection.reproject(polygonal, query.crs().get(), layer.crs(), tolerance);
            }
            return TileCover.cover(polygonal, transform, limit);
        }
        return List.of(limit);
    }

    /**
     * {@code e} with coordinates more than two tiles outside the layout pulled in to that margin.
     * The tile indices then stay far from integer overflow, and those of clamped edges still fall
     * outside the layout on the same side, so clipping to the layer gives the same tiles.
     */
    static Extent clampToLayout(Extent e, MapKeyTransform transform) {
        Extent l = transform.extent();
        double mx = 2 * transform.tileWidth();
        double my = 2 * transform.tileHeight();
        return new Extent(clamp(e.xmin(), l.xmin() - mx, l.xmax() + mx), clamp(e.ymin(), l.ymin() - my, l.ymax() + my),
                clamp(e.xmax(), l.xmin() - mx, l.xmax() + mx), clamp(e.ymax(), l.ymin() - my, l.ymax() + my));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
