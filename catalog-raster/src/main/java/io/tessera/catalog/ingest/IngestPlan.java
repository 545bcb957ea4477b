package io.tessera.catalog.ingest;

import io.tessera.catalog.TileLayer;
import io.tessera.catalog.layout.GridBounds;
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
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.warp.PixelGrid;
import io.tessera.catalog.warp.ResampleMethod;
import io.tessera.catalog.warp.Warp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A planned ingest: the layer's metadata is known (from the inputs' headers), its tiles are cut
 * when {@link #layer()} is streamed. Holds the input files open until closed.
 *
 * @param <K> {@link SpatialKey} or {@link SpaceTimeKey}
 */
public final class IngestPlan<K extends LayerKey> implements AutoCloseable {

    private final KeyType keyType;
    private final List<InputRaster> inputs;
    private final TileLayerMetadata<K> metadata;
    private final OptionalInt zoom;
    private final Optional<ZoomedLayoutScheme> scheme;
    private final IngestOptions options;
    private final long[] instants;

    IngestPlan(KeyType keyType, List<InputRaster> inputs, CRS crs, CellType cellType, LayoutDefinition layout,
            Extent extent, OptionalInt zoom, Optional<ZoomedLayoutScheme> scheme, IngestOptions options) {
        this.keyType = keyType;
        this.inputs = List.copyOf(inputs);
        this.zoom = zoom;
        this.scheme = scheme;
        this.options = options;
        TreeSet<Long> times = new TreeSet<>();
        GridBounds all = null;
        for (InputRaster in : inputs) {
            times.add(in.instant());
            all = all == null ? in.keys() : union(all, in.keys());
        }
        this.instants = times.stream().mapToLong(Long::longValue).toArray();
        KeyBounds<K> bounds = new KeyBounds<>(key(all.colMin(), all.rowMin(), instants[0]),
                key(all.colMax(), all.rowMax(), instants[instants.length - 1]));
        this.metadata = new TileLayerMetadata<>(cellType, layout, extent, crs, bounds);
    }

    private static GridBounds union(GridBounds a, GridBounds b) {
        return new GridBounds(Math.min(a.colMin(), b.colMin()), Math.min(a.rowMin(), b.rowMin()),
                Math.max(a.colMax(), b.colMax()), Math.max(a.rowMax(), b.rowMax()));
    }

    @SuppressWarnings("unchecked")
    private K key(int col, int row, long instant) {
        return (K) (keyType == KeyType.SPACE_TIME ? new SpaceTimeKey(col, row, instant) : new SpatialKey(col, row));
    }

    /** The layer's metadata: cell type, layout, data extent, CRS and key bounds. */
    public TileLayerMetadata<K> metadata() {
        return metadata;
    }

    /** The zoom of a global layout; empty for a local one. */
    public OptionalInt zoom() {
        return zoom;
    }

    /** The zoomed layout scheme of a global layout, which pyramids step through. */
    public Optional<ZoomedLayoutScheme> scheme() {
        return scheme;
    }

    /** The keys an input touches: an upper bound of the tiles {@link #layer()} yields (empty tiles are skipped). */
    public long candidateTiles() {
        long n = 0;
        for (Iterator<Candidate> it = candidates(); it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    /**
     * The layer, cut when streamed: tiles in row-major key order (then by instant), tiles with no
     * data skipped. Each stream re-reads the inputs; close the stream to stop early.
     */
    public TileLayer<K> layer() {
        TileLayer<K> layer = TileLayer.lazy(keyType, metadata, () -> OrderedParallel.map(candidates(), this::cut,
                options.parallelism(), "tessera-ingest"));
        return zoom.isPresent() ? layer.atZoom(zoom.getAsInt()) : layer;
    }

    /**
     * The tiles of the rows {@code rowMin..rowMax} of the layer's grid, cut as {@link #layer()} cuts
     * them and in its order: what one worker of an ingest spread over many (Spark executors) cuts.
     */
    public Stream<KeyedTile<K>> rows(int rowMin, int rowMax) {
        return OrderedParallel.map(candidates(rowMin, rowMax), this::cut, options.parallelism(), "tessera-ingest");
    }

    /**
     * The layer and every coarser zoom down to {@code minZoom}, ready for
     * {@link io.tessera.catalog.Catalog#writePyramid}.
     *
     * @throws IllegalStateException for a local layout, which has no zoom levels
     */
    public List<TileLayer<K>> pyramid(ResampleMethod method, int minZoom) {
        ZoomedLayoutScheme s = scheme.orElseThrow(() -> new IllegalStateException(
                "a local (floating) layout has no zoom levels to build a pyramid over; use a global layout"));
        return Pyramid.levels(layer(), s, method, minZoom);
    }

    private Optional<KeyedTile<K>> cut(Candidate c) {
        Extent keyExtent = metadata.mapTransform().keyToExtent(c.col, c.row);
        int tc = metadata.layout().tileCols();
        int tr = metadata.layout().tileRows();
        PixelGrid grid = new PixelGrid(keyExtent, tc, tr);
        List<ArrayTile> bands = new ArrayList<>(c.inputs.get(0).raster().bandCount());
        for (int b = 0; b < c.inputs.get(0).raster().bandCount(); b++) {
            bands.add(ArrayTile.empty(metadata.cellType(), tc, tr));
        }
        boolean painted = false;
        for (InputRaster in : c.inputs) {
            if (in.footprint().intersects(keyExtent)) {
                painted |= Warp.paint(in.raster(), grid, metadata.crs(), options.resample(), options.errorThreshold(), bands);
            }
        }
        return painted ? Optional.of(new KeyedTile<>(key(c.col, c.row, c.instant), MultibandTile.of(bands)))
                : Optional.empty();
    }

    /** One key (and instant) with the inputs that may cover it, in paint order. */
    private record Candidate(int col, int row, long instant, List<InputRaster> inputs) {
    }

    private Iterator<Candidate> candidates() {
        KeyBounds<K> b = metadata.keyBounds();
        return candidates(b.minKey().row(), b.maxKey().row());
    }

    private Iterator<Candidate> candidates(int rowMin, int rowMax) {
        KeyBounds<K> b = metadata.keyBounds();
        int colMin = b.minKey().col();
        int colMax = b.maxKey().col();
        return new Iterator<>() {
            private int row = Math.max(rowMin, b.minKey().row());
            private int col = colMin;
            private int t;
            private Candidate next;

            @Override
            public boolean hasNext() {
                while (next == null && row <= Math.min(rowMax, b.maxKey().row())) {
                    List<InputRaster> here = new ArrayList<>(2);
                    for (InputRaster in : inputs) {
                        GridBounds k = in.keys();
                        if (in.instant() == instants[t] && col >= k.colMin() && col <= k.colMax()
                                && row >= k.rowMin() && row <= k.rowMax()) {
                            here.add(in);
                        }
                    }
                    if (!here.isEmpty()) {
                        next = new Candidate(col, row, instants[t], here);
                    }
                    advance();
                }
                return next != null;
            }

            private void advance() {
                if (++t < instants.length) {
                    return;
                }
                t = 0;
                if (++col > colMax) {
                    col = colMin;
                    row++;
                }
            }

            @Override
            public Candidate next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Candidate c = next;
                next = null;
                return c;
            }
        };
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (InputRaster in : inputs) {
            try {
                in.tiff().close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
