package io.tessera.catalog.serve;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import java.util.Optional;

/**
 * The bounding box of an extent once carried into another CRS: its edges are sampled, since a
 * straight edge in one projection bends in another, and points the target cannot hold (beyond a
 * projection's domain) are left out.
 */
final class Footprint {

    private static final int SAMPLES_PER_EDGE = 16;

    private Footprint() {
    }

    static Optional<Extent> of(Extent e, CRS from, CRS to) {
        if (from.equals(to)) {
            return Optional.of(e);
        }
        CRS.Transform t = from.transformTo(to);
        double xmin = Double.POSITIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= SAMPLES_PER_EDGE; i++) {
            double f = (double) i / SAMPLES_PER_EDGE;
            double x = e.xmin() + f * e.width();
            double y = e.ymin() + f * e.height();
            double[][] points = {{x, e.ymin()}, {x, e.ymax()}, {e.xmin(), y}, {e.xmax(), y}};
            for (double[] p : points) {
                double[] q;
                try {
                    q = t.apply(p[0], p[1]);
                } catch (RuntimeException outsideTheProjection) {
                    continue;
                }
                if (Double.isFinite(q[0]) && Double.isFinite(q[1])) {
                    xmin = Math.min(xmin, q[0]);
                    ymin = Math.min(ymin, q[1]);
                    xmax = Math.max(xmax, q[0]);
                    ymax = Math.max(ymax, q[1]);
                }
            }
        }
        return xmin < xmax && ymin < ymax ? Optional.of(new Extent(xmin, ymin, xmax, ymax)) : Optional.empty();
    }
}
