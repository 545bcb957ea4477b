package io.tessera.catalog.spi;

import io.tessera.catalog.index.IndexRange;
import java.util.List;

/**
 * A {@link RecordStorage} that can list which indexes hold records (a directory or object listing),
 * so reads fetch only those instead of probing every index of a query's ranges — millions of empty
 * probes for sparse space-time layers. The core asks only when the ranges hold more indexes than a
 * few point reads would cost, and keeps what lies in the ranges itself.
 */
public interface IndexListing {

    /**
     * Indexes that hold a record, in any order: at least every one within {@code ranges}; others may
     * come too (a backend lists only what the ranges need where the store allows, e.g. an object
     * listing from a range's first name, and may answer with the whole layer where it cannot).
     *
     * @param ranges sorted, disjoint, inclusive ranges
     */
    long[] indexes(RecordLocation layer, List<IndexRange> ranges);
}
