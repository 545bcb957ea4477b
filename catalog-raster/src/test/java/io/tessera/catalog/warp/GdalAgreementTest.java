package io.tessera.catalog.warp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.gdal.Gdal;
import io.tessera.catalog.geotiff.GeoTiff;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Warp} against {@code gdalwarp} (GDAL 3.6.2) on the real test GeoTIFFs: every method, each
 * file onto web-mercator grids like two zoom levels of a tile layout, a geographic grid, and shifted
 * and rescaled grids in the file's own CRS; with exact projection ({@code -et 0}) and with the
 * approximate transformer at gdalwarp's default 0.125 pixels. Prints the measured agreement.
 */
class GdalAgreementTest {

    /** Web mercator: the world's half width and the resolution of zoom 0 (256-pixel tiles). */
    private static final double WORLD = 20037508.342789244;
    private static final double Z0_RES = 2 * WORLD / 256;

    @TempDir
    Path tmp;

    /** Comparisons run this many at a time: each is gdalwarp's process and a warp here, one core each at most. */
    private static final int PARALLEL = Math.max(2, Runtime.getRuntime().availableProcessors());

    private final AtomicLong outputs = new AtomicLong();

    @ParameterizedTest
    @ValueSource(strings = {"elevation.tif", "lc8-utm-1.tif", "multiband.tif", "aspect.tif", "test-time-tag.tif"})
    void agreesWithGdalwarp(String file) throws Exception {
        Path path = resource(file);
        List<Target> targets;
        try (GeoTiff tiff = GeoTiff.open(path)) {
            targets = targets(SourceRaster.of(tiff));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<String> failures = new ArrayList<>();
        try {
            List<Future<List<String>>> cases = new ArrayList<>();
            for (Target target : targets) {
                for (ResampleMethod method : ResampleMethod.values()) {
                    cases.add(pool.submit(() -> compareAll(path, file, target, method)));
                }
            }
            for (Future<List<String>> f : cases) {
                failures.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** One method onto one target, exact and approximate; returns the failures. */
    private List<String> compareAll(Path path, String file, Target target, ResampleMethod method) {
        List<String> failures = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        // A reader of its own: GeoTiff readers are not shared between threads.
        try (GeoTiff tiff = GeoTiff.open(path)) {
            SourceRaster source = SourceRaster.of(tiff);
            for (double et : new double[] {0, 0.125}) {
                Agreement a = compare(path, source, target, method, et);
                report.append(String.format(Locale.ROOT, "warp-agreement %-17s %-22s %-17s et=%-5s %s%n",
                        file, target.name, method, et, a));
                String failure = a.check(method, et, file.equals("test-time-tag.tif"));
                if (failure != null) {
                    failures.add(file + " " + target.name + " " + method + " et=" + et + ": " + failure);
                }
            }
        }
        System.out.print(report);
        return failures;
    }

    /** A target grid and how to name it to gdalwarp. */
    private record Target(String name, PixelGrid grid, CRS crs, String srs) {
    }

    private static List<Target> targets(SourceRaster source) {
        List<Target> out = new ArrayList<>();
        PixelGrid g = source.grid();
        Extent merc = bounds(source, CRS.WEB_MERCATOR);
        double nativeRes = Math.sqrt(area(merc) / ((double) g.cols() * g.rows()));
        // The zoom whose resolution is just finer than the source's, and the next coarser one.
        int zoom = Math.max(1, (int) Math.ceil(Math.log(Z0_RES / nativeRes) / Math.log(2)));
        out.add(mercatorZoom(merc, zoom));
        out.add(mercatorZoom(merc, zoom - 1));
        Extent core = shrink(merc, 0.1);
        for (int z : new int[] {zoom, zoom - 1}) {
            Target inside = mercatorInside(core, z);
            if (inside != null) {
                out.add(inside);
            }
        }
        Extent geo = bounds(source, CRS.LAT_LNG);
        double geoRes = Math.sqrt(area(geo) / ((double) g.cols() * g.rows()));
        out.add(snapped("EPSG:4326", CRS.LAT_LNG, geo, geoRes, -180, 90));
        Extent e = g.extent();
        double cw = g.cellWidth();
        double ch = g.cellHeight();
        // Same CRS, shifted by a fraction of a pixel and halved, then enlarged by 1.37 and shifted.
        Extent half = new Extent(e.xmin() + 0.3 * cw, e.ymin() - 0.2 * ch, e.xmax() + 0.3 * cw, e.ymax() - 0.2 * ch);
        out.add(new Target("same-crs/2", new PixelGrid(half, g.cols() / 2, g.rows() / 2), source.crs(), null));
        Extent big = new Extent(e.xmin() - 2.7 * cw, e.ymin() + 1.1 * ch, e.xmax() - 2.7 * cw, e.ymax() + 1.1 * ch);
        out.add(new Target("same-crs*1.37", new PixelGrid(big, (int) Math.round(g.cols() * 1.37),
                (int) Math.round(g.rows() * 1.37)), source.crs(), null));
        return out;
    }

    private static double area(Extent e) {
        return e.width() * e.height();
    }

    private static Extent shrink(Extent e, double f) {
        double dx = e.width() * f;
        double dy = e.height() * f;
        return new Extent(e.xmin() + dx, e.ymin() + dy, e.xmax() - dx, e.ymax() - dy);
    }

    /**
     * The part of a zoom level's pixel grid, in blocks of 16 pixels, that lies inside {@code e}: a
     * target gdalwarp warps in one chunk with the same kernel width as {@link Warp}.
     */
    private static Target mercatorInside(Extent e, int zoom) {
        double res = Z0_RES / Math.pow(2, zoom);
        double step = 16 * res;
        double xmin = -WORLD + Math.ceil((e.xmin() + WORLD) / step) * step;
        double xmax = -WORLD + Math.floor((e.xmax() + WORLD) / step) * step;
        double ymax = WORLD - Math.ceil((WORLD - e.ymax()) / step) * step;
        double ymin = WORLD - Math.floor((WORLD - e.ymin()) / step) * step;
        if (xmax <= xmin || ymax <= ymin) {
            return null;
        }
        PixelGrid g = new PixelGrid(new Extent(xmin, ymin, xmax, ymax), (int) Math.round((xmax - xmin) / res),
                (int) Math.round((ymax - ymin) / res));
        return new Target("EPSG:3857 z" + zoom + " inside", g, CRS.WEB_MERCATOR, "EPSG:3857");
    }

    /** The tile-aligned grid of a web-mercator zoom level that covers {@code e}. */
    private static Target mercatorZoom(Extent e, int zoom) {
        double res = Z0_RES / Math.pow(2, zoom);
        double tile = 256 * res;
        Target t = snapped("EPSG:3857", CRS.WEB_MERCATOR, e, tile, -WORLD, WORLD);
        Extent x = t.grid.extent();
        int cols = (int) Math.round(x.width() / res);
        int rows = (int) Math.round(x.height() / res);
        return new Target("EPSG:3857 z" + zoom, new PixelGrid(x, cols, rows), CRS.WEB_MERCATOR, "EPSG:3857");
    }

    /** The grid of {@code step}-sized cells aligned on (x0, y0) that covers {@code e}, one cell wider. */
    private static Target snapped(String name, CRS crs, Extent e, double step, double x0, double y0) {
        double xmin = x0 + (Math.floor((e.xmin() - x0) / step) - 1) * step;
        double xmax = x0 + (Math.ceil((e.xmax() - x0) / step) + 1) * step;
        double ymax = y0 - (Math.floor((y0 - e.ymax()) / step) - 1) * step;
        double ymin = y0 - (Math.ceil((y0 - e.ymin()) / step) + 1) * step;
        if (crs.isGeographic()) {
            ymax = Math.min(ymax, 90);
            ymin = Math.max(ymin, -90);
            xmin = Math.max(xmin, -180);
            xmax = Math.min(xmax, 180);
        } else {
            ymax = Math.min(ymax, WORLD);
            ymin = Math.max(ymin, -WORLD);
        }
        int cols = (int) Math.round((xmax - xmin) / step);
        int rows = (int) Math.round((ymax - ymin) / step);
        return new Target(name, new PixelGrid(new Extent(xmin, ymin, xmax, ymax), cols, rows), crs, name);
    }

    /** The extent of the source's outline (21 points an edge) in {@code crs}, clipped to where mercator is defined. */
    private static Extent bounds(SourceRaster source, CRS crs) {
        CRS.Transform t = source.crs().transformTo(crs);
        PixelGrid g = source.grid();
        double xmin = Double.POSITIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY;
        double xmax = Double.NEGATIVE_INFINITY;
        double ymax = Double.NEGATIVE_INFINITY;
        for (int s = 0; s <= 20; s++) {
            double f = s / 20.0;
            double[][] pts = {{f * g.cols(), 0}, {f * g.cols(), g.rows()}, {0, f * g.rows()}, {g.cols(), f * g.rows()}};
            for (double[] p : pts) {
                double x = g.x(p[0]);
                double y = g.y(p[1]);
                if (crs.equals(CRS.WEB_MERCATOR) && source.crs().isGeographic()) {
                    y = Math.max(-85.05, Math.min(85.05, y));
                }
                double[] q = t.apply(x, y);
                xmin = Math.min(xmin, q[0]);
                xmax = Math.max(xmax, q[0]);
                ymin = Math.min(ymin, q[1]);
                ymax = Math.max(ymax, q[1]);
            }
        }
        return new Extent(xmin, ymin, xmax, ymax);
    }

    private Agreement compare(Path path, SourceRaster source, Target target, ResampleMethod method, double et) {
        Path out = tmp.resolve("gdal-" + outputs.incrementAndGet() + ".tif");
        Extent e = target.grid.extent();
        List<String> args = new ArrayList<>(List.of("-q", "-overwrite", "-ovr", "NONE",
                "-te", num(e.xmin()), num(e.ymin()), num(e.xmax()), num(e.ymax()),
                "-ts", Integer.toString(target.grid.cols()), Integer.toString(target.grid.rows()),
                "-r", gdalName(method), "-et", num(et)));
        if (method == ResampleMethod.BILINEAR || method == ResampleMethod.CUBIC_CONVOLUTION) {
            // gdalwarp estimates the kernel width per chunk of the target, clipped to the source, so
            // near the source's edges it depends on its chunking; Warp uses the whole target's ratio.
            // Pinning gdalwarp to that ratio compares the kernels themselves.
            double[] scale = Warp.scale(new PixelTransform(source.grid(), source.crs(), target.grid, target.crs, 0),
                    target.grid.cols(), target.grid.rows());
            args.addAll(List.of("-wo", "XSCALE=" + num(scale[0]), "-wo", "YSCALE=" + num(scale[1])));
        }
        if (target.srs != null) {
            args.add("-t_srs");
            args.add(target.srs);
        }
        args.add(path.toString());
        args.add(out.toString());
        Gdal.run("gdalwarp", args.toArray(String[]::new));
        MultibandTile expected;
        try (GeoTiff g = GeoTiff.open(out)) {
            expected = g.read();
        }
        Optional<MultibandTile> actual = Warp.warp(source, target.grid, target.crs, method, et);
        return Agreement.of(expected, actual, source.cellType().isFloatingPoint());
    }

    private static String gdalName(ResampleMethod m) {
        switch (m) {
            case NEAREST:
                return "near";
            case BILINEAR:
                return "bilinear";
            case CUBIC_CONVOLUTION:
                return "cubic";
            case AVERAGE:
                return "average";
            default:
                return "mode";
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }

    private static Path resource(String name) {
        try {
            return Path.of(GdalAgreementTest.class.getResource("/geotiff/real/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource geotiff/real/" + name, e);
        }
    }

    /**
     * Cell-by-cell agreement over all bands: NoData masks, values within tolerance (integers within
     * 1, floats within 1e-3 relative) and identical values.
     */
    record Agreement(long cells, long maskAgree, long withinTolerance, long identical) {

        static Agreement of(MultibandTile expected, Optional<MultibandTile> actual, boolean floating) {
            long cells = 0;
            long mask = 0;
            long tol = 0;
            long same = 0;
            for (int b = 0; b < expected.bandCount(); b++) {
                Tile e = expected.band(b);
                Tile a = actual.isPresent() ? actual.get().band(b) : null;
                for (int i = 0; i < e.size(); i++) {
                    cells++;
                    boolean eNo = e.isNoData(i);
                    boolean aNo = a == null || a.isNoData(i);
                    double ev = e.getDouble(i);
                    double av = a == null ? Double.NaN : a.getDouble(i);
                    if (a == null && !e.cellType().hasNoData() && !floating) {
                        av = 0;
                        aNo = false;
                    }
                    if (eNo != aNo) {
                        continue;
                    }
                    mask++;
                    if (eNo || ev == av) {
                        tol++;
                        same++;
                    } else if (floating ? Math.abs(ev - av) <= 1e-3 * Math.max(1, Math.abs(ev)) : Math.abs(ev - av) <= 1) {
                        tol++;
                    }
                }
            }
            return new Agreement(cells, mask, tol, same);
        }

        double maskRate() {
            return (double) maskAgree / cells;
        }

        double toleranceRate() {
            return (double) withinTolerance / cells;
        }

        double identicalRate() {
            return (double) identical / cells;
        }

        /**
         * Null when the agreement meets the floors docs/warp.md states, else why not. The floors are
         * lower with the approximate transformer (its interpolation differs from gdalwarp's in
         * places, by up to the threshold) and for the whole-world geographic file, whose kernels
         * gdalwarp wraps across the antimeridian.
         */
        String check(ResampleMethod method, double et, boolean wholeWorld) {
            if (wholeWorld) {
                return toleranceRate() >= 0.65 ? null : "within tolerance " + pct(toleranceRate()) + " < 65%";
            }
            boolean exact = et == 0;
            switch (method) {
                case NEAREST: {
                    double floor = exact ? 0.999 : 0.998;
                    return identicalRate() >= floor ? null : "identical " + pct(identicalRate()) + " < " + pct(floor);
                }
                case BILINEAR:
                case CUBIC_CONVOLUTION: {
                    if (maskRate() < 0.999) {
                        return "NoData masks agree on " + pct(maskRate()) + " < 99.9%";
                    }
                    double floor = exact ? 0.999 : 0.96;
                    return toleranceRate() >= floor ? null : "within tolerance " + pct(toleranceRate()) + " < " + pct(floor);
                }
                default: {
                    double floor = exact ? 0.99 : 0.97;
                    return toleranceRate() >= floor ? null : "within tolerance " + pct(toleranceRate()) + " < " + pct(floor);
                }
            }
        }

        private static String pct(double r) {
            return String.format(Locale.ROOT, "%.3f%%", 100 * r);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "cells=%-8d mask=%-9s tol=%-9s identical=%s", cells, pct(maskRate()),
                    pct(toleranceRate()), pct(identicalRate()));
        }
    }
}
