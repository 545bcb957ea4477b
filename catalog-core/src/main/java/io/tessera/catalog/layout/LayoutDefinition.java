package io.tessera.catalog.layout;

import io.tessera.catalog.model.Extent;
import java.io.Serializable;
import java.util.Objects;

/**
 * A tile grid laid over a map extent: the layout a tiled layer is cut to. Row 0 is the north edge.
 *
 * @param extent the extent the whole grid covers
 * @param tileLayout the number of tiles and cells per tile
 */
public record LayoutDefinition(Extent extent, TileLayout tileLayout) implements Serializable {

    public LayoutDefinition {
        Objects.requireNonNull(extent, "extent");
        Objects.requireNonNull(tileLayout, "tileLayout");
        if (!(extent.width() > 0) || !(extent.height() > 0)) {
            throw new IllegalArgumentException("layout extent must have a positive area, got " + extent);
        }
    }

    /**
     * The layout anchored at the top-left of a raster grid and padded right and down to whole
     * tiles, as GeoTrellis's {@code LayoutDefinition(GridExtent, tileCols, tileRows)}.
     */
    public static LayoutDefinition covering(Extent extent, CellSize cellSize, int tileCols, int tileRows) {
        int layoutCols = (int) Math.ceil(extent.width() / cellSize.width() / tileCols);
        int layoutRows = (int) Math.ceil(extent.height() / cellSize.height() / tileRows);
        TileLayout tl = new TileLayout(Math.max(1, layoutCols), Math.max(1, layoutRows), tileCols, tileRows);
        Extent padded = new Extent(extent.xmin(), extent.ymax() - tl.totalRows() * cellSize.height(),
                extent.xmin() + tl.totalCols() * cellSize.width(), extent.ymax());
        return new LayoutDefinition(padded, tl);
    }

    /** Key ↔ map coordinate conversions for this layout. */
    public MapKeyTransform mapTransform() {
        return new MapKeyTransform(extent, tileLayout.layoutCols(), tileLayout.layoutRows());
    }

    /** The size of one cell. */
    public CellSize cellSize() {
        return new CellSize(extent.width() / tileLayout.totalCols(), extent.height() / tileLayout.totalRows());
    }

    public int tileCols() {
        return tileLayout.tileCols();
    }

    public int tileRows() {
        return tileLayout.tileRows();
    }

    public int layoutCols() {
        return tileLayout.layoutCols();
    }

    public int layoutRows() {
        return tileLayout.layoutRows();
    }

    /** All tiles of the layout. */
    public GridBounds gridBounds() {
        return new GridBounds(0, 0, tileLayout.layoutCols() - 1, tileLayout.layoutRows() - 1);
    }
}
