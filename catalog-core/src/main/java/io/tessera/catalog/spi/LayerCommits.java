package io.tessera.catalog.spi;

import io.tessera.catalog.model.LayerId;

/**
 * The atomic steps that make a layer exist, change or disappear, owned by the backend (the
 * analogue of Iceberg's {@code TableOperations.commit}). Each step is all-or-nothing on the server
 * and answers {@link CommitOutcome}: the core resolves {@link CommitOutcome#UNKNOWN} by reading
 * the documents back and comparing them with its own, and refuses to report success it cannot see.
 *
 * <p>There is no non-atomic fallback: a backend whose store cannot create-if-absent or
 * compare-and-set cannot be a catalog backend. Records are written before a create and after the
 * read that a replace compares against; the core does the ordering. Writers creating the same layer
 * at once never touch each other's records: each writes where only it writes (its own location, a
 * staging place, or rows it holds a claim on) and only the winner's records are published.
 */
public interface LayerCommits {

    /**
     * Makes a new layer exist if it does not (it has no {@value LayerDocuments#PRESENCE} document):
     * every document stored and the records of {@code records} (a closed {@link BatchMode#CREATE}
     * batch) published at the layer's location, all of it or none of it. Backends that write a new
     * layer's records in place (a location private to the write, or rows under a claim) have nothing
     * to publish; backends that stage them (a directory renamed into place) publish them here.
     *
     * @return {@link CommitOutcome#CONFLICT} when the layer exists (nothing written, nothing published)
     */
    CommitOutcome create(LayerId id, LayerDocuments documents, RecordBatch records);

    /**
     * Replaces a layer's documents by {@code replacement} if the stored ones are exactly
     * {@code expected} (compare-and-set), for update and overwrite.
     *
     * @return {@link CommitOutcome#CONFLICT} when the stored documents differ or are gone (nothing written)
     */
    CommitOutcome replace(LayerId id, LayerDocuments expected, LayerDocuments replacement);

    /**
     * Replaces a layer's documents and all its records at once, if the stored documents are exactly
     * {@code expected}, for reindexing: the records of {@code records} (a closed
     * {@link BatchMode#CREATE} batch for this layer id) become the layer's. Readers see the old layer
     * or the new one, never neither. Where the new records are at a location of their own (S3) only
     * the documents change and the core removes the old records afterwards; where a layer's location
     * is fixed by its id, the backend swaps the records itself and removes the old ones.
     *
     * @return {@link CommitOutcome#CONFLICT} when the stored documents differ or are gone (nothing
     *     changed; the batch is the caller's to abort)
     */
    CommitOutcome replaceAll(LayerId id, LayerDocuments expected, LayerDocuments replacement, RecordBatch records);

    /**
     * Removes a layer's documents if the stored ones are exactly {@code expected}; the layer stops
     * existing ({@value LayerDocuments#PRESENCE} goes first where the store cannot remove all at once).
     *
     * @return {@link CommitOutcome#CONFLICT} when the stored documents differ or are gone (nothing removed)
     */
    CommitOutcome drop(LayerId id, LayerDocuments expected);
}
