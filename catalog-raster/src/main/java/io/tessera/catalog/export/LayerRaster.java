package io.tessera.catalog.export;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.exceptions.LayerNotFoundException;
import io.tessera.catalog.layout.CellSize;
import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import io.tessera.catalog.warp.PixelGrid;
import io.tessera.catalog.warp.SourceRaster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One zoom of a layer seen as a single raster over a region: the region snapped outward to the
 * layer's pixel grid, read window by window from the tiles under it. Windows are assembled from
 * {@link Catalog#readValue} with a small cache of recent tiles, so an exporter walking the region
 * row by row reads each tile about once and never holds the region in memory. Safe for several
 * threads.
 */
public final class LayerRaster {

    /** Fraction of a cell within which a region edge counts as lying on a grid line. */
    private static final double SNAP = 1e-6;

    private final Catalog catalog;
    private final String name;
    private final int zoom;
    private final TileLayerMetadata<?> metadata;
    private final PixelGrid grid;
    private final long originCol;
    private final long originRow;
    private final int bandCount;
    private final Optional<Long> instant;
    private final Map<LayerKey, Optional<MultibandTile>> cache;
    private final int cacheSize;

    private LayerRaster(Catalog catalog, String name, int zoom, TileLayerMetadata<?> md, PixelGrid grid, long originCol,
            long originRow, int bandCount, Optional<Long> instant) {
        this.catalog = catalog;
        this.name = name;
        this.zoom = zoom;
        this.metadata = md;
        this.grid = grid;
        this.originCol = originCol;
        this.originRow = originRow;
        this.bandCount = bandCount;
        this.instant = instant;
        int tilesAcross = grid.cols() / md.layout().tileCols() + 2;
        this.cacheSize = Math.max(16, 3 * tilesAcross);
        this.cache = new LinkedHashMap<>(cacheSize, 0.75f, true);
    }

    /**
     * The layer {@code name} at {@code zoom} over {@code region} (in the layer's CRS; empty for the
     * whole data extent), at {@code time} for space-time layers.
     *
     * @throws LayerNotFoundException when the layer or zoom does not exist
     * @throws IllegalArgumentException when the region misses the layer's data, or a space-time
     *     layer with several instants is given no time
     */
    public static LayerRaster open(Catalog catalog, String name, int zoom, Optional<Extent> region,
            Optional<Instant> time) {
        TileLayerMetadata<?> md = catalog.readMetadata(name, zoom);
        KeyType keyType = catalog.keyType(name, zoom);
        Extent data = md.extent();
        Extent wanted = region.orElse(data);
        Extent e = wanted.intersection(data).orElseThrow(() -> new IllegalArgumentException("the region " + wanted
                + " does not overlap layer " + name + " zoom " + zoom + ", whose data extent is " + data + " in "
                + md.crs()));
        LayoutDefinition layout = md.layout();
        CellSize cs = layout.cellSize();
        double x0 = layout.extent().xmin();
        double y0 = layout.extent().ymax();
        long c0 = (long) Math.floor((e.xmin() - x0) / cs.width() + SNAP);
        long c1 = (long) Math.ceil((e.xmax() - x0) / cs.width() - SNAP);
        long r0 = (long) Math.floor((y0 - e.ymax()) / cs.height() + SNAP);
        long r1 = (long) Math.ceil((y0 - e.ymin()) / cs.height() - SNAP);
        long cols = Math.max(1, c1 - c0);
        long rows = Math.max(1, r1 - r0);
        if (cols > Integer.MAX_VALUE || rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the region is " + cols + " x " + rows + " cells at zoom " + zoom
                    + "; give a smaller region or a coarser zoom");
        }
        Extent snapped = new Extent(x0 + c0 * cs.width(), y0 - (r0 + rows) * cs.height(), x0 + (c0 + cols) * cs.width(),
                y0 - r0 * cs.height());
        PixelGrid grid = new PixelGrid(snapped, (int) cols, (int) rows);
        Optional<Long> instant = Optional.empty();
        if (keyType == KeyType.SPACE_TIME) {
            instant = Optional.of(instantOf(name, zoom, md, time));
        } else if (time.isPresent()) {
            throw new IllegalArgumentException("layer " + name + " is spatial: it has no time to select");
        }
        int bands = bandCount(catalog, name, zoom);
        return new LayerRaster(catalog, name, zoom, md, grid, c0, r0, bands, instant);
    }

    private static long instantOf(String name, int zoom, TileLayerMetadata<?> md, Optional<Instant> time) {
        if (time.isPresent()) {
            return time.get().toEpochMilli();
        }
        KeyBounds<?> b = md.keyBounds();
        long min = ((SpaceTimeKey) b.minKey()).instant();
        long max = ((SpaceTimeKey) b.maxKey()).instant();
        if (min != max) {
            throw new IllegalArgumentException("layer " + name + " zoom " + zoom + " is space-time with instants from "
                    + Instant.ofEpochMilli(min) + " to " + Instant.ofEpochMilli(max) + "; give the instant to export");
        }
        return min;
    }

    private static int bandCount(Catalog catalog, String name, int zoom) {
        TileLayer<?> layer = catalog.query(name, zoom);
        try (Stream<? extends KeyedTile<?>> tiles = layer.stream()) {
            return tiles.findFirst().map(t -> t.tile().bandCount())
                    .orElseThrow(() -> new IllegalArgumentException("layer " + name + " zoom " + zoom + " has no tiles"));
        }
    }

    Catalog catalog() {
        return catalog;
    }

    /** The layer's name. */
    public String name() {
        return name;
    }

    /** The zoom read. */
    public int zoom() {
        return zoom;
    }

    /** The snapped region and its size in cells. */
    public PixelGrid grid() {
        return grid;
    }

    public CRS crs() {
        return metadata.crs();
    }

    public CellType cellType() {
        return metadata.cellType();
    }

    public int bandCount() {
        return bandCount;
    }

    /** The layer's metadata at this zoom. */
    public TileLayerMetadata<?> metadata() {
        return metadata;
    }

    /** This region as a source for {@link io.tessera.catalog.warp.Warp}, read window by window. */
    public SourceRaster asSource() {
        return SourceRaster.windowed(grid, metadata.crs(), metadata.cellType(), bandCount, this::window);
    }

    /** The whole region in memory. */
    public MultibandTile read() {
        return window(0, 0, grid.cols(), grid.rows());
    }

    /** The cells of a window of the region; NoData (0 for raw cell types) where the layer has no tile. */
    public MultibandTile window(int col, int row, int cols, int rows) {
        List<ArrayTile> bands = new ArrayList<>(bandCount);
        for (int b = 0; b < bandCount; b++) {
            bands.add(ArrayTile.empty(metadata.cellType(), cols, rows));
        }
        int tc = metadata.layout().tileCols();
        int tr = metadata.layout().tileRows();
        long gx0 = originCol + col;
        long gy0 = originRow + row;
        for (long ky = gy0 / tr; ky <= (gy0 + rows - 1) / tr; ky++) {
            for (long kx = gx0 / tc; kx <= (gx0 + cols - 1) / tc; kx++) {
                Optional<MultibandTile> tile = tile((int) kx, (int) ky);
                if (tile.isEmpty()) {
                    continue;
                }
                long sx = Math.max(gx0, kx * tc);
                long sy = Math.max(gy0, ky * tr);
                long ex = Math.min(gx0 + cols, (kx + 1) * tc);
                long ey = Math.min(gy0 + rows, (ky + 1) * tr);
                for (int b = 0; b < bandCount; b++) {
                    Tile src = tile.get().band(b);
                    bands.get(b).paste(src, (int) (sx - kx * tc), (int) (sy - ky * tr), (int) (sx - gx0),
                            (int) (sy - gy0), (int) (ex - sx), (int) (ey - sy), false);
                }
            }
        }
        return MultibandTile.of(bands);
    }

    private Optional<MultibandTile> tile(int col, int row) {
        LayerKey key = instant.<LayerKey>map(t -> new SpaceTimeKey(col, row, t)).orElse(new SpatialKey(col, row));
        synchronized (cache) {
            Optional<MultibandTile> hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
        }
        Optional<MultibandTile> t = catalog.readValue(name, zoom, key);
        synchronized (cache) {
            cache.put(key, t);
            if (cache.size() > cacheSize) {
                cache.remove(cache.keySet().iterator().next());
            }
        }
        return t;
    }
}
