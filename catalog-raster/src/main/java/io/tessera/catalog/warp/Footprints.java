package io.tessera.catalog.warp;

import io.tessera.catalog.raster.CellType;

/**
 * The AVERAGE and MODE kernels: they gather the source pixels whose span [min, max) along each
 * axis a target pixel's footprint touches. Instances hold scratch arrays and are confined to one
 * warp call.
 */
final class Footprints {

    private final SourceWindow w;
    private final int[] histogram;
    private final int histogramOffset;
    private int[] touched = new int[16];
    private double[] entryValues = new double[16];
    private int[] entryInts = new int[16];
    private int[] entryCounts = new int[16];
    private int mode;

    Footprints(SourceWindow w, CellType cellType) {
        this.w = w;
        switch (cellType.dataType()) {
            case BOOL:
            case UINT8:
                histogram = new int[256];
                histogramOffset = 0;
                break;
            case INT8:
                histogram = new int[256];
                histogramOffset = 128;
                break;
            case UINT16:
                histogram = new int[65536];
                histogramOffset = 0;
                break;
            case INT16:
                histogram = new int[65536];
                histogramOffset = 32768;
                break;
            default:
                histogram = null;
                histogramOffset = 0;
                break;
        }
    }

    /**
     * The mean of the valid pixels of [x0, x1) x [y0, y1), each weighted by the part of it the
     * footprint [xmin, xmax] x [ymin, ymax] covers (the edge rows and columns partially, as gdalwarp
     * weighs them), or NaN when none is valid.
     */
    double average(double[] v, int x0, int x1, int y0, int y1, double xmin, double xmax, double ymin, double ymax) {
        double total = 0;
        double totalWeight = 0;
        for (int y = y0; y < y1; y++) {
            double wy = edgeWeight(y, y0, y1, ymin, ymax, 1.0);
            int row = w.index(x0, y);
            for (int x = x0; x < x1; x++) {
                double p = v[row + x - x0];
                if (p != p) {
                    continue;
                }
                double weight = edgeWeight(x, x0, x1, xmin, xmax, wy);
                totalWeight += weight;
                total += p * weight;
            }
        }
        return totalWeight > 0 ? total / totalWeight : Double.NaN;
    }

    private static double edgeWeight(int i, int first, int end, double min, double max, double base) {
        if (i == first) {
            return first + 1 == end ? base : base * (1 - (min - first));
        }
        if (i + 1 == end) {
            return base * (1 - (end - max));
        }
        return base;
    }

    /**
     * The most frequent valid integer of band {@code band} in [x0, x1) x [y0, y1), left in
     * {@link #modeInt()}; false when none is valid. Ties go to the value that reached the winning
     * count first in row-major order, as in gdalwarp.
     */
    boolean intMode(int band, int x0, int x1, int y0, int y1) {
        if (histogram == null) {
            return listMode(w.ints[band], w.values[band], x0, x1, y0, y1);
        }
        int[] ints = w.ints[band];
        double[] v = w.values[band];
        ensure((x1 - x0) * (y1 - y0));
        int n = 0;
        int best = 0;
        boolean found = false;
        int bestCount = 0;
        for (int y = y0; y < y1; y++) {
            int row = w.index(x0, y);
            for (int i = row, end = row + x1 - x0; i < end; i++) {
                if (v[i] != v[i]) {
                    continue;
                }
                int k = ints[i] + histogramOffset;
                touched[n++] = k;
                if (++histogram[k] > bestCount) {
                    bestCount = histogram[k];
                    best = ints[i];
                    found = true;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            histogram[touched[i]] = 0;
        }
        mode = best;
        return found;
    }

    /** The result of the last successful {@link #intMode}. */
    int modeInt() {
        return mode;
    }

    /**
     * The mode of floating-point values (NaN: none valid), counted as gdalwarp 3.6 counts values it
     * cannot bin: a list of (value, count) entries scanned in order, where a repeat that does not
     * overtake the current winner is also appended as a new entry. With distinct values this is the
     * first valid value; docs/warp.md discusses it.
     */
    double valueMode(double[] v, int x0, int x1, int y0, int y1) {
        ensure((x1 - x0) * (y1 - y0));
        int entries = 0;
        int best = -1;
        for (int y = y0; y < y1; y++) {
            int row = w.index(x0, y);
            for (int i = row, end = row + x1 - x0; i < end; i++) {
                double p = v[i];
                if (p != p) {
                    continue;
                }
                int e = 0;
                for (; e < entries; e++) {
                    if (entryValues[e] == p && ++entryCounts[e] > entryCounts[best]) {
                        best = e;
                        break;
                    }
                }
                if (e == entries) {
                    entryValues[entries] = p;
                    entryCounts[entries] = 1;
                    if (best < 0) {
                        best = entries;
                    }
                    entries++;
                }
            }
        }
        return best < 0 ? Double.NaN : entryValues[best];
    }

    /** {@link #valueMode} for int32 cells, comparing the integers exactly. */
    private boolean listMode(int[] ints, double[] v, int x0, int x1, int y0, int y1) {
        ensure((x1 - x0) * (y1 - y0));
        int entries = 0;
        int best = -1;
        for (int y = y0; y < y1; y++) {
            int row = w.index(x0, y);
            for (int i = row, end = row + x1 - x0; i < end; i++) {
                if (v[i] != v[i]) {
                    continue;
                }
                int p = ints[i];
                int e = 0;
                for (; e < entries; e++) {
                    if (entryInts[e] == p && ++entryCounts[e] > entryCounts[best]) {
                        best = e;
                        break;
                    }
                }
                if (e == entries) {
                    entryInts[entries] = p;
                    entryCounts[entries] = 1;
                    if (best < 0) {
                        best = entries;
                    }
                    entries++;
                }
            }
        }
        if (best < 0) {
            return false;
        }
        mode = entryInts[best];
        return true;
    }

    private void ensure(int n) {
        if (touched.length < n) {
            int size = Math.max(n, touched.length * 2);
            touched = new int[size];
            entryValues = new double[size];
            entryInts = new int[size];
            entryCounts = new int[size];
        }
    }
}
