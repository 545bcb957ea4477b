package io.tessera.catalog.index;

import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.SpatialKey;

import java.util.List;
import java.util.Objects;

/**
 * GeoTrellis's {@code ZSpatialKeyIndex}: the Z-order ({@code Z2}) index of the key's absolute
 * column and row, col on the even bits and row on the odd bits.
 *
 * <p>The key bounds are only carried for the JSON and the file-name width; they do not affect
 * {@link #toIndex}. Column and row are masked to their low 31 bits, so every key has an index and
 * a negative column {@code c} shares the index of column {@code c + 2^31}; query ranges include
 * those aliased positions.
 */
public final class ZSpatialKeyIndex implements KeyIndex<SpatialKey> {

    private static final int BITS = 31;
    private static final Curve CURVE = new ZCurve(2, BITS);

    private final KeyBounds<SpatialKey> keyBounds;

    /** An index carrying {@code keyBounds}. */
    public ZSpatialKeyIndex(KeyBounds<SpatialKey> keyBounds) {
        this.keyBounds = Objects.requireNonNull(keyBounds, "keyBounds");
    }

    @Override
    public String type() {
        return "zorder";
    }

    @Override
    public KeyBounds<SpatialKey> keyBounds() {
        return keyBounds;
    }

    @Override
    public long toIndex(SpatialKey key) {
        return CURVE.index(new long[] {key.col() & 0x7FFFFFFFL, key.row() & 0x7FFFFFFFL});
    }

    @Override
    public List<IndexRange> indexRanges(KeyBounds<SpatialKey> query, int maxRanges) {
        SpatialKey min = query.minKey();
        SpatialKey max = query.maxKey();
        return CURVE.cover(new long[][] {
                Curve.modular(min.col(), max.col(), BITS),
                Curve.modular(min.row(), max.row(), BITS)}, maxRanges);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZSpatialKeyIndex other && keyBounds.equals(other.keyBounds);
    }

    @Override
    public int hashCode() {
        return keyBounds.hashCode();
    }

    @Override
    public String toString() {
        return "ZSpatialKeyIndex(" + keyBounds + ")";
    }
}
