package io.tessera.catalog.histogram;

/**
 * Statistics over sorted {@code (label, count)} buckets, shared by both histogram kinds so they
 * answer every question the same way.
 */
final class Buckets {

    private Buckets() {
    }

    static double mean(double[] labels, long[] counts, int size) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < size; i++) {
            sum += labels[i] * counts[i];
            n += counts[i];
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The label holding the value of 1-based rank {@code rank}. */
    static double atRank(double[] labels, long[] counts, int size, long rank) {
        long seen = 0;
        for (int i = 0; i < size; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return labels[i];
            }
        }
        return size == 0 ? Double.NaN : labels[size - 1];
    }

    static double median(double[] labels, long[] counts, int size, long total) {
        if (total == 0) {
            return Double.NaN;
        }
        double lower = atRank(labels, counts, size, (total + 1) / 2);
        return total % 2 == 1 ? lower : (lower + atRank(labels, counts, size, total / 2 + 1)) / 2;
    }

    static double mode(double[] labels, long[] counts, int size) {
        int best = -1;
        for (int i = 0; i < size; i++) {
            if (best < 0 || counts[i] > counts[best]) {
                best = i;
            }
        }
        return best < 0 ? Double.NaN : labels[best];
    }

    static double[] quantileBreaks(double[] labels, long[] counts, int size, long total, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("number of quantile classes must be positive, got " + n);
        }
        if (total == 0) {
            return new double[0];
        }
        double[] out = new double[n];
        for (int i = 1; i <= n; i++) {
            long rank = (long) Math.ceil((double) i * total / n);
            out[i - 1] = atRank(labels, counts, size, Math.max(1, rank));
        }
        return out;
    }

    static double[][] cdf(double[] labels, long[] counts, int size, long total) {
        double[][] out = new double[size][];
        long seen = 0;
        for (int i = 0; i < size; i++) {
            seen += counts[i];
            out[i] = new double[] {labels[i], (double) seen / total};
        }
        return out;
    }
}
