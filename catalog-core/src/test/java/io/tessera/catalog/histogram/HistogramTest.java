package io.tessera.catalog.histogram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.format.LayerFormatException;
import io.tessera.catalog.format.LayerJson;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramTest {

    /** GeoPySpark's histogram_test fixture: four rows of 1.0, 2.0, 3.0, 4.0. */
    private static StreamingHistogram seed() {
        StreamingHistogram h = new StreamingHistogram();
        for (double v = 1; v <= 4; v++) {
            for (int i = 0; i < 4; i++) {
                h.countItem(v);
            }
        }
        return h;
    }

    @Test
    void seedStatistics() {
        StreamingHistogram h = seed();
        assertEquals(1.0, h.min());
        assertEquals(4.0, h.max());
        assertEquals(2.5, h.mean());
        assertEquals(2.5, h.median());
        assertArrayEquals(new double[] {1, 2, 3, 4}, h.quantileBreaks(4));
        assertArrayEquals(new double[][] {{1, 0.25}, {2, 0.5}, {3, 0.75}, {4, 1.0}}, h.cdf());
        assertEquals(4, h.bucketCount());
        assertArrayEquals(new double[] {1, 2, 3, 4}, h.values());
        assertEquals(4, h.itemCount(3.0));
        assertEquals(16, h.totalCount());
    }

    @Test
    void seedModeAndMerge() {
        StreamingHistogram h = new StreamingHistogram();
        double[][] rows = {{1, 3, 3, 3}, {2, 2, 2, 2}, {3, 3, 3, 3}, {4, 4, 4, 4}};
        for (double[] r : rows) {
            for (double v : r) {
                h.countItem(v);
            }
        }
        assertEquals(3.0, h.mode());
        StreamingHistogram ones = new StreamingHistogram();
        ones.countItem(1.0, 16);
        StreamingHistogram merged = seed().merge(ones);
        assertArrayEquals(new double[] {1, 2, 3, 4}, merged.values());
        assertEquals(1.75, merged.mean());
    }

    @Test
    void seedClassHistogram() {
        IntHistogram h = new IntHistogram();
        int[][] tile = {{1, 1, 1, 1}, {3, 1, 1, 1}, {4, 3, 1, 1}, {5, 4, 3, 1}};
        for (int[] r : tile) {
            for (int v : r) {
                h.countItem(v);
            }
        }
        assertArrayEquals(new long[][] {{1, 10}, {3, 3}, {4, 2}, {5, 1}}, h.binCounts());
        assertEquals("[[1,10],[3,3],[4,2],[5,1]]", LayerJson.toText(h.toJson()));
        Histogram back = Histogram.fromJson(h.toJson());
        assertInstanceOf(IntHistogram.class, back);
        assertArrayEquals(h.binCounts(), ((IntHistogram) back).binCounts());
        assertEquals(1.0, h.mode());
        assertEquals(10, h.itemCount(1.0));
    }

    @Test
    void streamingJsonRoundTripAndGeoTrellisShapes() {
        StreamingHistogram h = seed();
        String json = LayerJson.toText(h.toJson());
        assertEquals("{\"buckets\":[[1.0,4.0],[2.0,4.0],[3.0,4.0],[4.0,4.0]],\"maxBucketCount\":80,"
                + "\"minimum\":1.0,\"maximum\":4.0}", json);
        Histogram back = Histogram.fromJson(LayerJson.parse(json, "h"));
        assertEquals(h.mean(), back.mean());
        assertEquals(h.min(), back.min());
        assertArrayEquals(h.cdf(), back.cdf());
        assertEquals("{\"maxBucketCount\":80}", LayerJson.toText(new StreamingHistogram().toJson()));
        StreamingHistogram gt2 = (StreamingHistogram) Histogram.fromJson(LayerJson.parse(
                "{\"buckets\":[[1.5,10],[2.25,3]],\"maxBucketCount\":80,\"minimum\":1.5,\"maximum\":2.25}", "h"));
        assertEquals(13, gt2.totalCount());
        assertTrue(Double.isNaN(new StreamingHistogram().mean()));
    }

    @Test
    void bucketBudgetKeepsCountsAndMean() {
        Random r = new Random(42);
        StreamingHistogram h = new StreamingHistogram(20);
        double sum = 0;
        for (int i = 0; i < 10_000; i++) {
            double v = r.nextGaussian() * 10;
            sum += v;
            h.countItem(v);
        }
        assertEquals(20, h.bucketCount());
        assertEquals(10_000, h.totalCount());
        assertEquals(sum / 10_000, h.mean(), 1e-9, "merging buckets at their weighted mean keeps the mean");
        double[] v = h.values();
        for (int i = 1; i < v.length; i++) {
            assertTrue(v[i - 1] < v[i]);
        }
        assertTrue(h.min() <= v[0] && h.max() >= v[v.length - 1]);
        assertEquals(0.0, h.median(), 2.0, "a 20-bucket median of N(0,10) data lands within a fifth of sigma");
    }

    @Test
    void badJsonIsRejected() {
        assertThrows(LayerFormatException.class, () -> Histogram.fromJson(LayerJson.parse("3", "h")));
        assertThrows(LayerFormatException.class, () -> Histogram.fromJson(LayerJson.parse("[[1]]", "h")));
        assertThrows(LayerFormatException.class, () -> Histogram.fromJson(LayerJson.parse("{\"buckets\":[]}", "h")));
        assertThrows(IllegalArgumentException.class, () -> new StreamingHistogram(0));
        assertThrows(IllegalArgumentException.class, () -> seed().quantileBreaks(0));
    }
}
