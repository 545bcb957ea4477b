package io.tessera.catalog.store;

import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.raster.MultibandTile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * Groups a stream of tiles by key index in ascending index order, in bounded memory: tiles are
 * collected up to a budget of cell bytes, sorted (stably) by index and, when more follow, parked in a
 * {@link TileSpill} as a sorted run; the runs are then merged. A key met more than once keeps its
 * last tile, as a write of a stream with repeated keys does on every backend.
 *
 * @param <K> the key type
 */
final class TileSorter<K extends LayerKey> implements AutoCloseable {

    /** One index and the tiles of its record, one per key. */
    record Group<K extends LayerKey>(long index, List<KeyedTile<K>> tiles) {
    }

    private record Tagged<K extends LayerKey>(long index, KeyedTile<K> tile) {
    }

    private final KeyType keyType;
    private final ToLongFunction<K> indexOf;
    private final long budgetBytes;
    private final List<TileSpill<K>> runs = new ArrayList<>();
    private final List<Stream<TileSpill.Entry<K>>> open = new ArrayList<>();
    private List<Tagged<K>> buffer = new ArrayList<>();
    private long buffered;

    TileSorter(KeyType keyType, ToLongFunction<K> indexOf, long budgetBytes) {
        this.keyType = keyType;
        this.indexOf = indexOf;
        this.budgetBytes = budgetBytes;
    }

    void add(KeyedTile<K> tile) {
        buffer.add(new Tagged<>(indexOf.applyAsLong(tile.key()), tile));
        buffered += cellBytes(tile.tile());
        if (buffered >= budgetBytes) {
            spill();
        }
    }

    /** Runs parked on disk so far (for tests and progress). */
    int spilledRuns() {
        return runs.size();
    }

    private void spill() {
        sortBuffer();
        TileSpill<K> run = new TileSpill<>(keyType, "sort-run");
        runs.add(run);
        for (Tagged<K> t : buffer) {
            run.add(t.index(), t.tile());
        }
        buffer = new ArrayList<>();
        buffered = 0;
    }

    private void sortBuffer() {
        buffer.sort(Comparator.comparingLong(Tagged::index));
    }

    /** The groups in ascending index order; call once, after the last {@link #add}. */
    Iterator<Group<K>> sorted() {
        List<Iterator<Tagged<K>>> sources = new ArrayList<>();
        for (TileSpill<K> run : runs) {
            Stream<TileSpill.Entry<K>> s = run.finishAndReadEntries();
            open.add(s);
            sources.add(s.map(e -> new Tagged<>(e.tag(), e.tile())).iterator());
        }
        sortBuffer();
        sources.add(buffer.iterator());
        return new Merge<>(sources);
    }

    @Override
    public void close() {
        open.forEach(Stream::close);
        runs.forEach(TileSpill::close);
    }

    private static long cellBytes(MultibandTile t) {
        return (long) t.cols() * t.rows() * t.bandCount() * Math.max(1, t.cellType().dataType().bytesPerCell());
    }

    /** A k-way merge of sorted sources; among equal indexes, earlier sources (older runs) come first. */
    private static final class Merge<K extends LayerKey> implements Iterator<Group<K>> {

        private record Head<K extends LayerKey>(Tagged<K> item, int source) {
        }

        private final List<Iterator<Tagged<K>>> sources;
        private final PriorityQueue<Head<K>> heads = new PriorityQueue<>(
                Comparator.<Head<K>>comparingLong(h -> h.item().index()).thenComparingInt(Head::source));

        Merge(List<Iterator<Tagged<K>>> sources) {
            this.sources = sources;
            for (int i = 0; i < sources.size(); i++) {
                advance(i);
            }
        }

        private void advance(int source) {
            Iterator<Tagged<K>> it = sources.get(source);
            if (it.hasNext()) {
                heads.add(new Head<>(it.next(), source));
            }
        }

        @Override
        public boolean hasNext() {
            return !heads.isEmpty();
        }

        @Override
        public Group<K> next() {
            if (heads.isEmpty()) {
                throw new NoSuchElementException();
            }
            long index = heads.peek().item().index();
            Map<K, KeyedTile<K>> byKey = new LinkedHashMap<>();
            while (!heads.isEmpty() && heads.peek().item().index() == index) {
                Head<K> h = heads.poll();
                byKey.put(h.item().tile().key(), h.item().tile());
                advance(h.source());
            }
            return new Group<>(index, new ArrayList<>(byKey.values()));
        }
    }
}
