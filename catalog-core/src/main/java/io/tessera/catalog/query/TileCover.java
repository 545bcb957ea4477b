package io.tessera.catalog.query;

import io.tessera.catalog.layout.GridBounds;
import io.tessera.catalog.layout.MapKeyTransform;
import io.tessera.catalog.model.Extent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The tiles of a layout whose interior meets a polygon's interior (DE-9IM {@code T********}), the
 * rule that reproduces GeoTrellis's one-pixel-per-tile rasterization of query polygons.
 *
 * <p>Blocks of tiles are decided whole where possible and split otherwise:
 * <ul>
 *   <li>a block the polygon does not touch has no selected tile;</li>
 *   <li>a block has every tile selected when the polygon contains a <em>probe</em>: a rectangle
 *       (or segment) reaching into the open interior of every tile of the block. For a block of
 *       several columns the probe spans from just inside the first column's east edge to just
 *       inside the last column's west edge, so a polygon edge running through the outer
 *       columns does not prevent the shortcut; for a single column it is a line at the middle of
 *       one of the spans between the polygon's vertices in that column (rows likewise). Since a
 *       valid polygon is the closure of its interior, a polygon point inside a tile's open
 *       interior means the interiors meet;</li>
 *   <li>a block is split when the polygon meets it shrunk by a sliver, else dropped unless the
 *       exact relate says the interiors meet (the polygon may run along its border only);</li>
 *   <li>anything else is split: along columns while it spans a column holding a polygon vertex,
 *       then likewise along rows (so axis-parallel edges end up on block borders or in
 *       single-column/row blocks, which the probes settle), otherwise into quadrants; a single
 *       tile is decided by the same two tests.</li>
 * </ul>
 * Work thus grows with the number of tiles along slanted edges, not with the area, and for a
 * rectilinear polygon only with its vertex count and the logarithm of the layout size, however
 * long its edges.
 *
 * <p>The selected blocks are finally merged into few disjoint rectangles: per band of rows with
 * the same blocks, adjacent column runs are joined, and runs continuing unchanged into the next
 * band are extended downwards.
 */
final class TileCover {

    /** Probes reach, and interior tests stay, this fraction of a tile inside a block's border. */
    private static final double PROBE_INSET = 1.0 / 1024;
    /** Above this many polygon vertices inside one column (row), only its middle is probed. */
    private static final int MAX_PROBES = 8;

    private final Geometry polygon;
    private final PreparedGeometry prepared;
    private final GeometryFactory factory;
    private final MapKeyTransform transform;
    private final double[] vertexXs;
    private final double[] vertexYs;
    private final int[] vertexCols;
    private final int[] vertexRows;
    private final List<GridBounds> selected = new ArrayList<>();

    private TileCover(Geometry polygon, MapKeyTransform transform) {
        this.polygon = polygon;
        this.prepared = PreparedGeometryFactory.prepare(polygon);
        this.factory = polygon.getFactory();
        this.transform = transform;
        Coordinate[] cs = polygon.getCoordinates();
        vertexXs = Arrays.stream(cs).mapToDouble(c -> c.x).sorted().distinct().toArray();
        vertexYs = Arrays.stream(cs).mapToDouble(c -> c.y).sorted().distinct().toArray();
        vertexCols = Arrays.stream(cs).mapToInt(c -> transform.pointToKey(c.x, c.y).col()).sorted().distinct().toArray();
        vertexRows = Arrays.stream(cs).mapToInt(c -> transform.pointToKey(c.x, c.y).row()).sorted().distinct().toArray();
    }

    /**
     * The selected tiles inside {@code limit}, as disjoint rectangles ordered by first row, then
     * first column.
     *
     * @param polygonal a valid Polygon or MultiPolygon in the layout's CRS
     */
    static List<GridBounds> cover(Geometry polygonal, MapKeyTransform transform, GridBounds limit) {
        if (polygonal.isEmpty()) {
            return List.of();
        }
        Envelope env = polygonal.getEnvelopeInternal();
        Extent clamped = QueryPlanner.clampToLayout(
                new Extent(env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY()), transform);
        GridBounds box = transform.extentToBounds(clamped);
        // One tile of slack absorbs rounding differences between pointToKey and keyToExtent.
        Optional<GridBounds> candidates = new GridBounds(box.colMin() - 1, box.rowMin() - 1,
                box.colMax() + 1, box.rowMax() + 1).intersection(limit);
        if (candidates.isEmpty()) {
            return List.of();
        }
        TileCover c = new TileCover(polygonal, transform);
        GridBounds b = candidates.get();
        c.visit(b.colMin(), b.rowMin(), b.colMax(), b.rowMax());
        return merge(c.selected);
    }

