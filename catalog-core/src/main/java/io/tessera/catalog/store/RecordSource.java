package io.tessera.catalog.store;

import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.index.IndexRanges;
import io.tessera.catalog.spi.IndexListing;
import io.tessera.catalog.spi.RangeReads;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.RecordStorage;
import io.tessera.catalog.spi.StoredRecord;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.PrimitiveIterator;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Reads the records of index ranges with the strongest ability the backend has: its own scan
 * ({@link RangeReads}), a listing of present indexes then point reads ({@link IndexListing}), or point
 * reads of every index (probing). Whatever the source, each record is turned into results by a task
 * on the pool, a window ahead of the consumer, and results come out in index order.
 *
 * <p>Ranges taken from a layer's record inventory are <em>exact</em>: every index in them has a
 * record, so nothing is listed or probed in vain, and an absent record is reported to the caller's
 * {@link Missing} handler instead of being skipped.
 */
final class RecordSource {

    /** Up to this many indexes in a read's ranges, each is read directly rather than listed first. */
    static final long PROBE_LIMIT = 64;

    private final RecordStorage records;
    private final ExecutorService pool;
    private final int window;

    RecordSource(RecordStorage records, ExecutorService pool, int window) {
        this.records = records;
        this.pool = pool;
        this.window = window;
    }

    /** What an exact read does about an index whose record is absent. */
    @FunctionalInterface
    interface Missing {
        /** Called with the index (possibly on a pool thread); throws to end the read. */
        void record(long index);
    }

    Optional<byte[]> read(RecordLocation loc, long index) {
        return records.read(loc, index);
    }

    /**
     * The records in {@code ranges} (sorted, disjoint), each passed through {@code convert} on the
     * pool, streamed in index order.
     *
     * @param missing null when the ranges are only where records may be; else the ranges are exact
     *     and this is told of every index in them that has no record
     */
    <T> Stream<T> map(RecordLocation loc, List<IndexRange> ranges, Function<StoredRecord, List<T>> convert,
            Missing missing) {
        if (ranges.isEmpty()) {
            return Stream.empty();
        }
        if (records instanceof RangeReads scanning) {
            RangeReads.RecordCursor cursor = scanning.scan(loc, ranges);
            PrimitiveIterator.OfLong expected = missing == null ? null : indexesOf(ranges).iterator();
            Iterator<Callable<List<T>>> tasks = new Iterator<>() {
                private long pending;
                private boolean hasPending;

                @Override
                public boolean hasNext() {
                    if (cursor.hasNext()) {
                        return true;
                    }
                    if (expected != null) {
                        if (hasPending) {
                            missing.record(pending);
                            hasPending = false;
                        }
                        expected.forEachRemaining((long e) -> missing.record(e));
                    }
                    return false;
                }

                @Override
                public Callable<List<T>> next() {
                    StoredRecord r = cursor.next();
                    if (expected != null) {
                        matched(r.index());
                    }
                    return () -> convert.apply(r);
                }

                /** Reports the expected indexes before {@code index}, which the scan did not return. */
                private void matched(long index) {
                    while (true) {
                        if (!hasPending) {
                            if (!expected.hasNext()) {
                                return;
                            }
                            pending = expected.nextLong();
                            hasPending = true;
                        }
                        if (pending > index) {
                            return;
                        }
                        hasPending = false;
                        if (pending == index) {
                            return;
                        }
                        missing.record(pending);
                    }
                }
            };
            return Ahead.stream(tasks, pool, window, cursor::close);
        }
        PrimitiveIterator.OfLong indexes = (missing == null ? candidates(loc, ranges) : indexesOf(ranges)).iterator();
        Iterator<Callable<List<T>>> tasks = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return indexes.hasNext();
            }

            @Override
            public Callable<List<T>> next() {
                long index = indexes.nextLong();
                return () -> {
                    Optional<byte[]> r = records.read(loc, index);
                    if (r.isEmpty()) {
                        if (missing != null) {
                            missing.record(index);
                        }
                        return List.of();
                    }
                    return convert.apply(new StoredRecord(index, r.get()));
                };
            }
        };
        return Ahead.stream(tasks, pool, window, () -> { });
    }

    /** The records in {@code ranges} as stored, in index order; {@code missing} as in {@link #map}. */
    Stream<StoredRecord> records(RecordLocation loc, List<IndexRange> ranges, Missing missing) {
        return map(loc, ranges, List::of, missing);
    }

    /**
     * Every index of {@code ranges} (sorted, disjoint) in order, each with its record's bytes, or with
     * {@code absent} where the storage has none; point reads on the pool, a window ahead.
     */
    Stream<StoredRecord> everyIndex(RecordLocation loc, List<IndexRange> ranges, byte[] absent) {
        PrimitiveIterator.OfLong indexes = indexesOf(ranges).iterator();
        Iterator<Callable<List<StoredRecord>>> tasks = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return indexes.hasNext();
            }

            @Override
            public Callable<List<StoredRecord>> next() {
                long index = indexes.nextLong();
                return () -> List.of(new StoredRecord(index, records.read(loc, index).orElse(absent)));
            }
        };
        return Ahead.stream(tasks, pool, window, () -> { });
    }

    private static LongStream indexesOf(List<IndexRange> ranges) {
        return ranges.stream().flatMapToLong(r -> LongStream.rangeClosed(r.start(), r.end()));
    }

    /**
     * The indexes worth a point read: every index of small ranges (a few reads cost less than a
     * listing, and a one-tile query needs one request), else the listed ones within the ranges.
     */
    private LongStream candidates(RecordLocation loc, List<IndexRange> ranges) {
        if (records instanceof IndexListing listing && size(ranges) > PROBE_LIMIT) {
            long[] present = listing.indexes(loc, ranges);
            Arrays.sort(present);
            return Arrays.stream(IndexRanges.within(present, ranges));
        }
        return indexesOf(ranges);
    }

    /** Indexes in the ranges, saturating at {@code Long.MAX_VALUE}. */
    private static long size(List<IndexRange> ranges) {
        long size = 0;
        for (IndexRange r : ranges) {
            long n = r.end() - r.start() + 1;
            if (n <= 0 || size > Long.MAX_VALUE - n) {
                return Long.MAX_VALUE;
            }
            size += n;
        }
        return size;
    }
}
