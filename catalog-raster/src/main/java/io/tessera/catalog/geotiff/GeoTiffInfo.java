package io.tessera.catalog.geotiff;

import io.tessera.catalog.layout.CellSize;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.ProjectedExtent;
import io.tessera.catalog.model.TemporalProjectedExtent;
import io.tessera.catalog.raster.CellType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a GeoTIFF's header says: size, bands, cell type, georeferencing and time.
 *
 * @param file the file as given to {@link GeoTiff#open}
 * @param cols image width in pixels
 * @param rows image height in pixels
 * @param bandCount samples per pixel (an alpha or other extra sample counts as a band)
 * @param cellType the GeoTrellis cell type: the sample type with the GDAL NoData value when it fits
 *     the type, the raw type when there is none or it does not fit
 * @param extent the outer edges of the outer pixels, in CRS units; for PixelIsPoint files the tie
 *     point is a pixel centre, so the extent starts half a pixel before it, as GDAL reports it
 * @param crs the coordinate reference system from the GeoKeys
 * @param pixelIsPoint whether RasterTypeGeoKey says PixelIsPoint
 * @param noData the GDAL NoData value as written, if any (even when outside the type's range)
 * @param mask what else marks pixels without data: a GDAL internal mask or an alpha sample makes
 *     them NoData in every band, and when the file has no usable NoData value the cell type is the
 *     sample type's default NoData type
 * @param dateTime the TIFF DateTime tag (306) read as UTC, if present and well-formed
 * @param layout how the pixels are stored, for diagnostics and choosing read windows
 */
public record GeoTiffInfo(String file, int cols, int rows, int bandCount, CellType cellType, Extent extent, CRS crs,
        boolean pixelIsPoint, Optional<Double> noData, Mask mask, Optional<Instant> dateTime, Layout layout) {

    /** What marks the pixels that hold no data, besides the NoData value. */
    public enum Mask {
        /** Nothing: only cells equal to the NoData value. */
        NONE,
        /** GDAL's per-dataset internal mask: a 1-bit transparency mask image after the image (0 = no data). */
        MASK_IMAGE,
        /** An alpha sample (ExtraSamples 1 or 2): 0 = no data; the alpha band stays a band. */
        ALPHA_BAND
    }

    /**
     * The storage layout.
     *
     * @param tiled tiles (true) or strips (false)
     * @param segmentCols width of one tile, or the image width for strips
     * @param segmentRows height of one tile, or rows per strip
     * @param planar band-interleaved (PlanarConfiguration 2) rather than pixel-interleaved
     * @param compression the TIFF compression code
     * @param predictor the TIFF predictor (1 none, 2 horizontal, 3 floating point)
     * @param bigTiff whether the file is a BigTIFF
     */
    public record Layout(boolean tiled, int segmentCols, int segmentRows, boolean planar, int compression,
            int predictor, boolean bigTiff) {
    }

    public GeoTiffInfo {
        Objects.requireNonNull(cellType, "cellType");
        Objects.requireNonNull(extent, "extent");
        Objects.requireNonNull(crs, "crs");
        Objects.requireNonNull(noData, "noData");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(dateTime, "dateTime");
        Objects.requireNonNull(layout, "layout");
    }

    /** Width and height of one pixel in CRS units. */
    public CellSize cellSize() {
        return new CellSize(extent.width() / cols, extent.height() / rows);
    }

    /** The extent with its CRS. */
    public ProjectedExtent projectedExtent() {
        return new ProjectedExtent(extent, crs);
    }

    /**
     * The extent, CRS and instant of a space-time read: {@code instant} when the caller gives one
     * (an explicit choice wins), else the file's DateTime tag.
     *
     * @throws GeoTiffException when neither is there
     */
    public TemporalProjectedExtent temporalProjectedExtent(Optional<Instant> instant) {
        Instant t = instant.or(() -> dateTime)
                .orElseThrow(() -> new GeoTiffException(file, "has no DateTime tag (306); give the instant explicitly"));
        return new TemporalProjectedExtent(extent, crs, t.toEpochMilli());
    }
}
