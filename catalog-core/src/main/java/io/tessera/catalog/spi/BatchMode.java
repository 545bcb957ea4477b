package io.tessera.catalog.spi;

/** What a {@link RecordBatch} does to the layer's existing records. */
public enum BatchMode {

    /** Fills a new layer's location: no records of the layer exist there yet. */
    CREATE,

    /**
     * Changes an existing layer: each record written replaces the layer's record at that index
     * (which the core has already merged with the stored one where it had to), others stay.
     */
    REPLACE
}
