package io.tessera.catalog.geotiff;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.raster.CellType;
import java.util.Objects;

/**
 * The shape of a GeoTIFF to write: image size, bands, cell type, georeferencing and TIFF tile size.
 *
 * @param cols image width in pixels
 * @param rows image height in pixels
 * @param bandCount samples per pixel
 * @param cellType the cell type of every band; its NoData value becomes the GDAL NoData tag
 * @param extent the outer edges of the outer pixels, in CRS units
 * @param crs the coordinate reference system written as GeoKeys
 * @param tileSize width and height of one TIFF tile, a positive multiple of 16 as the TIFF
 *     specification requires of tile dimensions
 */
public record GeoTiffSpec(int cols, int rows, int bandCount, CellType cellType, Extent extent, CRS crs, int tileSize) {

    /** The tile size GDAL uses for tiled GeoTIFFs, and what {@link #of} picks. */
    public static final int DEFAULT_TILE_SIZE = 256;

    public GeoTiffSpec {
        Objects.requireNonNull(cellType, "cellType");
        Objects.requireNonNull(extent, "extent");
        Objects.requireNonNull(crs, "crs");
        if (cols <= 0 || rows <= 0) {
            throw new IllegalArgumentException("a GeoTIFF needs at least one pixel, not " + cols + "x" + rows);
        }
        if (bandCount <= 0 || bandCount > 0xFFFF) {
            throw new IllegalArgumentException("band count " + bandCount + " is not in 1..65535");
        }
        if (tileSize <= 0 || tileSize % 16 != 0 || tileSize > 0x8000) {
            throw new IllegalArgumentException("tile size " + tileSize + " is not a multiple of 16 in 16..32768");
        }
        if (!(extent.width() > 0) || !(extent.height() > 0)) {
            throw new IllegalArgumentException("extent " + extent + " has no area, so it gives no pixel size");
        }
        if (cellType.dataType() == CellType.DataType.BOOL && bandCount > 1) {
            throw new IllegalArgumentException("bool cells are written as 1-bit samples, which only a single band"
                    + " may have; got " + bandCount + " bands");
        }
    }

    /** A spec with {@link #DEFAULT_TILE_SIZE} tiles. */
    public static GeoTiffSpec of(int cols, int rows, int bandCount, CellType cellType, Extent extent, CRS crs) {
        return new GeoTiffSpec(cols, rows, bandCount, cellType, extent, crs, DEFAULT_TILE_SIZE);
    }

    /** Tiles across the image. */
    int tilesAcross() {
        return (cols + tileSize - 1) / tileSize;
    }

    /** Tiles down the image. */
    int tilesDown() {
        return (rows + tileSize - 1) / tileSize;
    }
}
