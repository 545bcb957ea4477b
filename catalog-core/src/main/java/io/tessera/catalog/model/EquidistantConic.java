package io.tessera.catalog.model;

import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.Projection;
import org.locationtech.proj4j.util.ProjectionMath;

/**
 * Equidistant conic ({@code +proj=eqdc}) on the ellipsoid or sphere (Snyder, Map Projections: A
 * Working Manual, §16): parallels at true distances along the meridians, from the origin latitude
 * {@code +lat_0}, with one or two standard parallels.
 */
final class EquidistantConic extends Projection {

    private double n;
    private double c;
    private double rho0;
    private double[] en;

    EquidistantConic() {
        name = "eqdc";
    }

    @Override
    public void initialize() {
        super.initialize();
        double phi1 = projectionLatitude1;
        double phi2 = projectionLatitude2;
        if (Math.abs(phi1 + phi2) < EPS10) {
            throw new IllegalArgumentException("equidistant conic: standard parallels +lat_1 and +lat_2 are opposite");
        }
        en = ProjectionMath.enfn(es);
        double sin1 = Math.sin(phi1);
        double cos1 = Math.cos(phi1);
        boolean secant = Math.abs(phi1 - phi2) >= EPS10;
        n = sin1;
        if (spherical) {
            if (secant) {
                n = (cos1 - Math.cos(phi2)) / (phi2 - phi1);
            }
            c = phi1 + cos1 / n;
            rho0 = c - projectionLatitude;
        } else {
            double m1 = ProjectionMath.msfn(sin1, cos1, es);
            double ml1 = ProjectionMath.mlfn(phi1, sin1, cos1, en);
            if (secant) {
                double sin2 = Math.sin(phi2);
                double cos2 = Math.cos(phi2);
                n = (m1 - ProjectionMath.msfn(sin2, cos2, es)) / (ProjectionMath.mlfn(phi2, sin2, cos2, en) - ml1);
            }
            c = ml1 + m1 / n;
            rho0 = c - meridianDistance(projectionLatitude);
        }
    }

    private double meridianDistance(double phi) {
        return spherical ? phi : ProjectionMath.mlfn(phi, Math.sin(phi), Math.cos(phi), en);
    }

    @Override
    protected ProjCoordinate project(double lam, double phi, ProjCoordinate out) {
        double rho = c - meridianDistance(phi);
        double theta = n * lam;
        out.x = rho * Math.sin(theta);
        out.y = rho0 - rho * Math.cos(theta);
        return out;
    }

    @Override
    protected ProjCoordinate projectInverse(double x, double y, ProjCoordinate out) {
        double dy = rho0 - y;
        double dx = x;
        double rho = Math.hypot(dx, dy);
        if (rho == 0) {
            out.x = 0;
            out.y = n > 0 ? ProjectionMath.HALFPI : -ProjectionMath.HALFPI;
            return out;
        }
        if (n < 0) {
            rho = -rho;
            dx = -dx;
            dy = -dy;
        }
        double phi = c - rho;
        out.y = spherical ? phi : ProjectionMath.inv_mlfn(phi, es, en);
        out.x = Math.atan2(dx, dy) / n;
        return out;
    }

    @Override
    public boolean hasInverse() {
        return true;
    }
}
