package io.tessera.catalog.warp;

import io.tessera.catalog.geotiff.GeoTiff;
import io.tessera.catalog.geotiff.GeoTiffInfo;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import java.util.Objects;

/**
 * A georeferenced raster that {@link Warp} reads from: its grid, CRS, cell type and bands, and a way
 * to read one window of pixels. {@link Warp} reads exactly one window per call, so implementations
 * may decode lazily.
 */
public interface SourceRaster {

    /** The pixel grid in {@link #crs()} units. */
    PixelGrid grid();

    /** The coordinate reference system of {@link #grid()}. */
    CRS crs();

    /** The cell type of every band; target tiles have the same. */
    CellType cellType();

    /** The number of bands. */
    int bandCount();

    /**
     * The pixels of a window that lies inside {@link #grid()}.
     *
     * @throws IllegalArgumentException when the window is empty or not inside the grid
     */
    MultibandTile readWindow(int col, int row, int cols, int rows);

    /**
     * A source that reads windows of an open GeoTIFF. The caller keeps ownership: closing the
     * GeoTIFF is its job, after the last warp that uses this source.
     */
    static SourceRaster of(GeoTiff tiff) {
        Objects.requireNonNull(tiff, "tiff");
        GeoTiffInfo info = tiff.info();
        return windowed(new PixelGrid(info.extent(), info.cols(), info.rows()), info.crs(), info.cellType(),
                info.bandCount(), tiff::readWindow);
    }

    /** Reads one window of a raster's pixels, as {@link #readWindow}. */
    @FunctionalInterface
    interface Windows {
        MultibandTile read(int col, int row, int cols, int rows);
    }

    /** A source whose windows {@code windows} reads, such as a GeoTIFF's or a layer region's. */
    static SourceRaster windowed(PixelGrid grid, CRS crs, CellType cellType, int bandCount, Windows windows) {
        Objects.requireNonNull(windows, "windows");
        return new SourceRaster() {
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
                return cellType;
            }

            @Override
            public int bandCount() {
                return bandCount;
            }

            @Override
            public MultibandTile readWindow(int col, int row, int cols, int rows) {
                return windows.read(col, row, cols, rows);
            }
        };
    }

    /**
     * An in-memory source: {@code tile} covering {@code extent} in {@code crs}, as when the pyramid
     * downsamples a mosaic of child tiles. Windows are views of the tile, not copies.
     */
    static SourceRaster of(MultibandTile tile, Extent extent, CRS crs) {
        return new InMemorySource(tile, extent, crs);
    }
}
