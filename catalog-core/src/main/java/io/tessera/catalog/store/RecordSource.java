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

    Optional<byte[]> read(RecordLocation loc, long index) {
        return records.read(loc, index);
    }

    /**
     * The records in {@code ranges} (sorted, disjoint), each passed through {@code convert} on the
     * pool, streamed in index order.
     */
    <T> Stream<T> map(RecordLocation loc, List<IndexRange> ranges, Function<StoredRecord, List<T>> convert) {
        if (ranges.isEmpty()) {
            return Stream.empty();
        }
        if (records instanceof RangeReads scanning) {
            RangeReads.RecordCursor cursor = scanning.scan(loc, ranges);
            Iterator<Callable<List<T>>> tasks = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return cursor.hasNext();
                }

                @Override
                public Callable<List<T>> next() {
                    StoredRecord r = cursor.next();
                    return () -> convert.apply(r);
                }
            };
            return Ahead.stream(tasks, pool, window, cursor::close);
        }
        PrimitiveIterator.OfLong indexes = candidates(loc, ranges).iterator();
        Iterator<Callable<List<T>>> tasks = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return indexes.hasNext();
            }

            @Override
            public Callable<List<T>> next() {
                long index = indexes.nextLong();
                return () -> records.read(loc, index).map(b -> convert.apply(new StoredRecord(index, b))).orElse(List.of());
            }
        };
        return Ahead.stream(tasks, pool, window, () -> { });
    }

    /** The records in {@code ranges} as stored, in index order. */
    Stream<StoredRecord> records(RecordLocation loc, List<IndexRange> ranges) {
        return map(loc, ranges, List::of);
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
        return ranges.stream().flatMapToLong(r -> LongStream.rangeClosed(r.start(), r.end()));
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
