package io.tessera.catalog.ingest;

import io.tessera.catalog.geotiff.GeoTiffException;
import io.tessera.catalog.geotiff.GeoTiffInfo;
import io.tessera.catalog.layout.CellSize;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.ProjectedExtent;
import java.util.Optional;

/** Where an input lands in the target CRS, and at what resolution. */
final class Placement {

    private Placement() {
    }

    /**
     * The input's bounding box in {@code target}. Parts of the input the target CRS cannot
     * represent (latitudes beyond ±85.05° in Web Mercator) are cut off first, since a world-wide
     * lat/long raster is a common input for a Web Mercator layer.
     *
     * @throws GeoTiffException naming the file when no part of it can be projected
     */
    static Extent footprint(GeoTiffInfo info, CRS target) {
        try {
            return new ProjectedExtent(info.extent(), info.crs()).reproject(target);
        } catch (IllegalArgumentException direct) {
            Optional<Extent> valid = representable(info, target);
            if (valid.isPresent()) {
                try {
                    return new ProjectedExtent(valid.get(), info.crs()).reproject(target);
                } catch (IllegalArgumentException ignored) {
                    // Fall through to the original, more telling error.
                }
            }
            throw new GeoTiffException(info.file(), "cannot be projected to " + target + ": " + direct.getMessage());
        }
    }

    private static Optional<Extent> representable(GeoTiffInfo info, CRS target) {
        try {
            Extent world = new ProjectedExtent(ZoomedLayoutScheme.worldExtent(target), target).reproject(info.crs());
            return info.extent().intersection(world);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The cell size an input gets in {@code target}: its own when the CRS does not change;
     * otherwise square cells keeping the number of cells along the diagonal, as GDAL's suggested
     * warp output (and GeoTrellis's reprojection) choose them.
     */
    static CellSize cellSize(GeoTiffInfo info, Extent footprint, CRS target) {
        if (info.crs().equals(target)) {
            return info.cellSize();
        }
        double size = Math.hypot(footprint.width(), footprint.height()) / Math.hypot(info.cols(), info.rows());
        return new CellSize(size, size);
    }
}
