package io.tessera.catalog.warp;

/**
 * The interpolating kernels of one warp call, following gdalwarp's kernels (GDAL 3.6) closely
 * enough to give the same numbers: which pixels they weigh, how they treat image edges and NoData,
 * and even the order of the arithmetic where that decides a rounding.
 *
 * <p>Coordinates are fractional source pixel coordinates (pixel centres at +0.5); values come from
 * one band of a {@link SourceWindow} with NaN for NoData; NaN results mean "no value". Two families
 * exist because gdalwarp has two: when the window holds any NoData the masked variants weigh only
 * valid pixels and renormalise, otherwise the unmasked ones apply, which differ in edge handling
 * and summation order. Instances hold scratch arrays and are confined to one warp call.
 */
final class Kernels {

    private final SourceWindow w;
    private final int imageCols;
    private final int imageRows;
    private final double xScale;
    private final double yScale;
    private final int filterRadius;
    private final int xRadius;
    private final int yRadius;
    private final double[] weightsX;

    /**
     * @param filterRadius 1 for bilinear, 2 for cubic convolution
     * @param xScale target pixels per source pixel across, as gdalwarp estimates it for the whole target
     * @param yScale the same down
     */
    Kernels(SourceWindow w, int filterRadius, double xScale, double yScale) {
        this.w = w;
        this.imageCols = w.imageCols;
        this.imageRows = w.imageRows;
        this.filterRadius = filterRadius;
        this.xScale = xScale;
        this.yScale = yScale;
        this.xRadius = radius(filterRadius, xScale);
        this.yRadius = radius(filterRadius, yScale);
        this.weightsX = new double[2 * xRadius + 2];
    }

    /** The kernel half-width in source pixels: the filter's, widened by the downsampling ratio. */
    static int radius(int filterRadius, double scale) {
        return scale < 1.0 ? (int) Math.ceil(filterRadius / scale) : filterRadius;
    }

    /** True when gdalwarp would use its four-sample (bilinear) or sixteen-sample (cubic) formulas. */
    boolean fourSample() {
        return xScale >= 0.95 && yScale >= 0.95;
    }

    double bilinear(double[] v, double x, double y) {
        if (fourSample()) {
            return w.masked ? bilinearMasked(v, x, y) : bilinearPlain(v, x, y);
        }
        return w.masked ? generalMasked(v, x, y) : generalPlain(v, x, y);
    }

    double cubic(double[] v, double x, double y) {
        if (fourSample()) {
            return w.masked ? cubicMasked(v, x, y) : cubicPlain(v, x, y);
        }
        return w.masked ? generalMasked(v, x, y) : generalPlain(v, x, y);
    }

    private double px(double[] v, int col, int row) {
        return v[w.index(col, row)];
    }

    private double bilinearMasked(double[] v, double x, double y) {
        int ix = (int) Math.floor(x - 0.5);
        int iy = (int) Math.floor(y - 0.5);
        double rx = 1.5 - (x - ix);
        double ry = 1.5 - (y - iy);
        // Half a pixel outside the first centre, all weight goes to the first pixel.
        if (ix == -1) {
            ix = 0;
            rx = 1;
        }
        if (iy == -1) {
            iy = 0;
            ry = 1;
        }
        double acc = 0;
        double div = 0;
        boolean left = ix >= 0 && ix < imageCols;
        boolean right = ix + 1 >= 0 && ix + 1 < imageCols;
        if (iy >= 0 && iy < imageRows) {
            double m1 = rx * ry;
            double m2 = (1.0 - rx) * ry;
            if (left) {
                double p = px(v, ix, iy);
                if (p == p) {
                    div += m1;
                    acc += p * m1;
                }
            }
            if (right) {
                double p = px(v, ix + 1, iy);
                if (p == p) {
                    div += m2;
                    acc += p * m2;
                }
            }
        }
        if (iy + 1 >= 0 && iy + 1 < imageRows) {
            double m1 = rx * (1.0 - ry);
            double m2 = (1.0 - rx) * (1.0 - ry);
            if (left) {
                double p = px(v, ix, iy + 1);
                if (p == p) {
                    div += m1;
                    acc += p * m1;
                }
            }
            if (right) {
                double p = px(v, ix + 1, iy + 1);
                if (p == p) {
                    div += m2;
                    acc += p * m2;
                }
            }
        }
        if (div == 1.0) {
            return acc;
        }
        if (div < 0.00001) {
            return Double.NaN;
        }
        return acc / div;
    }

