package io.tessera.catalog.spi;

import java.util.Objects;

/**
 * One record as stored: its key index and its bytes (zlib-wrapped Avro, opaque to a backend).
 *
 * @param index the key index every tile of the record maps to
 * @param bytes the record's bytes; not copied, so neither side may change them
 */
public record StoredRecord(long index, byte[] bytes) {

    public StoredRecord {
        Objects.requireNonNull(bytes, "bytes");
    }
}
