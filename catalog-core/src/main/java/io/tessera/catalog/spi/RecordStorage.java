package io.tessera.catalog.spi;

import io.tessera.catalog.model.LayerId;
import java.util.Map;
import java.util.Optional;

/**
 * How a backend keeps a layer's records: opaque byte arrays (zlib-wrapped Avro, encoded by the
 * core) addressed by key index. A record holds every tile whose key maps to its index.
 *
 * <p>The core decides what to read and write, runs calls in parallel on its own bounded pool (so
 * implementations must be thread-safe), and commits a layer by writing its {@code metadata}
 * attribute only after every record write has returned. A write must therefore be durable when it
 * returns. Optional abilities are separate interfaces: {@link IndexListing}, {@link RecordCopying}.
 */
public interface RecordStorage {

    /** The header location fields for a new layer, e.g. {@code {"path": "name/zoom"}} for files. */
    Map<String, String> newLocation(LayerId id);

    /** Stores one record, replacing any previous record at that index. */
    void write(RecordLocation layer, long index, byte[] record);

    /** The record at an index, or empty when there is none. */
    Optional<byte[]> read(RecordLocation layer, long index);

    /** Removes every record of a layer; a layer with no records is not an error. */
    void deleteAll(RecordLocation layer);
}
