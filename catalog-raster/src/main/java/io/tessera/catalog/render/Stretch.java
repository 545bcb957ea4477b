package io.tessera.catalog.render;

import io.tessera.catalog.histogram.Histogram;
import io.tessera.catalog.raster.Tile;
import java.util.Arrays;

/**
 * A map from cell values to positions 0..1: either histogram equalisation (equal shares of the
 * cells get equal shares of the range) or a linear stretch between two percentiles.
 */
final class Stretch {

    /** Classes of the equalisation: fine enough that the piecewise-linear map looks smooth. */
    static final int EQUALIZE_CLASSES = 256;

    /**
     * The distinct knot values, ascending, and their positions. Knot {@code x_i} ends class
     * {@code i} of {@code n}, which spans positions {@code (i-1)/n .. i/n} ({@code x_0}, the minimum,
     * ends none); a value that ends classes {@code a..b} owns their positions and sits in their
     * middle, so each distinct value of discrete data gets the middle of its share. Values between
     * knots are interpolated, which keeps the map continuous and monotone.
     */
    private final double[] values;
    private final double[] positions;

    private Stretch(double[] knots) {
        int n = knots.length - 1;
        double[] v = new double[knots.length];
        double[] p = new double[knots.length];
        int count = 0;
        for (int first = 0; first < knots.length; ) {
            int last = first;
            while (last + 1 < knots.length && knots[last + 1] == knots[first]) {
                last++;
            }
            v[count] = knots[first];
            p[count] = (Math.max(first, 1) - 1 + last) / 2.0 / Math.max(n, 1);
            count++;
            first = last + 1;
        }
        this.values = Arrays.copyOf(v, count);
        this.positions = Arrays.copyOf(p, count);
    }

    /**
     * Histogram equalisation: the minimum and the upper bounds of {@value #EQUALIZE_CLASSES}
     * equal-count classes are the knots.
     */
    static Stretch equalize(Histogram histogram) {
        if (histogram.totalCount() == 0) {
            return new Stretch(new double[0]);
        }
        double[] breaks = histogram.quantileBreaks(EQUALIZE_CLASSES);
        double[] knots = new double[breaks.length + 1];
        knots[0] = histogram.min();
        System.arraycopy(breaks, 0, knots, 1, breaks.length);
        // A streaming histogram's last break is a bucket's mean, below the true maximum.
        knots[knots.length - 1] = Math.max(knots[knots.length - 1], histogram.max());
        return new Stretch(knots);
    }

    /** Linear from the {@code fraction} quantile to the {@code 1 - fraction} quantile of a histogram. */
    static Stretch percentiles(Histogram histogram, int classes) {
        if (histogram.totalCount() == 0) {
            return new Stretch(new double[0]);
        }
        double[] breaks = histogram.quantileBreaks(classes);
        return new Stretch(new double[] {breaks[0], breaks[classes - 2]});
    }

    /** Linear from a histogram's minimum to its maximum. */
    static Stretch minMax(Histogram histogram) {
        return histogram.totalCount() == 0 ? new Stretch(new double[0])
                : new Stretch(new double[] {histogram.min(), histogram.max()});
    }

    /** The same as {@link #minMax(Histogram)}, from a band's cells. */
    static Stretch minMax(Tile band) {
        double[] sorted = sortedValues(band);
        return sorted.length == 0 ? new Stretch(sorted) : new Stretch(new double[] {sorted[0], sorted[sorted.length - 1]});
    }

    /** The same as {@link #equalize(Histogram)}, computed exactly from a band's cells. */
    static Stretch equalize(Tile band) {
        double[] sorted = sortedValues(band);
        if (sorted.length == 0) {
            return new Stretch(sorted);
        }
        double[] knots = new double[EQUALIZE_CLASSES + 1];
        knots[0] = sorted[0];
        for (int i = 1; i <= EQUALIZE_CLASSES; i++) {
            knots[i] = atClassEnd(sorted, i, EQUALIZE_CLASSES);
        }
        return new Stretch(knots);
    }

    /** The same as {@link #percentiles(Histogram, int)}, computed exactly from a band's cells. */
    static Stretch percentiles(Tile band, int classes) {
        double[] sorted = sortedValues(band);
        if (sorted.length == 0) {
            return new Stretch(sorted);
        }
        return new Stretch(new double[] {atClassEnd(sorted, 1, classes), atClassEnd(sorted, classes - 1, classes)});
    }

    /** The band's values that are not NoData, ascending. */
    private static double[] sortedValues(Tile band) {
        double[] values = new double[band.size()];
        int n = 0;
        for (int i = 0; i < band.size(); i++) {
            if (!band.isNoData(i)) {
                values[n++] = band.getDouble(i);
            }
        }
        double[] out = Arrays.copyOf(values, n);
        Arrays.sort(out);
        return out;
    }

    /** The upper bound of class {@code i} of {@code classes}, at rank {@code ceil(i·N/classes)} as {@link Histogram#quantileBreaks} ranks. */
    private static double atClassEnd(double[] sorted, int i, int classes) {
        long rank = (long) Math.ceil((double) i * sorted.length / classes);
        return sorted[(int) Math.max(1, rank) - 1];
    }

    /**
     * The position of a value, 0 at the minimum knot or below, 1 at the maximum or above; 0.5 for
     * every value when there is only one distinct knot or none.
     */
    double apply(double value) {
        int last = values.length - 1;
        if (last < 1) {
            return 0.5;
        }
        if (!(value > values[0])) {
            return 0;
        }
        if (value >= values[last]) {
            return 1;
        }
        int k = Arrays.binarySearch(values, value);
        double p;
        if (k >= 0) {
            p = positions[k];
        } else {
            int hi = -k - 1;
            int lo = hi - 1;
            p = positions[lo] + (value - values[lo]) / (values[hi] - values[lo]) * (positions[hi] - positions[lo]);
        }
        return (p - positions[0]) / (positions[last] - positions[0]);
    }
}
