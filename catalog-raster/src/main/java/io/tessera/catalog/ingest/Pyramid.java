package io.tessera.catalog.ingest;

import io.tessera.catalog.TileLayer;
import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import io.tessera.catalog.warp.PixelGrid;
import io.tessera.catalog.warp.ResampleMethod;
import io.tessera.catalog.warp.SourceRaster;
import io.tessera.catalog.warp.Warp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The coarser zoom levels of a layer in a zoomed layout, each tile resampled from the 2 × 2 tiles
 * under it (GeoTrellis's {@code Pyramid.upLevels}).
 *
 * <p>Levels are built as the level above them streams past: writing level z (with
 * {@link io.tessera.catalog.Catalog#writePyramid}, which writes the list in order) builds level
 * z − 1 into a temporary file, which is streamed when level z − 1 is written, and so on. Memory
 * holds two rows of tiles, not a level. For that the finest level must stream its tiles in
 * row-major order, as {@link IngestPlan#layer()} does; streaming a coarser level first is allowed
 * but recomputes the levels above it.
 */
public final class Pyramid {

    private Pyramid() {
    }

    /**
     * The levels from {@code base} (first) down to {@code minZoom} (last).
     *
     * @param base the finest level, with its zoom, laid out by {@code scheme} at that zoom
     * @throws IllegalArgumentException when {@code base} has no zoom, is not in {@code scheme}'s
     *     layout, or {@code minZoom} is not in 0..zoom
     */
    public static <K extends LayerKey> List<TileLayer<K>> levels(TileLayer<K> base, ZoomedLayoutScheme scheme,
            ResampleMethod method, int minZoom) {
        int top = base.zoom().orElseThrow(() -> new IllegalArgumentException(
                "the base of a pyramid needs a zoom; use TileLayer.atZoom"));
        requireBase(base.metadata().layout(), top, scheme, minZoom);
        List<Level<K>> levels = new ArrayList<>();
        Level<K> first = new Level<>(base, null);
        first.layer = TileLayer.lazy(base.keyType(), base.metadata(), first::stream).atZoom(top);
        levels.add(first);
        for (int z = top - 1; z >= minZoom; z--) {
            Level<K> finer = levels.get(levels.size() - 1);
            TileLayerMetadata<K> md = coarser(finer.layer.metadata(), scheme.levelForZoom(z).layout());
            Level<K> level = new Level<>(null, finer);
            finer.coarser = new ParentBuilder<>(base.keyType(), md, z, method);
            level.layer = TileLayer.lazy(base.keyType(), md, level::stream).atZoom(z);
            levels.add(level);
        }
        List<TileLayer<K>> out = new ArrayList<>(levels.size());
        for (Level<K> l : levels) {
            out.add(l.layer);
        }
        return out;
    }

    /**
     * Checks that a base level laid out by {@code layout} at zoom {@code top} can have a pyramid down
     * to {@code minZoom} in {@code scheme}.
     *
     * @throws IllegalArgumentException when {@code layout} is not {@code scheme}'s at {@code top}, or
     *     {@code minZoom} is not in 0..top
     */
    public static void requireBase(LayoutDefinition layout, int top, ZoomedLayoutScheme scheme, int minZoom) {
        if (minZoom < 0 || minZoom > top) {
            throw new IllegalArgumentException("minimum zoom must be in 0.." + top + ", got " + minZoom);
        }
        LayoutDefinition expected = scheme.levelForZoom(top).layout();
        if (!expected.equals(layout)) {
            throw new IllegalArgumentException("the base layer is not laid out as zoom " + top + " of " + scheme
                    + ": its layout is " + layout + ", expected " + expected);
        }
    }

    /**
     * The metadata of the level above {@code md}'s in a zoomed layout: {@code layout}, and the key
     * bounds halved.
     */
    public static <K extends LayerKey> TileLayerMetadata<K> coarser(TileLayerMetadata<K> md, LayoutDefinition layout) {
        KeyBounds<K> b = md.keyBounds();
        KeyBounds<K> halved = b.withSpatial(b.minKey().col() / 2, b.minKey().row() / 2, b.maxKey().col() / 2,
                b.maxKey().row() / 2);
        return new TileLayerMetadata<>(md.cellType(), layout, md.extent(), md.crs(), halved);
    }

    /** The key of the tile one level up that {@code child} falls in. */
    @SuppressWarnings("unchecked")
    public static <K extends LayerKey> K parentKey(K child) {
        if (child instanceof SpaceTimeKey st) {
            return (K) new SpaceTimeKey(st.col() / 2, st.row() / 2, st.instant());
        }
        return (K) new SpatialKey(child.col() / 2, child.row() / 2);
    }

    /**
     * The tile at {@code parent} of the level {@code md} describes, resampled with {@code method}
     * from its children (up to 2 × 2 tiles of the level below; missing ones are NoData), or empty
     * when the result holds no data.
     */
    public static <K extends LayerKey> Optional<KeyedTile<K>> parentTile(TileLayerMetadata<K> md, K parent,
            List<KeyedTile<K>> children, ResampleMethod method) {
        int tc = md.layout().tileCols();
        int tr = md.layout().tileRows();
        int bandCount = children.get(0).tile().bandCount();
        List<ArrayTile> bands = new ArrayList<>(bandCount);
        for (int b = 0; b < bandCount; b++) {
            bands.add(ArrayTile.empty(md.cellType(), 2 * tc, 2 * tr));
        }
        for (KeyedTile<K> child : children) {
            int dx = (child.key().col() - 2 * parent.col()) * tc;
            int dy = (child.key().row() - 2 * parent.row()) * tr;
            for (int b = 0; b < bandCount; b++) {
                Tile t = child.tile().band(b);
                bands.get(b).paste(t, 0, 0, dx, dy, tc, tr, false);
            }
        }
        MultibandTile mosaic = MultibandTile.of(bands);
        if (method == ResampleMethod.AVERAGE) {
            return Warp.averageHalf(mosaic).map(t -> new KeyedTile<>(parent, t));
        }
        Extent e = md.mapTransform().keyToExtent(parent.col(), parent.row());
        return Warp.warp(SourceRaster.of(mosaic, e, md.crs()), new PixelGrid(e, tc, tr), md.crs(), method, 0)
                .map(t -> new KeyedTile<>(parent, t));
    }

    /** One level: streams its tiles and, on the way, builds the next coarser level. */
    private static final class Level<K extends LayerKey> {
        /** The finest level's tiles as given; null for derived levels. */
        private final TileLayer<K> source;
        private final Level<K> finer;
        private TileLayer<K> layer;
        private ParentBuilder<K> coarser;

        Level(TileLayer<K> source, Level<K> finer) {
            this.source = source;
            this.finer = finer;
        }

        /** The tiles of this level; for a derived level, from the spill its finer level left. */
        Stream<KeyedTile<K>> stream() {
            Stream<KeyedTile<K>> own = finer == null ? source.stream() : finer.coarser.takeBuilt(finer::drain);
            return coarser == null ? own : coarser.feedFrom(own);
        }

        /** Streams this level to the end only to build the next coarser one. */
        void drain() {
            try (Stream<KeyedTile<K>> s = stream()) {
                s.forEach(t -> { });
            }
        }
    }

    /** Feeds a stream's tiles to a builder and tells it when the stream ended or was abandoned. */
    static <K extends LayerKey> Stream<KeyedTile<K>> tee(Stream<KeyedTile<K>> tiles, ParentBuilder<K> builder) {
        Iterator<KeyedTile<K>> it = tiles.iterator();
        Iterator<KeyedTile<K>> teed = new Iterator<>() {
            private boolean finished;

            @Override
            public boolean hasNext() {
                boolean more = it.hasNext();
                if (!more && !finished) {
                    finished = true;
                    builder.finish();
                }
                return more;
            }

            @Override
            public KeyedTile<K> next() {
                KeyedTile<K> t = it.next();
                builder.accept(t);
                return t;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(teed, Spliterator.ORDERED), false)
                .onClose(tiles::close)
                .onClose(builder::abandonUnfinished);
    }
}