    private double bilinearPlain(double[] v, double x, double y) {
        int ix = (int) Math.floor(x - 0.5);
        int iy = (int) Math.floor(y - 0.5);
        double rx = 1.5 - (x - ix);
        double ry = 1.5 - (y - iy);
        if (ix >= 0 && ix + 1 < imageCols && iy >= 0 && iy + 1 < imageRows) {
            int i = w.index(ix, iy);
            int cols = w.cols;
            return (v[i] * rx + v[i + 1] * (1.0 - rx)) * ry
                    + (v[i + cols] * rx + v[i + cols + 1] * (1.0 - rx)) * (1.0 - ry);
        }
        double acc = 0;
        double div = 0;
        boolean left = ix >= 0 && ix < imageCols;
        boolean right = ix + 1 >= 0 && ix + 1 < imageCols;
        boolean top = iy >= 0 && iy < imageRows;
        boolean bottom = iy + 1 >= 0 && iy + 1 < imageRows;
        // gdalwarp's order: upper left, upper right, lower right, lower left.
        if (left && top) {
            double m = rx * ry;
            div += m;
            acc += px(v, ix, iy) * m;
        }
        if (right && top) {
            double m = (1.0 - rx) * ry;
            div += m;
            acc += px(v, ix + 1, iy) * m;
        }
        if (right && bottom) {
            double m = (1.0 - rx) * (1.0 - ry);
            div += m;
            acc += px(v, ix + 1, iy + 1) * m;
        }
        if (left && bottom) {
            double m = rx * (1.0 - ry);
            div += m;
            acc += px(v, ix, iy + 1) * m;
        }
        if (div < 0.00001) {
            return Double.NaN;
        }
        return div == 1.0 ? acc : acc / div;
    }

    /** Keys cubic convolution weights (a = -0.5) of the four pixels around a fractional offset {@code t}. */
    private static void cubicWeights(double t, double[] c) {
        double halfT = 0.5 * t;
        double threeT = 3.0 * t;
        double halfT2 = halfT * t;
        c[0] = halfT * (-1 + t * (2 - t));
        c[1] = 1 + halfT2 * (-5 + threeT);
        c[2] = halfT * (1 + t * (4 - threeT));
        c[3] = halfT2 * (-1 + t);
    }

    private final double[] cx = new double[4];
    private final double[] cy = new double[4];
    private final double[] rowValues = new double[4];

    /** The 16 samples, or false when one is NoData; {@code rowValues} gets the four row convolutions. */
    private boolean convolveRows(double[] v, int ix, int iy) {
        for (int j = 0; j < 4; j++) {
            int i = w.index(ix - 1, iy - 1 + j);
            double p0 = v[i];
            double p1 = v[i + 1];
            double p2 = v[i + 2];
            double p3 = v[i + 3];
            if (p0 != p0 || p1 != p1 || p2 != p2 || p3 != p3) {
                return false;
            }
            rowValues[j] = cx[0] * p0 + cx[1] * p1 + cx[2] * p2 + cx[3] * p3;
        }
        return true;
    }

    private double cubicMasked(double[] v, double x, double y) {
        // Truncation, not floor: gdalwarp's cubic kernels pick the base pixel that way.
        int ix = (int) (x - 0.5);
        int iy = (int) (y - 0.5);
        if (ix - 1 < 0 || ix + 2 >= imageCols || iy - 1 < 0 || iy + 2 >= imageRows) {
            return bilinearMasked(v, x, y);
        }
        cubicWeights(x - 0.5 - ix, cx);
        if (!convolveRows(v, ix, iy)) {
            // A NoData pixel in the 4x4 neighbourhood: gdalwarp falls back to bilinear.
            return bilinearMasked(v, x, y);
        }
        cubicWeights(y - 0.5 - iy, cy);
        return cy[0] * rowValues[0] + cy[1] * rowValues[1] + cy[2] * rowValues[2] + cy[3] * rowValues[3];
    }

    private double cubicPlain(double[] v, double x, double y) {
        int ix = (int) (x - 0.5);
        int iy = (int) (y - 0.5);
        if (ix - 1 < 0 || ix + 2 >= imageCols || iy - 1 < 0 || iy + 2 >= imageRows) {
            return bilinearPlain(v, x, y);
        }
        cubicWeights(x - 0.5 - ix, cx);
        convolveRows(v, ix, iy);
        double d = y - 0.5 - iy;
        double d2 = d * d;
        double d3 = d2 * d;
        double f0 = rowValues[0];
        double f1 = rowValues[1];
        double f2 = rowValues[2];
        double f3 = rowValues[3];
        return f1 + 0.5 * (d * (f2 - f0) + d2 * (2.0 * f0 - 5.0 * f1 + 4.0 * f2 - f3) + d3 * (3.0 * (f1 - f2) + f3 - f0));
    }

