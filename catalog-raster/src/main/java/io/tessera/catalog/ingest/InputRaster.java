package io.tessera.catalog.ingest;

import io.tessera.catalog.geotiff.GeoTiff;
import io.tessera.catalog.layout.GridBounds;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.warp.SourceRaster;

/**
 * One opened input of an ingest: the file, where it lands in the target CRS and in the layout's
 * keys, and (for space-time ingests) at what instant.
 */
record InputRaster(GeoTiff tiff, SourceRaster raster, Extent footprint, long instant, GridBounds keys) {
}
