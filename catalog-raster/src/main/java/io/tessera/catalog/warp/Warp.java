package io.tessera.catalog.warp;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reprojects and resamples a source raster onto one target pixel grid, the kernel behind tiling a
 * raster into a layout and building pyramid levels; its results follow {@code gdalwarp}'s
 * (docs/warp.md states the agreement measured and the known differences).
 *
 * <p>Each call reads exactly one window of the source: the bounding box of every source pixel the
 * target's pixels need, kernel margins included, clipped to the image. Calls share nothing, so
 * several threads may warp from one source at once if its {@link SourceRaster#readWindow} allows.
 */
public final class Warp {

    /** gdalwarp's tolerance when it truncates a source coordinate to a pixel index. */
    private static final double EPSILON = 1e-10;

    private Warp() {
    }

    /**
     * The target grid's pixels warped from {@code source}: same cell type and band count as the
     * source, NoData (or 0 for cell types without NoData) where no source data falls.
     *
     * @param source the raster to read
     * @param target the pixel grid to fill, in {@code targetCrs}
     * @param targetCrs the CRS of {@code target}; when it equals the source's no projection is used
     * @param method how to resample
     * @param errorThreshold the largest error, in source pixels, allowed when interpolating
     *     coordinates along a target row instead of projecting every pixel (gdalwarp's {@code -et},
     *     0.125 by default there); 0 projects every pixel exactly
     * @return the target tile, or empty when no target pixel received data
     * @throws IllegalArgumentException when the error threshold is negative or not finite
     */
    public static Optional<MultibandTile> warp(SourceRaster source, PixelGrid target, CRS targetCrs,
            ResampleMethod method, double errorThreshold) {
        Output out = resample(source, target, targetCrs, method, errorThreshold);
        return out == null || !out.any ? Optional.empty() : Optional.of(MultibandTile.of(out.bands));
    }

    /**
     * Warps {@code source} onto {@code target} like {@link #warp} and paints the result over
     * {@code onto} (one tile per band, of {@code target}'s size): cells the source covers are
     * replaced, the others left alone. This is how a mosaic stacks its inputs; unlike painting
     * over NoData, it also works for cell types without NoData, whose uncovered cells would
     * otherwise read as 0.
     *
     * @return whether any cell was painted
     */
    public static boolean paint(SourceRaster source, PixelGrid target, CRS targetCrs, ResampleMethod method,
            double errorThreshold, List<ArrayTile> onto) {
        if (onto.size() != source.bandCount()) {
            throw new IllegalArgumentException("painting " + source.bandCount() + " bands onto " + onto.size());
        }
        Output out = resample(source, target, targetCrs, method, errorThreshold);
        if (out == null || !out.any) {
            return false;
        }
        for (int b = 0; b < onto.size(); b++) {
            ArrayTile dst = onto.get(b);
            ArrayTile src = out.bands.get(b);
            boolean[] covered = out.covered;
            for (int i = 0; i < covered.length; i++) {
                if (covered[i]) {
                    dst.setRawBits(i, src.rawBits(i));
                }
            }
        }
        return true;
    }

    /**
     * {@code source} at half its resolution by AVERAGE: each cell the mean of the valid cells of the
     * 2 × 2 block under it, stored as {@link #warp} stores an average (integers rounded half up and
     * clamped). It is what {@link #warp} with AVERAGE gives for a target grid over the same extent
     * at half the resolution — exactly, where the footprint warp's geometry rounds its edge weights
     * a few ulps off 1 — without transforming a coordinate: the step of a zoomed pyramid (and of
     * {@code gdaladdo -r average}), where the footprint warp costs several times the arithmetic.
     *
     * @return the halved tile, or empty when no cell is valid
     * @throws IllegalArgumentException when the source has an odd number of columns or rows
     */
    public static Optional<MultibandTile> averageHalf(MultibandTile source) {
        int w = source.cols();
        if (w % 2 != 0 || source.rows() % 2 != 0) {
            throw new IllegalArgumentException("only a tile of even size halves, not " + w + "x" + source.rows());
        }
        int cols = w / 2;
        int rows = source.rows() / 2;
        Output out = new Output(source.cellType(), source.bandCount(), cols, rows);
        double[] block = new double[4];
        for (int b = 0; b < source.bandCount(); b++) {
            Tile t = source.band(b);
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int i = 2 * r * w + 2 * c;
                    block[0] = t.getDouble(i);
                    block[1] = t.getDouble(i + 1);
                    block[2] = t.getDouble(i + w);
                    block[3] = t.getDouble(i + w + 1);
                    double total = 0;
                    double count = 0;
                    for (double p : block) {
                        if (p == p) {
                            total += p;
                            count += 1;
                        }
                    }
                    out.set(b, r * cols + c, count > 0 ? total / count : Double.NaN);
                }
            }
        }
        return out.any ? Optional.of(MultibandTile.of(out.bands)) : Optional.empty();
    }

    private static Output resample(SourceRaster source, PixelGrid target, CRS targetCrs, ResampleMethod method,
            double errorThreshold) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetCrs, "targetCrs");
        Objects.requireNonNull(method, "method");
        if (!(errorThreshold >= 0) || Double.isInfinite(errorThreshold)) {
            throw new IllegalArgumentException("error threshold must be a finite number >= 0, got " + errorThreshold);
        }
        PixelTransform transform = new PixelTransform(source.grid(), source.crs(), target, targetCrs, errorThreshold);
        return method == ResampleMethod.AVERAGE || method == ResampleMethod.MODE
                ? footprintWarp(source, target, transform, method)
                : pointWarp(source, target, transform, method);
    }

    /** NEAREST, BILINEAR and CUBIC_CONVOLUTION: each target pixel samples around its centre's source position. */
    private static Output pointWarp(SourceRaster source, PixelGrid target, PixelTransform transform,
            ResampleMethod method) {
        int tc = target.cols();
        int tr = target.rows();
        int w = source.grid().cols();
        int h = source.grid().rows();
        double[] sx = new double[tc * tr];
        double[] sy = new double[tc * tr];
        for (int r = 0; r < tr; r++) {
            int off = r * tc;
            for (int c = 0; c < tc; c++) {
                sx[off + c] = c + 0.5;
                sy[off + c] = r + 0.5;
            }
            transform.row(sx, sy, off, tc);
        }
        int filterRadius = method == ResampleMethod.BILINEAR ? 1 : method == ResampleMethod.CUBIC_CONVOLUTION ? 2 : 0;
        double[] scale = filterRadius == 0 ? new double[] {1, 1} : scale(transform, tc, tr);
        int mx = filterRadius == 0 ? 0 : Kernels.radius(filterRadius, scale[0]) + 2;
        int my = filterRadius == 0 ? 0 : Kernels.radius(filterRadius, scale[1]) + 2;
        int c0 = Integer.MAX_VALUE;
        int c1 = -1;
        int r0 = Integer.MAX_VALUE;
        int r1 = -1;
        for (int i = 0; i < sx.length; i++) {
            double x = sx[i];
            double y = sy[i];
            if (!inside(x, w) || !inside(y, h)) {
                sx[i] = Double.NaN;
                continue;
            }
            int lx;
            int hx;
            int ly;
            int hy;
            if (filterRadius == 0) {
                lx = hx = centre(x, w);
                ly = hy = centre(y, h);
            } else {
                int fx = (int) Math.floor(x - 0.5);
                int fy = (int) Math.floor(y - 0.5);
                lx = fx - mx + 1;
                hx = fx + mx;
                ly = fy - my + 1;
                hy = fy + my;
            }
            c0 = Math.min(c0, lx);
            c1 = Math.max(c1, hx);
            r0 = Math.min(r0, ly);
            r1 = Math.max(r1, hy);
        }
        if (c1 < 0) {
            return null;
        }
        SourceWindow win = read(source, c0, c1, r0, r1);
        if (win == null) {
            return null;
        }
        Output out = new Output(source.cellType(), source.bandCount(), tc, tr);
        boolean unified = win.masked && source.bandCount() == 1;
        Kernels kernels = filterRadius == 0 ? null : new Kernels(win, filterRadius, scale[0], scale[1]);
        int bands = source.bandCount();
        for (int i = 0; i < sx.length; i++) {
            double x = sx[i];
            if (x != x) {
                continue;
            }
            double y = sy[i];
            int centre = win.index(centre(x, w), centre(y, h));
            // A single band with NoData shares its mask with the pixel: gdalwarp then skips target
            // pixels whose centre falls on NoData, whatever the kernel.
            if (unified && win.values[0][centre] != win.values[0][centre]) {
                continue;
            }
            for (int b = 0; b < bands; b++) {
                double[] v = win.values[b];
                switch (method) {
                    case NEAREST:
                        if (v[centre] == v[centre]) {
                            if (win.ints != null) {
                                out.setExact(b, i, win.ints[b][centre]);
                            } else {
                                out.setFloat(b, i, v[centre]);
                            }
                        }
                        break;
                    case BILINEAR:
                        out.set(b, i, kernels.bilinear(v, x, y));
                        break;
                    default:
                        out.set(b, i, kernels.cubic(v, x, y));
                        break;
                }
            }
        }
        return out;
    }

    /** AVERAGE and MODE: each target pixel gathers the source pixels under its footprint. */
    private static Output footprintWarp(SourceRaster source, PixelGrid target, PixelTransform transform,
            ResampleMethod method) {
        int tc = target.cols();
        int tr = target.rows();
        int w = source.grid().cols();
        int h = source.grid().rows();
        int n = tc * tr;
        // The footprint is the box spanned by the pixel's north-west and south-east corners, each
        // transformed along its own row as gdalwarp does (so approximations match too).
        double[] ax = new double[n];
        double[] ay = new double[n];
        double[] bx = new double[n];
        double[] by = new double[n];
        for (int r = 0; r < tr; r++) {
            int off = r * tc;
            for (int c = 0; c < tc; c++) {
                ax[off + c] = c;
                ay[off + c] = r;
                bx[off + c] = c + 1.0;
                by[off + c] = r + 1.0;
            }
            transform.row(ax, ay, off, tc);
            transform.row(bx, by, off, tc);
        }
        int[] box = new int[4 * n];
        int c0 = Integer.MAX_VALUE;
        int c1 = -1;
        int r0 = Integer.MAX_VALUE;
        int r1 = -1;
        for (int i = 0; i < n; i++) {
            if (!footprint(ax[i], bx[i], w, box, 4 * i) || !footprint(ay[i], by[i], h, box, 4 * i + 2)) {
                box[4 * i] = -1;
                continue;
            }
            c0 = Math.min(c0, box[4 * i]);
            c1 = Math.max(c1, box[4 * i + 1] - 1);
            r0 = Math.min(r0, box[4 * i + 2]);
            r1 = Math.max(r1, box[4 * i + 3] - 1);
        }
        if (c1 < 0 || r1 < 0) {
            return null;
        }
        SourceWindow win = read(source, c0, c1, r0, r1);
        if (win == null) {
            return null;
        }
        Output out = new Output(source.cellType(), source.bandCount(), tc, tr);
        Footprints kernels = new Footprints(win, source.cellType());
        int bands = source.bandCount();
        for (int i = 0; i < n; i++) {
            int k = 4 * i;
            if (box[k] < 0) {
                continue;
            }
            double xmin = Math.min(ax[i], bx[i]);
            double xmax = Math.max(ax[i], bx[i]);
            double ymin = Math.min(ay[i], by[i]);
            double ymax = Math.max(ay[i], by[i]);
            for (int b = 0; b < bands; b++) {
                if (method == ResampleMethod.AVERAGE) {
                    out.set(b, i, kernels.average(win.values[b], box[k], box[k + 1], box[k + 2], box[k + 3],
                            xmin, xmax, ymin, ymax));
                } else if (win.ints != null) {
                    if (kernels.intMode(b, box[k], box[k + 1], box[k + 2], box[k + 3])) {
                        out.setExact(b, i, kernels.modeInt());
                    }
                } else {
                    out.setFloat(b, i, kernels.valueMode(win.values[b], box[k], box[k + 1], box[k + 2], box[k + 3]));
                }
            }
        }
        return out;
    }

    /**
     * The source pixel span [min, max) of a footprint edge pair {@code a}, {@code b} (source pixel
     * coordinates of opposite corners), written at {@code box[at]}, {@code box[at+1]}; false when
     * the footprint is unusable: untransformable, more than a pixel beyond the image, or empty.
     */
    private static boolean footprint(double a, double b, int size, int[] box, int at) {
        if (a != a || b != b || a < -1 || b < -1 || a > size + 1 || b > size + 1) {
            return false;
        }
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        int min = Math.max((int) Math.floor(lo + EPSILON), 0);
        int max = Math.min((int) Math.ceil(hi - EPSILON), size);
        // A footprint narrower than a pixel still takes the pixel it lies in.
        if (min == max && max < size) {
            max++;
        }
        box[at] = min;
        box[at + 1] = max;
        return min < max;
    }

    /** True when a source pixel coordinate lies on the image along one axis (NaN is not). */
    private static boolean inside(double v, int size) {
        return v >= 0 && v + EPSILON <= size;
    }

    /** The pixel containing a source coordinate that passed {@link #inside}. */
    private static int centre(double v, int size) {
        int i = (int) (v + EPSILON);
        return i == size ? size - 1 : i;
    }

    /** Reads the window [c0, c1] x [r0, r1] clipped to the image, or null when that is empty. */
    private static SourceWindow read(SourceRaster source, int c0, int c1, int r0, int r1) {
        PixelGrid g = source.grid();
        int x0 = Math.max(c0, 0);
        int x1 = Math.min(c1, g.cols() - 1);
        int y0 = Math.max(r0, 0);
        int y1 = Math.min(r1, g.rows() - 1);
        if (x0 > x1 || y0 > y1) {
            return null;
        }
        MultibandTile tile = source.readWindow(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
        return new SourceWindow(tile, x0, y0, g.cols(), g.rows(), source.cellType());
    }

    /**
     * Target pixels per source pixel along x and y, which decides when the bilinear and cubic
     * kernels widen: the target's size over the extent, in source pixels, of 21 points along each
     * target edge (a 23 x 23 grid over the target when some edge point cannot be transformed), with
     * ratios within 0.05 of 1/n snapped to 1/n, as gdalwarp estimates it for a chunk that lies inside
     * the source. gdalwarp also clips that extent to the image, which makes its estimate depend on
     * how it chunks the target near the source's edges; this uses the unclipped extent everywhere.
     */
    static double[] scale(PixelTransform transform, int cols, int rows) {
        int steps = 21;
        double[] xs = new double[4 * steps];
        double[] ys = new double[4 * steps];
        for (int s = 0; s < steps; s++) {
            double f = s * (1.0 / (steps - 1));
            xs[4 * s] = f * cols;
            ys[4 * s] = 0;
            xs[4 * s + 1] = f * cols;
            ys[4 * s + 1] = rows;
            xs[4 * s + 2] = 0;
            ys[4 * s + 2] = f * rows;
            xs[4 * s + 3] = cols;
            ys[4 * s + 3] = f * rows;
        }
        transform.exact(xs, ys, 0, xs.length);
        boolean failed = false;
        for (double x : xs) {
            failed |= x != x;
        }
        if (failed) {
            int g = steps + 2;
            xs = new double[g * g];
            ys = new double[g * g];
            for (int j = 0; j < g; j++) {
                for (int i = 0; i < g; i++) {
                    xs[j * g + i] = i * (double) cols / (g - 1);
                    ys[j * g + i] = j * (double) rows / (g - 1);
                }
            }
            transform.exact(xs, ys, 0, xs.length);
        }
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] == xs[i]) {
                minX = Math.min(minX, xs[i]);
                maxX = Math.max(maxX, xs[i]);
                minY = Math.min(minY, ys[i]);
                maxY = Math.max(maxY, ys[i]);
            }
        }
        if (minX > maxX) {
            return new double[] {1, 1};
        }
        return new double[] {axisScale(minX, maxX, cols), axisScale(minY, maxY, rows)};
    }

    private static double axisScale(double min, double max, int targetSize) {
        double s = targetSize / (max - min);
        if (s < 1.0) {
            double reciprocal = 1.0 / s;
            int n = (int) (reciprocal + 0.5);
            if (Math.abs(reciprocal - n) < 0.05) {
                s = 1.0 / n;
            }
        }
        return s;
    }

    /** The target bands being filled, and whether any pixel got data. */
    private static final class Output {
        private final CellType cellType;
        private final List<ArrayTile> bands;
        private final boolean floating;
        private final int min;
        private final int max;
        private final boolean[] covered;
        private boolean any;

        Output(CellType cellType, int bandCount, int cols, int rows) {
            this.cellType = cellType;
            this.bands = new ArrayList<>(bandCount);
            for (int b = 0; b < bandCount; b++) {
                bands.add(ArrayTile.empty(cellType, cols, rows));
            }
            this.covered = new boolean[cols * rows];
            this.floating = cellType.isFloatingPoint();
            switch (cellType.dataType()) {
                case BOOL:
                    min = 0;
                    max = 1;
                    break;
                case INT8:
                    min = Byte.MIN_VALUE;
                    max = Byte.MAX_VALUE;
                    break;
                case UINT8:
                    min = 0;
                    max = 255;
                    break;
                case INT16:
                    min = Short.MIN_VALUE;
                    max = Short.MAX_VALUE;
                    break;
                case UINT16:
                    min = 0;
                    max = 65535;
                    break;
                default:
                    min = Integer.MIN_VALUE;
                    max = Integer.MAX_VALUE;
                    break;
            }
        }

        /** Stores an interpolated value (NaN: none): integers rounded half up and clamped, as gdalwarp does. */
        void set(int band, int i, double v) {
            if (v != v) {
                return;
            }
            if (floating) {
                setFloat(band, i, v);
                return;
            }
            int rounded = v < min ? min : v > max ? max : (int) Math.floor(v + 0.5);
            // A computed value that happens to equal NoData would read as NoData; gdalwarp nudges it.
            if (cellType.hasNoData() && rounded == (int) cellType.noDataValue()) {
                rounded = rounded == min ? min + 1 : rounded - 1;
            }
            bands.get(band).setInt(i, rounded);
            covered[i] = true;
            any = true;
        }

        /** Stores a source integer as it is. */
        void setExact(int band, int i, int v) {
            bands.get(band).setInt(i, v);
            covered[i] = true;
            any = true;
        }

        /** Stores a floating-point value (NaN: none). */
        void setFloat(int band, int i, double v) {
            if (v == v) {
                bands.get(band).setDouble(i, v);
                covered[i] = true;
                any = true;
            }
        }

    }
}
