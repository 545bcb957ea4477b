package io.tessera.catalog.spi;

import io.tessera.catalog.model.LayerId;
import java.util.Map;
import java.util.Optional;

/**
 * How a backend keeps a layer's records: opaque byte arrays (zlib-wrapped Avro, encoded by the
 * core) addressed by key index. A record holds every tile whose key maps to its index.
 *
 * <p>The core decides what to read and write and when, runs calls on its own bounded pool (so
 * implementations must be thread-safe), and writes through {@link RecordBatch}es. Reads of index
 * ranges use the strongest ability the backend has: a native scan ({@link RangeReads}), a listing of
 * the indexes present ({@link IndexListing}) followed by point reads, or else point reads of every
 * index in the ranges. {@link RecordCopying} lets copies skip the core.
 */
public interface RecordStorage {

    /**
     * The header location fields for a new layer, e.g. {@code {"path": "name/zoom"}} for files. A
     * backend that keeps each write apart by location answers a new place per call (S3).
     */
    Map<String, String> newLocation(LayerId id);

    /**
     * The header location fields for records that will replace all of a layer's records in one
     * commit ({@link LayerCommits#replaceAll}, for reindexing), given the layer's current ones. A
     * backend that keeps a layer's records where its id puts them answers {@code current} and swaps
     * them in its commit; the others answer a location apart from the current one, so the layer
     * stays readable there until the commit switches to the new one (and the core then removes the
     * old records).
     */
    Map<String, String> replacementLocation(LayerId id, Map<String, String> current);

    /** The order in which batches take records. */
    WriteOrder writeOrder();

    /** Opens a batch of writes into a layer location. */
    RecordBatch openBatch(RecordLocation layer, BatchMode mode);

    /**
     * Opens a part of a create batch that another process (or this one) opened, named by its
     * {@link RecordBatch#share()}: one worker's share of a write whose owner commits the layer with
     * its own batch once every part is closed. A part's records are durable when its {@code close}
     * returns and, like the owner's, private to the write until the commit; the owner's abort removes
     * them (on backends with {@link LayerClaims}, the core then also deletes the records at the
     * location, as a killed part's rows are known to no one). A part's own {@code abort} releases
     * what it holds; what it wrote stays until the owner's abort, or is written again by a retry
     * of the part. On a backend with {@link WriteOrder#ASCENDING_UNIQUE} each part takes ascending
     * records of an index span no other part touches. Parts never delete.
     *
     * @param part tells the parts apart (a Spark partition's number), for backends that name files by part
     * @throws io.tessera.catalog.exceptions.CatalogException when the write is gone (aborted or committed)
     */
    RecordBatch joinBatch(RecordLocation layer, String share, int part);

    /** The record at an index, or empty when there is none. */
    Optional<byte[]> read(RecordLocation layer, long index);

    /**
     * Removes every record of a committed layer (the core calls it after the layer's documents are
     * dropped); a layer with no records is not an error. Backends whose
     * tables hold many layers bound the work by {@link RecordLocation#indexRanges()} and the
     * layer's own row prefix or column family, never a scan of the whole table.
     */
    void delete(RecordLocation layer);
}
