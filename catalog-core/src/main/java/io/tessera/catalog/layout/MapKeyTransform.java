package io.tessera.catalog.layout;

import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.SpatialKey;

/**
 * Converts between tile keys and map coordinates for one layout, with GeoTrellis's arithmetic
 * ({@code MapKeyTransform}) so that keys and extents agree to the last bit with catalogs it wrote.
 */
public final class MapKeyTransform {

    private final Extent extent;
    private final int layoutCols;
    private final int layoutRows;
    private final double tileWidth;
    private final double tileHeight;

    /** A transform for {@code layoutCols × layoutRows} tiles over {@code extent}. */
    public MapKeyTransform(Extent extent, int layoutCols, int layoutRows) {
        this.extent = extent;
        this.layoutCols = layoutCols;
        this.layoutRows = layoutRows;
        this.tileWidth = extent.width() / layoutCols;
        this.tileHeight = extent.height() / layoutRows;
    }

    /** The extent of tile {@code (col,row)}. */
    public Extent keyToExtent(int col, int row) {
        return new Extent(extent.xmin() + col * tileWidth, extent.ymax() - (row + 1) * tileHeight,
                extent.xmin() + (col + 1) * tileWidth, extent.ymax() - row * tileHeight);
    }

    /** The extent of a key's tile. */
    public Extent keyToExtent(SpatialKey key) {
        return keyToExtent(key.col(), key.row());
    }

    /** The extent covered by a block of tiles. */
    public Extent boundsToExtent(GridBounds b) {
        Extent nw = keyToExtent(b.colMin(), b.rowMin());
        Extent se = keyToExtent(b.colMax(), b.rowMax());
        return new Extent(nw.xmin(), se.ymin(), se.xmax(), nw.ymax());
    }

    /** The key of the tile holding the point; it may lie outside the layout. */
    public SpatialKey pointToKey(double x, double y) {
        int col = (int) Math.floor((x - extent.xmin()) / extent.width() * layoutCols);
        int row = (int) Math.floor((extent.ymax() - y) / extent.height() * layoutRows);
        return new SpatialKey(col, row);
    }

    /**
     * The tiles an extent covers, with north and west edges inclusive and east and south edges
     * exclusive (an extent equal to one tile's extent gives that tile only). The bounds are not
     * clipped to the layout.
     */
    public GridBounds extentToBounds(Extent e) {
        SpatialKey nw = pointToKey(e.xmin(), e.ymax());
        double dCol = (e.xmax() - extent.xmin()) / tileWidth;
        double dRow = (extent.ymax() - e.ymin()) / tileHeight;
        // GeoTrellis truncates (toInt), it does not floor; the two differ only left of or above the layout.
        int colMax = dCol == Math.floor(dCol) && dCol != nw.col() ? (int) dCol - 1 : (int) dCol;
        int rowMax = dRow == Math.floor(dRow) && dRow != nw.row() ? (int) dRow - 1 : (int) dRow;
        return new GridBounds(nw.col(), nw.row(), Math.max(colMax, nw.col()), Math.max(rowMax, nw.row()));
    }

    public Extent extent() {
        return extent;
    }

    public int layoutCols() {
        return layoutCols;
    }

    public int layoutRows() {
        return layoutRows;
    }

    /** Width of one tile in map units. */
    public double tileWidth() {
        return tileWidth;
    }

    /** Height of one tile in map units. */
    public double tileHeight() {
        return tileHeight;
    }
}