    private double filter(double t) {
        double a = Math.abs(t);
        if (filterRadius == 1) {
            return a <= 1.0 ? 1 - a : 0.0;
        }
        if (a <= 1.0) {
            return t * t * (1.5 * a - 2.5) + 1;
        }
        if (a <= 2.0) {
            return t * t * (-0.5 * a + 2.5) - 4 * a + 2;
        }
        return 0.0;
    }

    /** The first kernel offset: the window is asymmetric for even filter radii, as gdalwarp's. */
    private int firstOffset(int radius) {
        return ((filterRadius + 1) % 2) - radius;
    }

    /** The widened kernel of a downsampling warp over a window that holds NoData. */
    private double generalMasked(double[] v, double x, double y) {
        int ix = (int) Math.floor(x - 0.5);
        int iy = (int) Math.floor(y - 0.5);
        double dx = x - 0.5 - ix;
        double dy = y - 0.5 - iy;
        int j = firstOffset(yRadius);
        int jMax = yRadius;
        if (iy + j < 0) {
            j = -iy;
        }
        if (iy + jMax >= imageRows) {
            jMax = imageRows - iy - 1;
        }
        int iMin = firstOffset(xRadius);
        int iMax = xRadius;
        if (ix + iMin < 0) {
            iMin = -ix;
        }
        if (ix + iMax >= imageCols) {
            iMax = imageCols - ix - 1;
        }
        boolean xBelow1 = xScale < 1.0;
        boolean yBelow1 = yScale < 1.0;
        for (int i = iMin; i <= iMax; i++) {
            weightsX[i - iMin] = xBelow1 ? filter((i - dx) * xScale) : filter(i - dx);
        }
        double acc = 0;
        double accWeight = 0;
        for (; j <= jMax; j++) {
            int row = w.index(ix + iMin, iy + j);
            double rowAcc = 0;
            double rowWeight = 0;
            for (int i = iMin; i <= iMax; i++) {
                double p = v[row + i - iMin];
                if (p != p) {
                    continue;
                }
                double wx = weightsX[i - iMin];
                rowAcc += p * wx;
                rowWeight += wx;
            }
            double wy = yBelow1 ? filter((j - dy) * yScale) : filter(j - dy);
            acc += rowAcc * wy;
            accWeight += rowWeight * wy;
        }
        if (accWeight < 0.000001) {
            return Double.NaN;
        }
        return accWeight < 0.99999 || accWeight > 1.00001 ? acc / accWeight : acc;
    }

    /** The widened kernel of a downsampling warp over a window without NoData. */
    private double generalPlain(double[] v, double x, double y) {
        int ix = (int) Math.floor(x - 0.5);
        int iy = (int) Math.floor(y - 0.5);
        if (ix >= imageCols || iy >= imageRows || xRadius > imageCols || yRadius > imageRows) {
            return bilinearPlain(v, x, y);
        }
        double dx = x - 0.5 - ix;
        double dy = y - 0.5 - iy;
        double xs = Math.min(xScale, 1.0);
        double ys = Math.min(yScale, 1.0);
        int iMin = 1 - xRadius;
        if (ix + iMin < 0) {
            iMin = -ix;
        }
        int iMax = xRadius;
        if (ix + iMax >= imageCols - 1) {
            iMax = imageCols - 1 - ix;
        }
        double weightH = 0;
        for (int i = iMin; i <= iMax; i++) {
            double wx = filter((i - dx) * xs);
            weightsX[i - iMin] = wx;
            weightH += wx;
        }
        int j = 1 - yRadius;
        if (iy + j < 0) {
            j = -iy;
        }
        int jMax = yRadius;
        if (iy + jMax >= imageRows - 1) {
            jMax = imageRows - 1 - iy;
        }
        double acc = 0;
        double weightV = 0;
        for (; j <= jMax; j++) {
            int row = w.index(ix + iMin, iy + j);
            double rowAcc = 0;
            for (int i = iMin; i <= iMax; i++) {
                rowAcc += v[row + i - iMin] * weightsX[i - iMin];
            }
            double wy = filter((j - dy) * ys);
            acc += wy * rowAcc;
            weightV += wy;
        }
        return acc / (weightH * weightV);
    }
}
