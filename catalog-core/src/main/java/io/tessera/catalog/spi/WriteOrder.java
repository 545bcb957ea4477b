package io.tessera.catalog.spi;

/** How a backend needs records handed to a {@link RecordBatch}. */
public enum WriteOrder {

    /**
     * Any order, from several threads at once; an index may be written again in the same batch
     * (the later write wins) and read back before the batch closes. File and object stores.
     */
    ANY,

    /**
     * Ascending by index, each index exactly once, from one thread (sorted files such as Hadoop
     * MapFiles, bulk-loaded tables). The core sorts in bounded memory, spilling to disk, and merges
     * every tile of an index into its one record before the backend sees it.
     */
    ASCENDING_UNIQUE
}
