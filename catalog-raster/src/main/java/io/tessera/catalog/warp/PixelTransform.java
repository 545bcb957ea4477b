package io.tessera.catalog.warp;

import io.tessera.catalog.model.CRS;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.Proj4jException;
import org.locationtech.proj4j.ProjCoordinate;

/**
 * Maps target pixel coordinates to source pixel coordinates: target grid → target map coordinates →
 * (proj4j, unless the CRSs are equal) source map coordinates → source grid.
 *
 * <p>Holds a proj4j transform and scratch coordinates, which are not thread-safe, so each warp
 * creates its own instance. A point that cannot be transformed comes back as NaN.
 */
final class PixelTransform {

    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();

    private final PixelGrid source;
    private final PixelGrid target;
    private final CoordinateTransform proj;
    private final double maxError;
    private final ProjCoordinate in = new ProjCoordinate();
    private final ProjCoordinate out = new ProjCoordinate();
    private final double[] sme = new double[6];

    PixelTransform(PixelGrid source, CRS sourceCrs, PixelGrid target, CRS targetCrs, double maxError) {
        this.source = source;
        this.target = target;
        this.proj = sourceCrs.equals(targetCrs) ? null : TRANSFORMS.createTransform(targetCrs.proj4j(), sourceCrs.proj4j());
        // An affine mapping is exactly linear along a row, so approximating it would only cost time.
        this.maxError = proj == null ? 0 : maxError;
    }

    /** True when no reprojection is involved, only the two grids' affine mappings. */
    boolean isAffine() {
        return proj == null;
    }

    /** Transforms points {@code [off, off+n)} in place, exactly. */
    void exact(double[] xs, double[] ys, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) {
            double x = target.x(xs[i]);
            double y = target.y(ys[i]);
            if (proj != null) {
                in.x = x;
                in.y = y;
                try {
                    proj.transform(in, out);
                    x = out.x;
                    y = out.y;
                } catch (Proj4jException | ArithmeticException e) {
                    x = Double.NaN;
                    y = Double.NaN;
                }
            }
            if (Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x) || Double.isInfinite(y)) {
                xs[i] = Double.NaN;
                ys[i] = Double.NaN;
            } else {
                xs[i] = source.col(x);
                ys[i] = source.row(y);
            }
        }
    }

    /**
     * Transforms one row of points {@code [off, off+n)} (equal y, increasing x) in place, with GDAL's
     * approximate transformer when the error threshold is positive: the first, middle and last points
     * are transformed exactly; when the middle lies within the threshold (in source pixels, |dx|+|dy|)
     * of the straight line between the ends, every point is interpolated on that line, otherwise both
     * halves are treated the same way. Rows of five points or fewer are transformed exactly.
     */
    void row(double[] xs, double[] ys, int off, int n) {
        if (maxError <= 0 || !approximable(xs, ys, off, n)) {
            exact(xs, ys, off, n);
            return;
        }
        int mid = off + (n - 1) / 2;
        int end = off + n - 1;
        double[] t = sme;
        t[0] = xs[off];
        t[1] = xs[mid];
        t[2] = xs[end];
        t[3] = ys[off];
        t[4] = ys[mid];
        t[5] = ys[end];
        transformThree(t);
        if (Double.isNaN(t[0]) || Double.isNaN(t[1]) || Double.isNaN(t[2])) {
            exact(xs, ys, off, n);
            return;
        }
        approximate(xs, ys, off, n, t[0], t[1], t[2], t[3], t[4], t[5]);
    }

    private static boolean approximable(double[] xs, double[] ys, int off, int n) {
        if (n <= 5) {
            return false;
        }
        int mid = off + (n - 1) / 2;
        int end = off + n - 1;
        return ys[off] == ys[end] && ys[off] == ys[mid] && xs[off] != xs[end] && xs[off] != xs[mid];
    }

    /** Transforms {x0,x1,x2,y0,y1,y2} in place. */
    private void transformThree(double[] t) {
        double[] x = {t[0], t[1], t[2]};
        double[] y = {t[3], t[4], t[5]};
        exact(x, y, 0, 3);
        t[0] = x[0];
        t[1] = x[1];
        t[2] = x[2];
        t[3] = y[0];
        t[4] = y[1];
        t[5] = y[2];
    }

    private void approximate(double[] xs, double[] ys, int off, int n, double sx0, double sx1, double sx2,
            double sy0, double sy1, double sy2) {
        int nMiddle = (n - 1) / 2;
        int mid = off + nMiddle;
        int end = off + n - 1;
        double span = xs[end] - xs[off];
        double slopeX = (sx2 - sx0) / span;
        double slopeY = (sy2 - sy0) / span;
        double midDist = xs[mid] - xs[off];
        double error = Math.abs(sx0 + slopeX * midDist - sx1) + Math.abs(sy0 + slopeY * midDist - sy1);
        if (error <= maxError) {
            double x0 = xs[off];
            for (int i = end; i >= off; i--) {
                double dist = xs[i] - x0;
                xs[i] = sx0 + slopeX * dist;
                ys[i] = sy0 + slopeY * dist;
            }
            return;
        }
        // Left part [off, off+nMiddle), right part [mid, end]: no overlap, as GDAL splits.
        int leftN = nMiddle;
        int rightN = n - nMiddle;
        int leftEnd = off + leftN - 1;
        int leftMid = off + (leftN - 1) / 2;
        int rightMid = mid + (rightN - 1) / 2;
        boolean leftExact = !approximable(xs, ys, off, leftN);
        boolean rightExact = !approximable(xs, ys, mid, rightN);
        double lmx = xs[leftMid];
        double lmy = ys[leftMid];
        double lex = xs[leftEnd];
        double ley = ys[leftEnd];
        double rmx = xs[rightMid];
        double rmy = ys[rightMid];
        double[] t = {lmx, lex, rmx, lmy, ley, rmy};
        transformThree(t);
        boolean ok = (leftExact || !Double.isNaN(t[0]) && !Double.isNaN(t[1])) && (rightExact || !Double.isNaN(t[2]));
        if (!ok) {
            leftExact = true;
            rightExact = true;
        }
        if (leftExact) {
            exact(xs, ys, off + 1, leftN - 1);
            xs[off] = sx0;
            ys[off] = sy0;
        } else {
            approximate(xs, ys, off, leftN, sx0, t[0], t[1], sy0, t[3], t[4]);
        }
        if (rightExact) {
            exact(xs, ys, mid + 1, rightN - 2);
            xs[mid] = sx1;
            ys[mid] = sy1;
            xs[end] = sx2;
            ys[end] = sy2;
        } else {
            approximate(xs, ys, mid, rightN, sx1, t[2], sx2, sy1, t[5], sy2);
        }
    }
}
