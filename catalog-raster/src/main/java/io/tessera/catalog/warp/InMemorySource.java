package io.tessera.catalog.warp;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@link SourceRaster#of(MultibandTile, Extent, CRS)}: a tile in memory with its georeferencing. */
final class InMemorySource implements SourceRaster {

    private final MultibandTile tile;
    private final PixelGrid grid;
    private final CRS crs;

    InMemorySource(MultibandTile tile, Extent extent, CRS crs) {
        this.tile = Objects.requireNonNull(tile, "tile");
        this.grid = new PixelGrid(extent, tile.cols(), tile.rows());
        this.crs = Objects.requireNonNull(crs, "crs");
        for (Tile band : tile.bands()) {
            if (!band.cellType().equals(tile.cellType())) {
                throw new IllegalArgumentException("all bands of a warp source must share one cell type, got "
                        + tile.cellType() + " and " + band.cellType());
            }
        }
    }

    @Override
    public PixelGrid grid() {
        return grid;
    }

    @Override
    public CRS crs() {
        return crs;
    }

    @Override
    public CellType cellType() {
        return tile.cellType();
    }

    @Override
    public int bandCount() {
        return tile.bandCount();
    }

    @Override
    public MultibandTile readWindow(int col, int row, int cols, int rows) {
        if (cols <= 0 || rows <= 0 || col < 0 || row < 0
                || (long) col + cols > tile.cols() || (long) row + rows > tile.rows()) {
            throw new IllegalArgumentException("window " + cols + "x" + rows + " at (" + col + "," + row
                    + ") is not inside the " + tile.cols() + "x" + tile.rows() + " source tile");
        }
        if (col == 0 && row == 0 && cols == tile.cols() && rows == tile.rows()) {
            return tile;
        }
        List<Tile> views = new ArrayList<>(tile.bandCount());
        for (Tile band : tile.bands()) {
            views.add(new WindowView(band, col, row, cols, rows));
        }
        return MultibandTile.of(views);
    }

    /** A read-only window of another tile, so that reading a window copies nothing. */
    private static final class WindowView implements Tile {
        private final Tile base;
        private final int col0;
        private final int row0;
        private final int cols;
        private final int rows;

        WindowView(Tile base, int col0, int row0, int cols, int rows) {
            this.base = base;
            this.col0 = col0;
            this.row0 = row0;
            this.cols = cols;
            this.rows = rows;
        }

        private int baseIndex(int i) {
            return (row0 + i / cols) * base.cols() + col0 + i % cols;
        }

        @Override
        public int cols() {
            return cols;
        }

        @Override
        public int rows() {
            return rows;
        }

        @Override
        public CellType cellType() {
            return base.cellType();
        }

        @Override
        public int getInt(int i) {
            return base.getInt(baseIndex(i));
        }

        @Override
        public double getDouble(int i) {
            return base.getDouble(baseIndex(i));
        }

        @Override
        public boolean isNoData(int i) {
            return base.isNoData(baseIndex(i));
        }

        @Override
        public long rawBits(int i) {
            return base.rawBits(baseIndex(i));
        }
    }
}
