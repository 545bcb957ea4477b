package io.tessera.catalog.spi;

import io.tessera.catalog.index.IndexRange;
import java.util.List;

/**
 * A {@link RecordStorage} that can list which indexes hold records within index ranges (a
 * directory or object listing), so reads fetch only those instead of probing every index of a
 * query's ranges — millions of empty probes for sparse space-time layers.
 */
public interface IndexListing {

    /**
     * The indexes in {@code ranges} that hold a record, ascending. Backends list only what the
     * ranges need where the store allows (an object listing from the range's first name), not the
     * whole layer.
     *
     * @param ranges sorted, disjoint, inclusive ranges
     */
    long[] indexes(RecordLocation layer, List<IndexRange> ranges);
}
