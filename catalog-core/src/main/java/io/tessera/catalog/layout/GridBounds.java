package io.tessera.catalog.layout;

import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.SpatialKey;
import java.util.Optional;

/** An inclusive block of tile columns and rows. */
public record GridBounds(int colMin, int rowMin, int colMax, int rowMax) {

    public GridBounds {
        if (colMin > colMax || rowMin > rowMax) {
            throw new IllegalArgumentException(
                    "grid bounds min (" + colMin + "," + rowMin + ") is not <= max (" + colMax + "," + rowMax + ")");
        }
    }

    public int width() {
        return colMax - colMin + 1;
    }

    public int height() {
        return rowMax - rowMin + 1;
    }

    /** The overlap with {@code o}, or empty. */
    public Optional<GridBounds> intersection(GridBounds o) {
        int c0 = Math.max(colMin, o.colMin);
        int r0 = Math.max(rowMin, o.rowMin);
        int c1 = Math.min(colMax, o.colMax);
        int r1 = Math.min(rowMax, o.rowMax);
        return c0 <= c1 && r0 <= r1 ? Optional.of(new GridBounds(c0, r0, c1, r1)) : Optional.empty();
    }

    /** These bounds as spatial key bounds. */
    public KeyBounds<SpatialKey> toKeyBounds() {
        return new KeyBounds<>(new SpatialKey(colMin, rowMin), new SpatialKey(colMax, rowMax));
    }
}
