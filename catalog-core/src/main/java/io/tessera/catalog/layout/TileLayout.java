package io.tessera.catalog.layout;

import java.io.Serializable;
/**
 * A grid of {@code layoutCols × layoutRows} tiles, each {@code tileCols × tileRows} cells, as
 * GeoTrellis's {@code TileLayout}. All four numbers are positive.
 */
public record TileLayout(int layoutCols, int layoutRows, int tileCols, int tileRows) implements Serializable {

    public TileLayout {
        if (layoutCols <= 0 || layoutRows <= 0 || tileCols <= 0 || tileRows <= 0) {
            throw new IllegalArgumentException("tile layout sizes must be positive, got layoutCols=" + layoutCols
                    + " layoutRows=" + layoutRows + " tileCols=" + tileCols + " tileRows=" + tileRows);
        }
    }

    /** Cells across the whole layout. */
    public long totalCols() {
        return (long) layoutCols * tileCols;
    }

    /** Cells down the whole layout. */
    public long totalRows() {
        return (long) layoutRows * tileRows;
    }
}
