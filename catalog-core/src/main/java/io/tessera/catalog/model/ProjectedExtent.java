package io.tessera.catalog.model;

import java.util.Objects;

/** An extent together with the CRS its coordinates are in. */
public record ProjectedExtent(Extent extent, CRS crs) {

    /** Points sampled along each edge when reprojecting, so curved edges are not cut short. */
    private static final int EDGE_SAMPLES = 20;

    public ProjectedExtent {
        Objects.requireNonNull(extent, "extent");
        Objects.requireNonNull(crs, "crs");
    }

    /**
     * The bounding box of this extent in {@code target}. Edges are sampled, not only corners,
     * because straight edges in one CRS are curves in another.
     *
     * @throws IllegalArgumentException when a sampled point cannot be projected
     */
    public Extent reproject(CRS target) {
        if (crs.equals(target)) {
            return extent;
        }
        CRS.Transform t = crs.transformTo(target);
        double xmin = Double.POSITIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= EDGE_SAMPLES; i++) {
            double f = (double) i / EDGE_SAMPLES;
            double x = extent.xmin() + f * extent.width();
            double y = extent.ymin() + f * extent.height();
            double[][] pts = {
                {x, extent.ymin()}, {x, extent.ymax()}, {extent.xmin(), y}, {extent.xmax(), y}
            };
            for (double[] p : pts) {
                double[] q = t.apply(p[0], p[1]);
                if (!Double.isFinite(q[0]) || !Double.isFinite(q[1])) {
                    throw new IllegalArgumentException("cannot reproject " + extent + " from " + crs + " to " + target
                            + ": point (" + p[0] + "," + p[1] + ") has no image");
                }
                xmin = Math.min(xmin, q[0]);
                ymin = Math.min(ymin, q[1]);
                xmax = Math.max(xmax, q[0]);
                ymax = Math.max(ymax, q[1]);
            }
        }
        return new Extent(xmin, ymin, xmax, ymax);
    }
}