    private void visit(int c0, int r0, int c1, int r1) {
        Extent nw = transform.keyToExtent(c0, r0);
        Extent se = transform.keyToExtent(c1, r1);
        Geometry block = rectangle(nw.xmin(), se.ymin(), se.xmax(), nw.ymax());
        if (!prepared.intersects(block)) {
            return;
        }
        // A polygon point inside the block's open interior means the interiors meet; only when the
        // polygon keeps to a thin frame along the block's border does the exact relate run.
        boolean interiorsMeet = meetsInset(nw.xmin(), se.ymin(), se.xmax(), nw.ymax());
        if (c0 == c1 && r0 == r1) {
            if (interiorsMeet || polygon.relate(block, "T********")) {
                selected.add(new GridBounds(c0, r0, c1, r1));
            }
            return;
        }
        for (double[] xs : probeSpans(nw.xmin(), nw.xmax(), se.xmin(), se.xmax(), vertexXs)) {
            for (double[] ys : probeSpans(se.ymin(), se.ymax(), nw.ymin(), nw.ymax(), vertexYs)) {
                if (prepared.contains(factory.toGeometry(new Envelope(xs[0], xs[1], ys[0], ys[1])))) {
                    selected.add(new GridBounds(c0, r0, c1, r1));
                    return;
                }
            }
        }
        if (interiorsMeet || polygon.relate(block, "T********")) {
            split(c0, r0, c1, r1);
        }
    }

    /** True when the polygon meets the rectangle shrunk by {@link #PROBE_INSET} of a tile on each side. */
    private boolean meetsInset(double xmin, double ymin, double xmax, double ymax) {
        double dx = transform.tileWidth() * PROBE_INSET;
        double dy = transform.tileHeight() * PROBE_INSET;
        double x0 = xmin + dx;
        double y0 = ymin + dy;
        double x1 = xmax - dx;
        double y1 = ymax - dy;
        // Rounding could put the shrunk rectangle on the border; then only the exact relate may answer.
        return x0 > xmin && y0 > ymin && x1 < xmax && y1 < ymax && x0 <= x1 && y0 <= y1
                && prepared.intersects(rectangle(x0, y0, x1, y1));
    }

    private void split(int c0, int r0, int c1, int r1) {
        if (c0 < c1 && splitAtFeature(vertexCols, c0, c1, true, r0, r1)) {
            return;
        }
        if (r0 < r1 && splitAtFeature(vertexRows, r0, r1, false, c0, c1)) {
            return;
        }
        int cm = c0 + (c1 - c0) / 2;
        int rm = r0 + (r1 - r0) / 2;
        visit(c0, r0, cm, rm);
        visitIfNonEmpty(cm + 1, r0, c1, rm);
        visitIfNonEmpty(c0, rm + 1, cm, r1);
        visitIfNonEmpty(cm + 1, rm + 1, c1, r1);
    }

    /**
     * Splits along one axis when {@code [lo, hi]} holds a column (row) with a polygon vertex: that
     * column alone becomes a block when it lies in the middle half, else the range is halved
     * (keeping the other axis whole, so long axis-parallel edges are not cut into many blocks).
     * Either way the depth stays logarithmic.
     */
    private boolean splitAtFeature(int[] features, int lo, int hi, boolean columns, int otherLo, int otherHi) {
        int feature = featureNearMiddle(features, lo, hi);
        if (feature < 0) {
            return false;
        }
        int mid = lo + (hi - lo) / 2;
        int[][] parts = Math.abs(feature - mid) <= (hi - lo) / 4
                ? new int[][] {{lo, feature - 1}, {feature, feature}, {feature + 1, hi}}
                : new int[][] {{lo, mid}, {mid + 1, hi}};
        for (int[] p : parts) {
            if (columns) {
                visitIfNonEmpty(p[0], otherLo, p[1], otherHi);
            } else {
                visitIfNonEmpty(otherLo, p[0], otherHi, p[1]);
            }
        }
        return true;
    }

    private void visitIfNonEmpty(int c0, int r0, int c1, int r1) {
        if (c0 <= c1 && r0 <= r1) {
            visit(c0, r0, c1, r1);
        }
    }

