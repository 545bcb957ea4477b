package io.tessera.catalog.spi;

/**
 * A {@link RecordStorage} that can list which indexes hold records. The core then reads only
 * those instead of probing every index of a query's ranges, which for sparse space-time layers can
 * be millions of empty probes.
 */
public interface IndexListing {

    /** Every index that has a record in the layer, in any order. */
    long[] indexes(RecordLocation layer);
}
