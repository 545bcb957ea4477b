package io.tessera.catalog.benchmarks;

import io.tessera.catalog.index.HilbertSpaceTimeKeyIndex;
import io.tessera.catalog.index.HilbertSpatialKeyIndex;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.index.KeyIndex;
import io.tessera.catalog.index.RowMajorSpatialKeyIndex;
import io.tessera.catalog.index.TimeUnit;
import io.tessera.catalog.index.ZSpaceTimeKeyIndex;
import io.tessera.catalog.index.ZSpatialKeyIndex;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Query box → index ranges over a 2^20 × 2^20 key space (zoom 20), for an unaligned box that is
 * small (a city: 1,000 × 700 tiles) or huge (nearly the whole space). The range count is bounded by
 * the index's budget (65,536 by default), so the cost stays bounded however large the box.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
public class KeyIndexRangesBenchmark {

    private static final int MAX = (1 << 20) - 1;
    private static final long DAY = 86_400_000L;

    /** zorder, hilbert, rowmajor (spatial); zorder-st, hilbert-st (one year by day / 8 time bits). */
    @Param({"zorder", "hilbert", "rowmajor", "zorder-st", "hilbert-st"})
    public String index;

    /** {@code city}: 1,000 × 700 tiles; {@code huge}: (3,5)–(1,000,003, 999,999). */
    @Param({"city", "huge"})
    public String box;

    private KeyIndex<LayerKey> keyIndex;
    private KeyBounds<LayerKey> query;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        int c0 = box.equals("city") ? 531_234 : 3;
        int r0 = box.equals("city") ? 350_011 : 5;
        int c1 = box.equals("city") ? c0 + 999 : 1_000_003;
        int r1 = box.equals("city") ? r0 + 699 : 999_999;
        if (index.endsWith("-st")) {
            KeyBounds<SpaceTimeKey> all = new KeyBounds<>(new SpaceTimeKey(0, 0, 0), new SpaceTimeKey(MAX, MAX, 365 * DAY));
            keyIndex = (KeyIndex<LayerKey>) (KeyIndex<?>) (index.startsWith("zorder")
                    ? ZSpaceTimeKeyIndex.of(all, TimeUnit.DAYS, 1) : HilbertSpaceTimeKeyIndex.of(all, 8));
            query = (KeyBounds<LayerKey>) (KeyBounds<?>) new KeyBounds<>(new SpaceTimeKey(c0, r0, 30 * DAY),
                    new SpaceTimeKey(c1, r1, 60 * DAY));
        } else {
            KeyBounds<SpatialKey> all = new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(MAX, MAX));
            keyIndex = (KeyIndex<LayerKey>) (KeyIndex<?>) switch (index) {
                case "zorder" -> new ZSpatialKeyIndex(all);
                case "hilbert" -> HilbertSpatialKeyIndex.of(all);
                default -> new RowMajorSpatialKeyIndex(all);
            };
            query = (KeyBounds<LayerKey>) (KeyBounds<?>) new KeyBounds<>(new SpatialKey(c0, r0), new SpatialKey(c1, r1));
        }
    }

    @Benchmark
    public List<IndexRange> indexRanges() {
        return keyIndex.indexRanges(query);
    }
}