    /**
     * Coordinate spans, along one axis, that reach into the open interior of every tile of a block
     * whose first tile spans {@code [lo0, hi0]} and last tile {@code [lo1, hi1]}. Empty when
     * rounding leaves no such span.
     */
    private static List<double[]> probeSpans(double lo0, double hi0, double lo1, double hi1, double[] vertices) {
        if (lo0 == lo1) {
            int from = firstAbove(vertices, lo0);
            int to = firstAbove(vertices, Math.nextDown(hi0));
            List<double[]> spans = new ArrayList<>();
            if (to - from > MAX_PROBES - 1) {
                double mid = (lo0 + hi0) / 2;
                spans.add(new double[] {mid, mid});
                return spans;
            }
            double start = lo0;
            for (int i = from; i <= to; i++) {
                double end = i < to ? vertices[i] : hi0;
                double mid = (start + end) / 2;
                if (mid > lo0 && mid < hi0) {
                    spans.add(new double[] {mid, mid});
                }
                start = end;
            }
            return spans;
        }
        double inset = (hi0 - lo0) * PROBE_INSET;
        double from = hi0 - inset;
        double to = lo1 + inset;
        return from < hi0 && to > lo1 ? List.<double[]>of(new double[] {from, to}) : List.of();
    }

    /** Index of the first value strictly greater than {@code v} in a sorted array. */
    private static int firstAbove(double[] sorted, double v) {
        int i = Arrays.binarySearch(sorted, v);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The feature column (row) in {@code [lo, hi]} closest to the middle, or -1. */
    private static int featureNearMiddle(int[] features, int lo, int hi) {
        int mid = lo + (hi - lo) / 2;
        int i = Arrays.binarySearch(features, mid);
        if (i >= 0) {
            return mid;
        }
        int above = -i - 1;
        int best = -1;
        if (above < features.length && features[above] <= hi) {
            best = features[above];
        }
        if (above > 0 && features[above - 1] >= lo && (best < 0 || mid - features[above - 1] < best - mid)) {
            best = features[above - 1];
        }
        return best;
    }

    private Geometry rectangle(double xmin, double ymin, double xmax, double ymax) {
        return factory.toGeometry(new Envelope(xmin, xmax, ymin, ymax));
    }

    /**
     * Disjoint blocks merged into few disjoint rectangles covering the same tiles: in each band of
     * rows crossed by the same blocks, touching column runs are joined, and a run with the same
     * columns as one in the band above continues that rectangle.
     */
    static List<GridBounds> merge(List<GridBounds> blocks) {
        if (blocks.isEmpty()) {
            return List.of();
        }
        List<GridBounds> byStart = new ArrayList<>(blocks);
        byStart.sort(Comparator.comparingInt(GridBounds::rowMin));
        List<GridBounds> byEnd = new ArrayList<>(blocks);
        byEnd.sort(Comparator.comparingInt(GridBounds::rowMax));
        long[] bandStarts = blocks.stream()
                .flatMapToLong(b -> LongStream.of(b.rowMin(), (long) b.rowMax() + 1))
                .sorted().distinct().toArray();

        TreeMap<Integer, GridBounds> active = new TreeMap<>();
        LinkedHashMap<Long, Integer> open = new LinkedHashMap<>();
        List<GridBounds> out = new ArrayList<>();
        int nextStart = 0;
        int nextEnd = 0;
        for (long bandStart : bandStarts) {
            while (nextEnd < byEnd.size() && byEnd.get(nextEnd).rowMax() < bandStart) {
                active.remove(byEnd.get(nextEnd++).colMin());
            }
            while (nextStart < byStart.size() && byStart.get(nextStart).rowMin() == bandStart) {
                GridBounds b = byStart.get(nextStart++);
                active.put(b.colMin(), b);
            }
            LinkedHashMap<Long, Integer> continued = new LinkedHashMap<>();
            int runStart = 0;
            int runEnd = 0;
            boolean inRun = false;
            for (GridBounds b : active.values()) {
                if (inRun && b.colMin() == runEnd + 1) {
                    runEnd = b.colMax();
                    continue;
                }
                if (inRun) {
                    continueRun(runStart, runEnd, (int) bandStart, open, continued);
                }
                runStart = b.colMin();
                runEnd = b.colMax();
                inRun = true;
            }
            if (inRun) {
                continueRun(runStart, runEnd, (int) bandStart, open, continued);
            }
            // Runs not continued in this band end on the row above it.
            open.forEach((cols, firstRow) -> out.add(new GridBounds((int) (cols >> 32), firstRow,
                    (int) (long) cols, (int) bandStart - 1)));
            open = continued;
        }
        out.sort(Comparator.comparingInt(GridBounds::rowMin).thenComparingInt(GridBounds::colMin));
        return out;
    }

    private static void continueRun(int c0, int c1, int bandStart, Map<Long, Integer> open,
            Map<Long, Integer> continued) {
        long cols = ((long) c0 << 32) | (c1 & 0xffffffffL);
        Integer firstRow = open.remove(cols);
        continued.put(cols, firstRow != null ? firstRow : bandStart);
    }
}
