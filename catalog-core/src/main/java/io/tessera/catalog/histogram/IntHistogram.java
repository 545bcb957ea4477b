package io.tessera.catalog.histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.tessera.catalog.format.LayerFormatException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact counts of integer values (GeoTrellis's {@code FastMapHistogram}, GeoPySpark's class
 * histogram). JSON: an array of {@code [value, count]} pairs. Not thread-safe while counting.
 */
public final class IntHistogram implements Histogram {

    private final TreeMap<Integer, long[]> counts = new TreeMap<>();
    private long total;

    /** Counts one occurrence of {@code value}. */
    public void countItem(int value) {
        countItem(value, 1);
    }

    /** Counts {@code count} occurrences of {@code value}. */
    public void countItem(int value, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        if (count > 0) {
            counts.computeIfAbsent(value, v -> new long[1])[0] += count;
            total += count;
        }
    }

    /** Adds every count of {@code other} to this histogram. */
    public IntHistogram merge(IntHistogram other) {
        other.counts.forEach((v, c) -> countItem(v, c[0]));
        return this;
    }

    /** How many times the integer {@code value} was counted. */
    public long itemCount(int value) {
        long[] c = counts.get(value);
        return c == null ? 0 : c[0];
    }

    /** Pairs {@code [value, count]}, ascending by value. */
    public long[][] binCounts() {
        long[][] out = new long[counts.size()][];
        int i = 0;
        for (Map.Entry<Integer, long[]> e : counts.entrySet()) {
            out[i++] = new long[] {e.getKey(), e.getValue()[0]};
        }
        return out;
    }

    private double[] labels() {
        return counts.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
    }

    private long[] countArray() {
        return counts.values().stream().mapToLong(c -> c[0]).toArray();
    }

    @Override
    public long totalCount() {
        return total;
    }

    @Override
    public double min() {
        return counts.isEmpty() ? Double.NaN : counts.firstKey();
    }

    @Override
    public double max() {
        return counts.isEmpty() ? Double.NaN : counts.lastKey();
    }

    @Override
    public double mean() {
        return Buckets.mean(labels(), countArray(), counts.size());
    }

    @Override
    public double median() {
        return Buckets.median(labels(), countArray(), counts.size(), total);
    }

    @Override
    public double mode() {
        return Buckets.mode(labels(), countArray(), counts.size());
    }

    @Override
    public double[] quantileBreaks(int n) {
        return Buckets.quantileBreaks(labels(), countArray(), counts.size(), total, n);
    }

    @Override
    public double[] values() {
        return labels();
    }

    @Override
    public long itemCount(double value) {
        return value == Math.rint(value) && Math.abs(value) <= Integer.MAX_VALUE ? itemCount((int) value) : 0;
    }

    @Override
    public int bucketCount() {
        return counts.size();
    }

    @Override
    public double[][] cdf() {
        return Buckets.cdf(labels(), countArray(), counts.size(), total);
    }

    @Override
    public JsonNode toJson() {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        counts.forEach((v, c) -> a.addArray().add(v).add(c[0]));
        return a;
    }

    /** Reads {@code [[value, count], ...]}. */
    public static IntHistogram fromJson(JsonNode json) {
        IntHistogram h = new IntHistogram();
        if (!json.isArray()) {
            throw new LayerFormatException("an integer histogram is a JSON array of [value,count] pairs, got " + json);
        }
        for (JsonNode pair : json) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).canConvertToInt() || !pair.get(1).isNumber()) {
                throw new LayerFormatException("integer histogram entry must be [value,count], got " + pair);
            }
            h.countItem(pair.get(0).intValue(), pair.get(1).longValue());
        }
        return h;
    }

    @Override
    public String toString() {
        return "IntHistogram" + Arrays.deepToString(binCounts());
    }
}
