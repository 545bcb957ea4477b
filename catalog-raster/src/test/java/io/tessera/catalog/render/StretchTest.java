package io.tessera.catalog.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.histogram.IntHistogram;
import io.tessera.catalog.histogram.StreamingHistogram;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import org.junit.jupiter.api.Test;

class StretchTest {

    @Test
    void equalizationGivesEqualSharesEqualRangeAndMinMaxTheEnds() {
        IntHistogram h = new IntHistogram();
        for (int v = 1; v <= 4; v++) {
            h.countItem(v, 25);
        }
        Stretch s = Stretch.equalize(h);
        assertEquals(0, s.apply(1), 1e-12);
        assertEquals(1 / 3.0, s.apply(2), 1e-12);
        assertEquals(2 / 3.0, s.apply(3), 1e-12);
        assertEquals(1, s.apply(4), 1e-12);
        assertEquals(0, s.apply(-100), 0);
        assertEquals(1, s.apply(100), 0);
    }

    @Test
    void equalizationSpendsTheRangeWhereTheCellsAre() {
        // 90% of the cells in 0..89, 10% spread thinly up to 10000.
        IntHistogram h = new IntHistogram();
        for (int v = 0; v < 90; v++) {
            h.countItem(v, 10);
        }
        for (int v = 0; v < 100; v++) {
            h.countItem(100 + v * 99, 1);
        }
        Stretch s = Stretch.equalize(h);
        assertEquals(0, s.apply(0), 0);
        assertEquals(1, s.apply(9901), 0);
        assertEquals(0.9, s.apply(89.5), 0.01);
        assertEquals(0.45, s.apply(45), 0.01);
        double previous = -1;
        for (int v = 0; v <= 9901; v += 7) {
            double p = s.apply(v);
            assertTrue(p >= previous, "monotone at " + v);
            previous = p;
        }
    }

    @Test
    void equalizationFromCellsMatchesTheExactHistogram() {
        ArrayTile t = ArrayTile.empty(CellType.INT16, 50, 20);
        IntHistogram h = new IntHistogram();
        for (int i = 0; i < t.size(); i++) {
            int v = (i * 7919) % 613 - (i % 3 == 0 ? 400 : 0);
            t.setInt(i, v);
            h.countItem(v);
        }
        Stretch fromCells = Stretch.equalize(t);
        Stretch fromHistogram = Stretch.equalize(h);
        for (int v = -500; v < 700; v += 3) {
            assertEquals(fromHistogram.apply(v), fromCells.apply(v), 0, "at " + v);
        }
    }

    @Test
    void streamingHistogramMaximumIsTheTopEvenWhenBucketsAreMerged() {
        StreamingHistogram h = new StreamingHistogram(10);
        for (int i = 0; i < 1000; i++) {
            h.countItem(Math.sqrt(i));
        }
        Stretch s = Stretch.equalize(h);
        assertEquals(0, s.apply(0), 0);
        assertEquals(1, s.apply(Math.sqrt(999)), 0);
    }

    @Test
    void percentilesClipTwoPercentAtEachEnd() {
        IntHistogram h = new IntHistogram();
        for (int v = 1; v <= 100; v++) {
            h.countItem(v);
        }
        Stretch s = Stretch.percentiles(h, 50);
        assertEquals(0, s.apply(2), 0);
        assertEquals(0, s.apply(1), 0);
        assertEquals(1, s.apply(98), 0);
        assertEquals(1, s.apply(100), 0);
        assertEquals(0.5, s.apply(50), 0);
    }

    @Test
    void aConstantOrEmptyBandIsTheMiddle() {
        IntHistogram h = new IntHistogram();
        h.countItem(5, 10);
        assertEquals(0.5, Stretch.equalize(h).apply(5), 0);
        assertEquals(0.5, Stretch.equalize(new IntHistogram()).apply(5), 0);
        assertEquals(0.5, Stretch.percentiles(ArrayTile.empty(CellType.FLOAT32, 3, 3), 50).apply(1), 0);
    }
}
