package io.tessera.catalog.histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.format.LayerFormatException;
import java.util.Arrays;

/**
 * An approximate histogram of floating-point values in at most {@code maxBucketCount} buckets
 * (Ben-Haim and Tom-Tov's streaming histogram, as GeoTrellis's {@code StreamingHistogram}): when a
 * new value would exceed the bucket budget, the two closest adjacent buckets (the leftmost pair on
 * ties) merge into one at their count-weighted mean. Exact while there are no more distinct values
 * than buckets. The true minimum and maximum are tracked apart from the buckets. Not thread-safe
 * while counting; merge per-thread histograms instead.
 */
public final class StreamingHistogram implements Histogram {

    /** GeoTrellis's default bucket budget. */
    public static final int DEFAULT_MAX_BUCKET_COUNT = 80;

    private final int maxBucketCount;
    private double[] labels;
    private long[] counts;
    private int size;
    private long total;
    private double minimum = Double.NaN;
    private double maximum = Double.NaN;

    /** An empty histogram with 80 buckets. */
    public StreamingHistogram() {
        this(DEFAULT_MAX_BUCKET_COUNT);
    }

    /** An empty histogram with the given bucket budget. */
    public StreamingHistogram(int maxBucketCount) {
        if (maxBucketCount < 1) {
            throw new IllegalArgumentException("maxBucketCount must be positive, got " + maxBucketCount);
        }
        this.maxBucketCount = maxBucketCount;
        this.labels = new double[maxBucketCount + 1];
        this.counts = new long[maxBucketCount + 1];
    }

    /** Counts one occurrence of {@code value}; NaN is ignored (it is NoData). */
    public void countItem(double value) {
        countItem(value, 1);
    }

    /** Counts {@code count} occurrences of {@code value}; NaN is ignored. */
    public void countItem(double value, long count) {
        if (Double.isNaN(value) || count == 0) {
            return;
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        total += count;
        minimum = Double.isNaN(minimum) ? value : Math.min(minimum, value);
        maximum = Double.isNaN(maximum) ? value : Math.max(maximum, value);
        int i = Arrays.binarySearch(labels, 0, size, value);
        if (i >= 0) {
            counts[i] += count;
            return;
        }
        int at = -i - 1;
        System.arraycopy(labels, at, labels, at + 1, size - at);
        System.arraycopy(counts, at, counts, at + 1, size - at);
        labels[at] = value;
        counts[at] = count;
        size++;
        if (size > maxBucketCount) {
            mergeClosestPair();
        }
    }

    private void mergeClosestPair() {
        int best = 0;
        double bestGap = Double.POSITIVE_INFINITY;
        for (int i = 0; i + 1 < size; i++) {
            double gap = labels[i + 1] - labels[i];
            if (gap < bestGap) {
                bestGap = gap;
                best = i;
            }
        }
        long c = counts[best] + counts[best + 1];
        labels[best] = (labels[best] * counts[best] + labels[best + 1] * counts[best + 1]) / c;
        counts[best] = c;
        System.arraycopy(labels, best + 2, labels, best + 1, size - best - 2);
        System.arraycopy(counts, best + 2, counts, best + 1, size - best - 2);
        size--;
    }

    /** Adds every bucket of {@code other} into this histogram. */
    public StreamingHistogram merge(StreamingHistogram other) {
        for (int i = 0; i < other.size; i++) {
            countItem(other.labels[i], other.counts[i]);
        }
        if (!Double.isNaN(other.minimum)) {
            minimum = Double.isNaN(minimum) ? other.minimum : Math.min(minimum, other.minimum);
            maximum = Double.isNaN(maximum) ? other.maximum : Math.max(maximum, other.maximum);
        }
        return this;
    }

    /** The bucket budget. */
    public int maxBucketCount() {
        return maxBucketCount;
    }

    @Override
    public long totalCount() {
        return total;
    }

    @Override
    public double min() {
        return minimum;
    }

    @Override
    public double max() {
        return maximum;
    }

    @Override
    public double mean() {
        return Buckets.mean(labels, counts, size);
    }

    @Override
    public double median() {
        return Buckets.median(labels, counts, size, total);
    }

    @Override
    public double mode() {
        return Buckets.mode(labels, counts, size);
    }

    @Override
    public double[] quantileBreaks(int n) {
        return Buckets.quantileBreaks(labels, counts, size, total, n);
    }

    @Override
    public double[] values() {
        return Arrays.copyOf(labels, size);
    }

    @Override
    public long itemCount(double value) {
        int i = Arrays.binarySearch(labels, 0, size, value);
        return i >= 0 ? counts[i] : 0;
    }

    @Override
    public int bucketCount() {
        return size;
    }

    @Override
    public double[][] cdf() {
        return Buckets.cdf(labels, counts, size, total);
    }

    /** {@code {"buckets":[[label,count],…],"maxBucketCount":n,"minimum":…,"maximum":…}}; counts as doubles, as GeoTrellis 3.x. */
    @Override
    public JsonNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        if (size > 0) {
            ArrayNode b = o.putArray("buckets");
            for (int i = 0; i < size; i++) {
                b.addArray().add(labels[i]).add((double) counts[i]);
            }
        }
        o.put("maxBucketCount", maxBucketCount);
        if (size > 0) {
            o.put("minimum", minimum);
            o.put("maximum", maximum);
        }
        return o;
    }

    /** Reads the object form; GeoTrellis 2.x integer counts and 3.x double counts are both accepted. */
    public static StreamingHistogram fromJson(JsonNode json) {
        JsonNode m = json.get("maxBucketCount");
        if (m == null || !m.canConvertToInt() || m.intValue() < 1) {
            throw new LayerFormatException("streaming histogram needs a positive 'maxBucketCount', got " + json);
        }
        StreamingHistogram h = new StreamingHistogram(m.intValue());
        JsonNode buckets = json.get("buckets");
        if (buckets == null) {
            return h;
        }
        for (JsonNode pair : buckets) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isNumber() || !pair.get(1).isNumber()) {
                throw new LayerFormatException("histogram bucket must be [label,count], got " + pair);
            }
            h.countItem(pair.get(0).doubleValue(), Math.round(pair.get(1).doubleValue()));
        }
        JsonNode min = json.get("minimum");
        JsonNode max = json.get("maximum");
        if (min != null && min.isNumber() && max != null && max.isNumber()) {
            h.minimum = min.doubleValue();
            h.maximum = max.doubleValue();
        }
        return h;
    }

    @Override
    public String toString() {
        return "StreamingHistogram(" + size + " buckets, n=" + total + ", min=" + minimum + ", max=" + maximum + ")";
    }
}
