package io.tessera.catalog.store;

import io.tessera.catalog.CatalogException;
import io.tessera.catalog.codec.TileRecordCodec;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.query.KeySelection;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.spi.IndexListing;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.RecordStorage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.PrimitiveIterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads a layer's tiles from its records: query bounds → index ranges → the indexes that hold
 * records → fetched and decoded on a bounded pool, a fixed window of records ahead of the
 * consumer → pairs whose key is inside the query. Memory is bounded by the window, not the layer.
 */
public final class LayerReader {

    private final RecordStorage records;
    private final ExecutorService pool;
    private final int window;

    /**
     * @param records where the records are
     * @param pool runs fetches and decodes
     * @param window records fetched ahead of the consumer
     */
    public LayerReader(RecordStorage records, ExecutorService pool, int window) {
        this.records = records;
        this.pool = pool;
        this.window = window;
    }

    /** The tile of one key, or empty when the layer has none there. */
    public <K extends LayerKey> Optional<MultibandTile> readValue(LayerId id, LayerDescriptor<K> d, K key) {
        if (!d.keyIndex().keyBounds().includes(key)) {
            // Hilbert and row-major indexes cannot address such a key, and no write could have stored it.
            return Optional.empty();
        }
        long index = d.keyIndex().toIndex(key);
        Optional<byte[]> record = records.read(location(id, d), index);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        for (KeyedTile<K> t : RecordCodecs.decode(RecordCodecs.forLayer(d), d, id, index, record.get())) {
            if (t.key().equals(key)) {
                return Optional.of(t.tile());
            }
        }
        return Optional.empty();
    }

    /** The tiles whose keys lie in any of {@code query}, streamed; an empty query gives an empty stream. */
    public <K extends LayerKey> Stream<KeyedTile<K>> read(LayerId id, LayerDescriptor<K> d, List<KeyBounds<K>> query) {
        if (query.isEmpty()) {
            return Stream.empty();
        }
        RecordLocation loc = location(id, d);
        List<IndexRange> ranges = d.keyIndex().indexRanges(query);
        PrimitiveIterator.OfLong indexes = candidates(loc, ranges).iterator();
        TileRecordCodec<K> codec = RecordCodecs.forLayer(d);
        KeySelection<K> selected = new KeySelection<>(query);
        Fetcher<KeyedTile<K>> fetcher = new Fetcher<>(indexes, index -> {
            Optional<byte[]> rec = records.read(loc, index);
            if (rec.isEmpty()) {
                return Collections.emptyList();
            }
            List<KeyedTile<K>> out = new ArrayList<>();
            for (KeyedTile<K> t : RecordCodecs.decode(codec, d, id, index, rec.get())) {
                if (selected.includes(t.key())) {
                    out.add(t);
                }
            }
            return out;
        });
        return fetcher.stream();
    }

    /**
     * Every stored record of the layer whose index lies in {@code ranges}, as stored bytes, fetched
     * ahead on the pool like tiles are. For copies that keep the key index, and integrity checks.
     */
    public Stream<StoredRecord> records(LayerId id, LayerDescriptor<?> d, List<IndexRange> ranges) {
        RecordLocation loc = location(id, d);
        Fetcher<StoredRecord> fetcher = new Fetcher<>(candidates(loc, ranges).iterator(), index -> records.read(loc, index)
                .map(bytes -> List.of(new StoredRecord(index, bytes))).orElse(List.of()));
        return fetcher.stream();
    }

    /** One record as stored: its index and bytes. */
    public record StoredRecord(long index, byte[] bytes) {
    }

    /** Every index of the ranges that may hold a record: listed when the backend can list, else all of them. */
    private LongStream candidates(RecordLocation loc, List<IndexRange> ranges) {
        if (records instanceof IndexListing listing) {
            long[] present = listing.indexes(loc);
            Arrays.sort(present);
            return Arrays.stream(present).filter(i -> covered(ranges, i));
        }
        return ranges.stream().flatMapToLong(r -> LongStream.rangeClosed(r.start(), r.end()));
    }

    private static boolean covered(List<IndexRange> sortedRanges, long index) {
        int lo = 0;
        int hi = sortedRanges.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            IndexRange r = sortedRanges.get(mid);
            if (index < r.start()) {
                hi = mid - 1;
            } else if (index > r.end()) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    static RecordLocation location(LayerId id, LayerDescriptor<?> d) {
        return new RecordLocation(id, d.header(), d.indexWidth());
    }

    /** Work on one record index. */
    @FunctionalInterface
    private interface RecordTask<T> {
        List<T> run(long index);
    }

    /** Keeps up to {@code window} record fetches running ahead of the consumer, in index order. */
    private final class Fetcher<T> implements Iterator<T> {

        private final PrimitiveIterator.OfLong indexes;
        private final RecordTask<T> task;
        private final ArrayDeque<Future<List<T>>> inFlight = new ArrayDeque<>();
        private Iterator<T> current = Collections.emptyIterator();

        Fetcher(PrimitiveIterator.OfLong indexes, RecordTask<T> task) {
            this.indexes = indexes;
            this.task = task;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                while (inFlight.size() < window && indexes.hasNext()) {
                    long index = indexes.nextLong();
                    inFlight.add(IoPool.submit(pool, () -> task.run(index)));
                }
                Future<List<T>> next = inFlight.poll();
                if (next == null) {
                    return false;
                }
                current = await(next).iterator();
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        void cancel() {
            Future<?> f;
            while ((f = inFlight.poll()) != null) {
                f.cancel(true);
            }
        }

        Stream<T> stream() {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.NONNULL), false)
                    .onClose(this::cancel);
        }

        private List<T> await(Future<List<T>> f) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                cancel();
                Thread.currentThread().interrupt();
                throw new CatalogException("interrupted while reading tiles", e);
            } catch (ExecutionException e) {
                cancel();
                Throwable c = e.getCause();
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                throw new CatalogException("reading tiles failed: " + c, c);
            } catch (CancellationException e) {
                throw new CatalogException("tile read was cancelled", e);
            }
        }
    }
}
