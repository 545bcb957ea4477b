package io.tessera.catalog.testkit;

import io.tessera.catalog.TileLayer;
import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.ShortArrayTile;
import io.tessera.catalog.raster.Tile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Small deterministic layers for tests: Web Mercator zoomed layout with 16-cell tiles, two
 * {@code int16ud-9999} bands whose cells encode their key, so any mix-up of tiles shows.
 */
public final class SampleLayers {

    /** Cells per tile side. */
    public static final int TILE_SIZE = 16;
    /** The sample cell type. */
    public static final CellType CELL_TYPE = CellType.fromName("int16ud-9999");
    /** The sample zoom level. */
    public static final int ZOOM = 4;
    /** 2020-01-01T00:00Z. */
    public static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");

    private SampleLayers() {
    }

    /** The layout of the sample zoom. */
    public static LayoutDefinition layout() {
        return new ZoomedLayoutScheme(CRS.WEB_MERCATOR, TILE_SIZE).levelForZoom(ZOOM).layout();
    }

    /** A two-band tile whose cells are a function of the key (and {@code seed}). */
    public static MultibandTile tile(LayerKey key, int seed) {
        long t = key instanceof SpaceTimeKey st ? st.instant() / 3_600_000L : 0;
        List<Tile> bands = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            short[] cells = new short[TILE_SIZE * TILE_SIZE];
            for (int p = 0; p < cells.length; p++) {
                cells[p] = (short) ((b * 7919 + key.col() * 131 + key.row() * 31 + t * 17 + seed * 1009 + p) % 9000);
            }
            cells[(key.col() + key.row()) % cells.length] = -9999;
            bands.add(new ShortArrayTile(cells, TILE_SIZE, TILE_SIZE, CELL_TYPE));
        }
        return MultibandTile.of(bands);
    }

    /**
     * A merge that tells how often it ran: cell by cell the sum of both tiles (mod 9,000), NoData
     * where either is. Merging twice gives another tile than merging once.
     */
    public static MultibandTile sum(MultibandTile existing, MultibandTile fresh) {
        List<Tile> bands = new ArrayList<>();
        for (int b = 0; b < fresh.bandCount(); b++) {
            Tile x = existing.band(Math.min(b, existing.bandCount() - 1));
            Tile y = fresh.band(b);
            short[] cells = new short[y.size()];
            for (int p = 0; p < cells.length; p++) {
                cells[p] = x.isNoData(p) || y.isNoData(p) ? -9999 : (short) ((x.getInt(p) + y.getInt(p)) % 9000);
            }
            bands.add(new ShortArrayTile(cells, y.cols(), y.rows(), CELL_TYPE));
        }
        return MultibandTile.of(bands);
    }

    /** A spatial layer with every key of the block (cols c0..c1, rows r0..r1). */
    public static TileLayer<SpatialKey> spatial(int c0, int r0, int c1, int r1) {
        return spatial(c0, r0, c1, r1, 0);
    }

    /** A spatial layer with every key of the block, cells varied by {@code seed}. */
    public static TileLayer<SpatialKey> spatial(int c0, int r0, int c1, int r1, int seed) {
        List<KeyedTile<SpatialKey>> tiles = new ArrayList<>();
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                SpatialKey k = new SpatialKey(c, r);
                tiles.add(new KeyedTile<>(k, tile(k, seed)));
            }
        }
        KeyBounds<SpatialKey> b = new KeyBounds<>(new SpatialKey(c0, r0), new SpatialKey(c1, r1));
        return TileLayer.of(KeyType.SPATIAL, metadata(b), tiles).atZoom(ZOOM);
    }

    /** A space-time layer with every key of the block at each of {@code instants}. */
    public static TileLayer<SpaceTimeKey> spaceTime(int c0, int r0, int c1, int r1, List<Instant> instants) {
        List<KeyedTile<SpaceTimeKey>> tiles = new ArrayList<>();
        long tmin = Long.MAX_VALUE;
        long tmax = Long.MIN_VALUE;
        for (Instant i : instants) {
            tmin = Math.min(tmin, i.toEpochMilli());
            tmax = Math.max(tmax, i.toEpochMilli());
            for (int r = r0; r <= r1; r++) {
                for (int c = c0; c <= c1; c++) {
                    SpaceTimeKey k = SpaceTimeKey.of(c, r, i);
                    tiles.add(new KeyedTile<>(k, tile(k, 0)));
                }
            }
        }
        KeyBounds<SpaceTimeKey> b = new KeyBounds<>(new SpaceTimeKey(c0, r0, tmin), new SpaceTimeKey(c1, r1, tmax));
        return TileLayer.of(KeyType.SPACE_TIME, metadata(b), tiles).atZoom(ZOOM);
    }

    /** Metadata of the sample layout with the given bounds; the extent is that of the bounds' tiles. */
    public static <K extends LayerKey> TileLayerMetadata<K> metadata(KeyBounds<K> b) {
        LayoutDefinition layout = layout();
        Extent e = layout.mapTransform().keyToExtent(b.minKey().spatialKey())
                .combine(layout.mapTransform().keyToExtent(b.maxKey().spatialKey()));
        return new TileLayerMetadata<>(CELL_TYPE, layout, e, CRS.WEB_MERCATOR, b);
    }

    /** True when both tiles have the same size, cell types and raw cell values. */
    public static boolean sameCells(MultibandTile a, MultibandTile b) {
        if (a.bandCount() != b.bandCount() || a.cols() != b.cols() || a.rows() != b.rows()) {
            return false;
        }
        for (int band = 0; band < a.bandCount(); band++) {
            Tile x = a.band(band);
            Tile y = b.band(band);
            if (!x.cellType().equals(y.cellType())) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (Double.doubleToLongBits(x.getDouble(i)) != Double.doubleToLongBits(y.getDouble(i))) {
                    return false;
                }
            }
        }
        return true;
    }
}
