package io.tessera.catalog.query;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Which tiles of a layer to read: an optional region and, for space-time layers, an optional set
 * of time intervals. Immutable; each {@code in…}/{@code at}/{@code between}/{@code during} call
 * returns a new query.
 *
 * <p>Regions follow GeoTrellis's {@code Intersects} filter. An {@link Extent} selects the bounding
 * box of tiles it overlaps, with north and west edges inclusive and east and south edges
 * exclusive. A {@link Polygon} or {@link MultiPolygon} selects exactly the tiles whose interior
 * meets the polygon's interior, so a tile that only shares an edge or corner with the polygon is
 * not selected. A {@link Point} selects the one tile holding it (GeoTrellis's {@code Contains(Point)};
 * a point on a tile edge belongs to the tile east and south of it). The region is in the layer's
 * CRS unless {@link #inCrs(CRS)} names another one.
 *
 * <p>Time filters follow GeoTrellis's {@code At} and {@code Between}: one instant matches its
 * millisecond exactly, an interval is inclusive at both ends, and several intervals are OR-ed.
 * Planning a query with a time filter against a spatial layer is an error rather than silently
 * ignored (GeoPySpark ignores it), since the caller evidently expected time-stamped tiles.
 *
 * <p>Use {@link QueryPlanner#plan} to turn a query into the key bounds to read.
 */
public final class LayerQuery {

    private static final LayerQuery ALL = new LayerQuery(null, null, null, null);

    private final Extent extent;
    private final Geometry polygonal;
    private final CRS crs;
    private final List<TimeInterval> intervals;

    private LayerQuery(Extent extent, Geometry polygonal, CRS crs, List<TimeInterval> intervals) {
        this.extent = extent;
        this.polygonal = polygonal;
        this.crs = crs;
        this.intervals = intervals;
    }

    /** The whole layer. */
    public static LayerQuery all() {
        return ALL;
    }

    /** The bounding box of tiles overlapping {@code extent}, as GeoTrellis's {@code Intersects(Extent)}. */
    public static LayerQuery intersecting(Extent extent) {
        return new LayerQuery(Objects.requireNonNull(extent, "extent"), null, null, null);
    }

    /**
     * The tiles whose interior meets the interior of a polygon or multipolygon, or the one tile
     * holding a point.
     *
     * <p>A multipolygon whose parts overlap or share edges (invalid by OGC rules, but what a
     * collection of separately drawn areas often is) is replaced by the union of its parts; the
     * selection is the same, since a tile meeting the union's interior meets some part's interior.
     *
     * @throws IllegalArgumentException when the geometry is of another type or a polygon is not
     *     valid (self-intersecting ring, hole outside its shell…), since tile selection is
     *     undefined then
     */
    public static LayerQuery intersecting(Geometry polygonOrMultiPolygon) {
        Objects.requireNonNull(polygonOrMultiPolygon, "geometry");
        if (polygonOrMultiPolygon instanceof Point p) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("query point is empty");
            }
            return new LayerQuery(null, p.copy(), null, null);
        }
        if (!(polygonOrMultiPolygon instanceof Polygon) && !(polygonOrMultiPolygon instanceof MultiPolygon)) {
            throw new IllegalArgumentException(unsupportedType(polygonOrMultiPolygon));
        }
        Geometry region = polygonOrMultiPolygon.copy();
        if (region instanceof MultiPolygon && !region.isValid()) {
            for (int i = 0; i < region.getNumGeometries(); i++) {
                requireValid(region.getGeometryN(i), "part " + i + " of the query MultiPolygon");
            }
            region = region.union();
        }
        requireValid(region, "query " + region.getGeometryType());
        return new LayerQuery(null, region, null, null);
    }

    private static void requireValid(Geometry g, String what) {
        TopologyValidationError invalid = new IsValidOp(g).getValidationError();
        if (invalid != null) {
            throw new IllegalArgumentException(what + " is not valid: " + invalid);
        }
    }

    /**
     * As {@link #intersecting(Geometry)} for a geometry in Well-Known Binary (ISO or extended WKB,
     * either byte order).
     *
     * @throws IllegalArgumentException when the bytes are not WKB or hold no Point, Polygon or
     *     MultiPolygon
     */
    public static LayerQuery intersectingWkb(byte[] wkb) {
        Objects.requireNonNull(wkb, "wkb");
        Geometry g;
        try {
            g = new WKBReader().read(wkb);
        } catch (ParseException | RuntimeException e) {
            // JTS reports truncated input as an index error rather than a parse error.
            throw new IllegalArgumentException("malformed WKB (" + wkb.length + " bytes): " + e.getMessage(), e);
        }
        if (!(g instanceof Point) && !(g instanceof Polygon) && !(g instanceof MultiPolygon)) {
            throw new IllegalArgumentException("WKB " + unsupportedType(g));
        }
        return intersecting(g);
    }

    private static String unsupportedType(Geometry g) {
        return "query geometry is a " + g.getGeometryType()
                + "; only Point, Polygon and MultiPolygon (or an Extent) are accepted";
    }

    /**
     * The same query with its region given in {@code regionCrs}; it is reprojected to the layer's
     * CRS when planned. Without this the region is taken to be in the layer's CRS.
     */
    public LayerQuery inCrs(CRS regionCrs) {
        return new LayerQuery(extent, polygonal, Objects.requireNonNull(regionCrs, "crs"), intervals);
    }

    /** The same region at exactly one instant (its millisecond), replacing any earlier time filter. */
    public LayerQuery at(Instant instant) {
        return during(List.of(TimeInterval.at(Objects.requireNonNull(instant, "instant"))));
    }

    /**
     * The same region between two instants, both inclusive, replacing any earlier time filter.
     * {@code from} after {@code to} selects nothing.
     */
    public LayerQuery between(Instant from, Instant to) {
        return during(List.of(new TimeInterval(from, to)));
    }

    /**
     * The same region at any instant inside any of the intervals (OR), replacing any earlier time
     * filter. An empty list selects nothing.
     */
    public LayerQuery during(List<TimeInterval> timeIntervals) {
        return new LayerQuery(extent, polygonal, crs, List.copyOf(timeIntervals));
    }

    /** The extent region, when the query has one. */
    public Optional<Extent> extent() {
        return Optional.ofNullable(extent);
    }

    /** A copy of the polygon or multipolygon region, when the query has one. */
    public Optional<Geometry> geometry() {
        return Optional.ofNullable(polygonal).map(Geometry::copy);
    }

    /** The CRS the region is in, when it is not the layer's. */
    public Optional<CRS> crs() {
        return Optional.ofNullable(crs);
    }

    /** The OR-ed time intervals, when the query filters on time. */
    public Optional<List<TimeInterval>> timeIntervals() {
        return Optional.ofNullable(intervals);
    }

    /** The region without copying, for the planner. */
    Geometry polygonal() {
        return polygonal;
    }

    @Override
    public String toString() {
        String region = extent != null ? "extent " + extent
                : polygonal != null ? polygonal.getGeometryType() + " with " + polygonal.getNumPoints() + " points"
                : "whole layer";
        return "LayerQuery[" + region + (crs != null ? " in " + crs : "")
                + (intervals != null ? ", during " + intervals : "") + "]";
    }
}
