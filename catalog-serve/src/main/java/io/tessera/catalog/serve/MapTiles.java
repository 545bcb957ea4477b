package io.tessera.catalog.serve;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.export.LayerRaster;
import io.tessera.catalog.layout.CellSize;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.ProjectedExtent;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.warp.PixelGrid;
import io.tessera.catalog.warp.ResampleMethod;
import io.tessera.catalog.warp.Warp;
import java.time.Instant;
import java.util.Optional;

/**
 * The cells of a Web Mercator map tile (z, x, y) of any layer. A layer stored in that very layout
 * at that zoom gives its own tile; any other zoom, layout or CRS is warped on the fly from the
 * coarsest stored zoom whose cells are no larger than the map tile's (the deepest one when the map
 * zooms past it), with nearest-neighbour resampling so that cell values stay the layer's own.
 */
final class MapTiles {

    static final int TILE_SIZE = 256;
    /** gdalwarp's default: interpolate coordinates along rows where that errs by under 1/8 pixel. */
    private static final double ERROR_THRESHOLD = 0.125;

    private final Catalog catalog;
    private final SizedCache<String, Optional<MultibandTile>> tiles;

    MapTiles(Catalog catalog, SizedCache<String, Optional<MultibandTile>> tiles) {
        this.catalog = catalog;
        this.tiles = tiles;
    }

    /**
     * {@code e} carried from one CRS into another, or empty where the target cannot hold it (a
     * map tile beyond a projection's domain, say).
     */
    static Optional<Extent> reproject(Extent e, CRS from, CRS to) {
        try {
            return Optional.of(new ProjectedExtent(e, from).reproject(to));
        } catch (RuntimeException outsideTheProjection) {
            // IllegalArgumentException for points without an image, proj4j's own exceptions for others.
            return Optional.empty();
        }
    }

    /** The map tile's extent in Web Mercator metres. */
    static Extent extent(int z, int x, int y) {
        return LayerDirectory.WEB_MERCATOR.levelForZoom(z).layout().mapTransform().keyToExtent(x, y);
    }

    /** The tile's cells, or empty where the layer has no data. */
    Optional<MultibandTile> tile(LayerSummary layer, int z, int x, int y, Optional<Instant> time) {
        Instant at = layer.keyType() == KeyType.SPACE_TIME ? time.orElse(layer.latest()) : null;
        String key = layer.name() + "/" + layer.version() + "/" + z + "/" + x + "/" + y + "/" + at;
        Optional<MultibandTile> hit = tiles.get(key);
        if (hit != null) {
            return hit;
        }
        Optional<MultibandTile> t = layer.webMercator() && layer.zooms().contains(z)
                ? catalog.readValue(layer.name(), z, key(x, y, at))
                : warped(layer, extent(z, x, y), Optional.ofNullable(at));
        tiles.put(key, t);
        return t;
    }

    private static LayerKey key(int col, int row, Instant at) {
        return at == null ? new SpatialKey(col, row) : new SpaceTimeKey(col, row, at.toEpochMilli());
    }

    private Optional<MultibandTile> warped(LayerSummary layer, Extent target, Optional<Instant> at) {
        TileLayerMetadata<?> any = layer.metadata(layer.maxZoom());
        CRS crs = any.crs();
        Optional<Extent> wanted = reproject(target, CRS.WEB_MERCATOR, crs);
        Optional<Extent> footprint = wanted.flatMap(f -> f.intersection(any.extent()));
        if (footprint.isEmpty()) {
            return Optional.empty();
        }
        int zoom = sourceZoom(layer, wanted.get().width() / TILE_SIZE);
        LayerRaster region;
        try {
            region = LayerRaster.open(catalog, layer.name(), zoom, footprint, at);
        } catch (IllegalArgumentException noDataThere) {
            return Optional.empty();
        }
        return Warp.warp(region.asSource(), new PixelGrid(target, TILE_SIZE, TILE_SIZE), CRS.WEB_MERCATOR,
                ResampleMethod.NEAREST, ERROR_THRESHOLD);
    }

    /** The coarsest zoom whose cells are at most {@code pixel} wide, else the finest. */
    static int sourceZoom(LayerSummary layer, double pixel) {
        for (int z : layer.zooms()) {
            CellSize cs = layer.metadata(z).layout().cellSize();
            if (cs.width() <= pixel * 1.0001) {
                return z;
            }
        }
        return layer.maxZoom();
    }
}
