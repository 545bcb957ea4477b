package io.tessera.catalog.query;

import io.tessera.catalog.model.CRS;
import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Reprojects query polygons between CRSs, adding vertices where an edge that is straight in the
 * source CRS bends in the target one.
 *
 * <p>Each edge is split at its source midpoint, recursively, while the projected midpoint lies
 * farther than {@code tolerance} from the projected chord (at most {@value #MAX_DEPTH} levels, so
 * at most 2^{@value #MAX_DEPTH} pieces per edge). Edges that stay straight, such as meridians and
 * parallels between geographic and Web Mercator coordinates, keep their two vertices, so for them
 * the result is exactly GeoTrellis's, which reprojects the vertices only.
 */
final class GeometryReprojection {

    private static final int MAX_DEPTH = 16;

    private final CRS.Transform transform;
    private final CRS source;
    private final CRS target;
    private final double tolerance;

    private GeometryReprojection(CRS source, CRS target, double tolerance) {
        this.transform = source.transformTo(target);
        this.source = source;
        this.target = target;
        this.tolerance = tolerance;
    }

    /**
     * The polygon or multipolygon {@code polygonal} (in {@code source}) in {@code target}.
     *
     * @param tolerance largest distance, in target units, allowed between a projected edge and its
     *     straight approximation
     * @throws IllegalArgumentException when a vertex has no image in the target CRS or the
     *     projected polygon is not valid (e.g. it wraps around the target's antimeridian)
     */
    static Geometry reproject(Geometry polygonal, CRS source, CRS target, double tolerance) {
        if (source.equals(target) || polygonal.isEmpty()) {
            return polygonal;
        }
        GeometryReprojection r = new GeometryReprojection(source, target, tolerance);
        GeometryFactory f = polygonal.getFactory();
        Polygon[] parts = new Polygon[polygonal.getNumGeometries()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = r.polygon((Polygon) polygonal.getGeometryN(i), f);
        }
        Geometry out = polygonal instanceof Polygon ? parts[0] : f.createMultiPolygon(parts);
        TopologyValidationError invalid = new IsValidOp(out).getValidationError();
        if (invalid != null) {
            throw new IllegalArgumentException("query geometry is not valid once reprojected from " + source + " to "
                    + target + ": " + invalid);
        }
        return out;
    }

    private Polygon polygon(Polygon p, GeometryFactory f) {
        LinearRing[] holes = new LinearRing[p.getNumInteriorRing()];
        for (int i = 0; i < holes.length; i++) {
            holes[i] = ring(p.getInteriorRingN(i), f);
        }
        return f.createPolygon(ring(p.getExteriorRing(), f), holes);
    }

    private LinearRing ring(LinearRing ring, GeometryFactory f) {
        Coordinate[] in = ring.getCoordinates();
        List<Coordinate> out = new ArrayList<>();
        Coordinate prev = in[0];
        Coordinate prevProjected = project(prev);
        out.add(prevProjected);
        for (int i = 1; i < in.length; i++) {
            Coordinate next = in[i];
            Coordinate nextProjected = project(next);
            refine(prev, prevProjected, next, nextProjected, 0, out);
            out.add(nextProjected);
            prev = next;
            prevProjected = nextProjected;
        }
        // The closing vertex projects to the same point as the first; keep the ring closed exactly.
        out.set(out.size() - 1, out.get(0).copy());
        return f.createLinearRing(out.toArray(new Coordinate[0]));
    }

    /** Appends the vertices strictly between {@code a} and {@code b} that the projected edge needs. */
    private void refine(Coordinate a, Coordinate pa, Coordinate b, Coordinate pb, int depth, List<Coordinate> out) {
        if (depth == MAX_DEPTH) {
            return;
        }
        Coordinate mid = new Coordinate((a.x + b.x) / 2, (a.y + b.y) / 2);
        Coordinate pm = project(mid);
        double dx = pm.x - (pa.x + pb.x) / 2;
        double dy = pm.y - (pa.y + pb.y) / 2;
        if (Math.hypot(dx, dy) <= tolerance) {
            return;
        }
        refine(a, pa, mid, pm, depth + 1, out);
        out.add(pm);
        refine(mid, pm, b, pb, depth + 1, out);
    }

    private Coordinate project(Coordinate c) {
        double[] p;
        try {
            p = transform.apply(c.x, c.y);
        } catch (RuntimeException e) {
            throw noImage(c, e);
        }
        if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
            throw noImage(c, null);
        }
        return new Coordinate(p[0], p[1]);
    }

    private IllegalArgumentException noImage(Coordinate c, RuntimeException cause) {
        return new IllegalArgumentException("cannot reproject query geometry from " + source + " to " + target
                + ": point (" + c.x + "," + c.y + ") has no image", cause);
    }
}
