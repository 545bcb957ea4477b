package io.tessera.catalog.spi;

/**
 * A {@link RecordStorage} that copies a layer's records without the core decoding them (a file
 * copy, a server-side object copy). Used when copy or move keeps the key index, so the records'
 * bytes stay valid as they are.
 */
public interface RecordCopying {

    /** Copies every record of {@code from} to {@code to}, replacing records already there. */
    void copyAll(RecordLocation from, RecordLocation to);
}
