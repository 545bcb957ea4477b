package io.tessera.catalog.model;

import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.ProjectionException;
import org.locationtech.proj4j.proj.Projection;
import org.locationtech.proj4j.util.ProjectionMath;

/**
 * American polyconic ({@code +proj=poly}) on the ellipsoid or sphere (Snyder, Map Projections: A
 * Working Manual, §18): every parallel is the arc its own tangent cone gives, at its true distance
 * from {@code +lat_0} along the central meridian; the inverse solves for the latitude by
 * Newton-Raphson iteration.
 */
final class Polyconic extends Projection {

    private static final double TOLERANCE = 1e-10;
    private static final double CONVERGED = 1e-12;
    private static final int ITERATIONS = 20;

    private double ml0;
    private double[] en;

    Polyconic() {
        name = "poly";
    }

    @Override
    public void initialize() {
        super.initialize();
        en = ProjectionMath.enfn(es);
        ml0 = meridianDistance(projectionLatitude);
    }

    private double meridianDistance(double phi) {
        return spherical ? phi : ProjectionMath.mlfn(phi, Math.sin(phi), Math.cos(phi), en);
    }

    @Override
    protected ProjCoordinate project(double lam, double phi, ProjCoordinate out) {
        if (Math.abs(phi) <= TOLERANCE) {
            out.x = lam;
            out.y = -ml0;
            return out;
        }
        double sin = Math.sin(phi);
        double cos = Math.cos(phi);
        // The parallel's radius over its sine: N·cot(phi) on the ellipsoid, cot(phi) on the sphere.
        double radius = Math.abs(cos) > TOLERANCE ? ProjectionMath.msfn(sin, cos, es) / sin : 0;
        double e = lam * sin;
        out.x = radius * Math.sin(e);
        out.y = meridianDistance(phi) - ml0 + radius * (1 - Math.cos(e));
        return out;
    }

    @Override
    protected ProjCoordinate projectInverse(double x, double y, ProjCoordinate out) {
        double a = y + ml0;
        if (Math.abs(a) <= TOLERANCE) {
            out.x = x;
            out.y = 0;
            return out;
        }
        double b = a * a + x * x;
        double phi = a;
        int i = 0;
        for (; i < ITERATIONS; i++) {
            double sin = Math.sin(phi);
            double cos = Math.cos(phi);
            if (Math.abs(cos) < CONVERGED) {
                throw new ProjectionException("polyconic inverse: no convergence near a pole");
            }
            double halfSin2 = sin * cos;
            double w = Math.sqrt(1 - es * sin * sin);
            double k = sin * w / cos;
            double m = meridianDistance(phi);
            double mb = m * m + b;
            double dm = one_es / (w * w * w);
            double step = (m + m + k * mb - 2 * a * (k * m + 1))
                    / (es * halfSin2 * (mb - 2 * a * m) / k + 2 * (a - m) * (k * dm - 1 / halfSin2) - dm - dm);
            phi += step;
            if (Math.abs(step) <= CONVERGED) {
                break;
            }
        }
        if (i == ITERATIONS) {
            throw new ProjectionException("polyconic inverse: no convergence");
        }
        double sin = Math.sin(phi);
        out.x = Math.asin(x * Math.tan(phi) * Math.sqrt(1 - es * sin * sin)) / sin;
        out.y = phi;
        return out;
    }

    @Override
    public boolean hasInverse() {
        return true;
    }
}
