package io.tessera.catalog.histogram;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.format.LayerFormatException;

/**
 * A distribution of cell values, storable as a layer attribute in the JSON shapes GeoTrellis and
 * GeoPySpark use: {@link IntHistogram} (exact counts of integer values, a JSON array of
 * {@code [value, count]} pairs) and {@link StreamingHistogram} (approximate, a bounded number of
 * buckets, a JSON object).
 */
public sealed interface Histogram permits IntHistogram, StreamingHistogram {

    /** Number of values counted. */
    long totalCount();

    /** The smallest value counted, NaN when empty. */
    double min();

    /** The largest value counted, NaN when empty. */
    double max();

    /** The mean of the values, NaN when empty. */
    double mean();

    /**
     * The median: the middle value, or the mean of the two middle values for an even count
     * (approximate for a streaming histogram). NaN when empty.
     */
    double median();

    /** The most frequent value (the fullest bucket; the smallest on ties), NaN when empty. */
    double mode();

    /**
     * Upper bounds of {@code n} classes holding about equal counts: break {@code i} (1-based) is
     * the value of rank {@code ceil(i·N/n)}. Values 1, 2, 3, 4 four times each give {@code [1,2,3,4]}.
     */
    double[] quantileBreaks(int n);

    /** The distinct values (bucket labels), ascending. */
    double[] values();

    /** How many values equal {@code value} (for a streaming histogram: the count of that bucket label). */
    long itemCount(double value);

    /** Number of distinct values (buckets). */
    int bucketCount();

    /**
     * Pairs {@code [value, cumulative fraction]}, ascending: for 1, 2, 3, 4 four times each,
     * {@code (1,0.25), (2,0.5), (3,0.75), (4,1.0)}.
     */
    double[][] cdf();

    /** The GeoPySpark {@code to_dict} JSON of this histogram. */
    JsonNode toJson();

    /**
     * Reads either JSON form: an array is an {@link IntHistogram}, an object a
     * {@link StreamingHistogram}.
     *
     * @throws LayerFormatException when the JSON is neither
     */
    static Histogram fromJson(JsonNode json) {
        if (json != null && json.isArray()) {
            return IntHistogram.fromJson(json);
        }
        if (json != null && json.isObject()) {
            return StreamingHistogram.fromJson(json);
        }
        throw new LayerFormatException("a histogram is a JSON array of [value,count] pairs or an object with"
                + " 'maxBucketCount', got " + json);
    }
}
