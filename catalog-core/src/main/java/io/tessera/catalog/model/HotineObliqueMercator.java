package io.tessera.catalog.model;

import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.proj.ObliqueMercatorProjection;

/**
 * Hotine oblique Mercator ({@code +proj=omerc}) in both of PROJ's variants. proj4j 1.3 computes
 * variant A ({@code +no_uoff}: the skew grid's origin where the centre line crosses the equator of
 * the aposphere) as PROJ does but puts variant B's origin (at the projection centre, the default)
 * kilometres off. Variant B is variant A moved by the centre's skew coordinate u₀ along the
 * rectified grid (EPSG Guidance Note 7-2, method 9815), so this class computes u₀ and shifts.
 */
final class HotineObliqueMercator extends ObliqueMercatorProjection {

    private boolean centreOrigin = true;
    private double gammaDegrees = Double.NaN;
    /** Variant B minus variant A, in units of the semi-major axis. */
    private double shiftX;
    private double shiftY;

    @Override
    public void setNoUoff(boolean noUoff) {
        centreOrigin = !noUoff;
        super.setNoUoff(true);
    }

    @Override
    public void setGammaDegrees(double gamma) {
        gammaDegrees = gamma;
        super.setGammaDegrees(gamma);
    }

    @Override
    public void initialize() {
        double phi0 = projectionLatitude;
        double oneEs = 1 - es;
        double com = Math.sqrt(oneEs);
        double b;
        double a;
        double d;
        if (Math.abs(phi0) > EPS10) {
            double sin = Math.sin(phi0);
            double cos = Math.cos(phi0);
            double con = 1 - es * sin * sin;
            b = Math.sqrt(1 + es * cos * cos * cos * cos / oneEs);
            a = b * scaleFactor * com / con;
            d = b * com / (cos * Math.sqrt(con));
        } else {
            b = 1 / com;
            a = scaleFactor;
            d = 1;
        }
        // Without +gamma the grid is rectified by the azimuth itself, as in PROJ.
        double gamma = Double.isNaN(gammaDegrees) ? alpha : Math.toRadians(gammaDegrees);
        super.setGamma(gamma);
        super.setNoUoff(true);
        super.initialize();
        double u0 = 0;
        if (centreOrigin) {
            u0 = Math.abs(a / b * Math.atan(Math.sqrt(Math.max(d * d - 1, 0)) / Math.cos(alpha)));
            if (phi0 < 0) {
                u0 = -u0;
            }
        }
        shiftX = u0 * Math.sin(gamma);
        shiftY = u0 * Math.cos(gamma);
    }

    @Override
    public ProjCoordinate project(double lam, double phi, ProjCoordinate out) {
        super.project(lam, phi, out);
        out.x -= shiftX;
        out.y -= shiftY;
        return out;
    }

    @Override
    public ProjCoordinate projectInverse(double x, double y, ProjCoordinate out) {
        return super.projectInverse(x + shiftX, y + shiftY, out);
    }
}
