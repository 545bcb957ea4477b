package io.tessera.catalog.spi;

/**
 * A {@link RecordStorage} that copies a layer's records within the same catalog without the core
 * decoding them (a file copy, a server-side object copy). Used when copy, move or reindex keeps the
 * key index, so the records' bytes stay valid as they are.
 */
public interface RecordCopying {

    /**
     * Copies every record of {@code from} into {@code into}, an open {@link BatchMode#CREATE} batch
     * of this storage (as if each record had been written to it).
     */
    void copyAll(RecordLocation from, RecordBatch into);
}
