package io.tessera.catalog.spi;

import io.tessera.catalog.index.IndexRange;
import java.util.Iterator;
import java.util.List;

/**
 * A {@link RecordStorage} that reads many index ranges in one scan (a MapFile seek per range, an
 * HBase scan with a row-range filter, an Accumulo batch scanner). The core decodes what it returns
 * on its pool, a window ahead of the consumer.
 */
public interface RangeReads {

    /**
     * The records present in {@code ranges}, ascending by index, streamed: the core closes the
     * cursor when done or when the consumer stops early.
     *
     * @param ranges sorted, disjoint, inclusive ranges
     */
    RecordCursor scan(RecordLocation layer, List<IndexRange> ranges);

    /** Records streamed from a scan; closing it releases the scan. */
    interface RecordCursor extends Iterator<StoredRecord>, AutoCloseable {
        @Override
        void close();
    }
}
