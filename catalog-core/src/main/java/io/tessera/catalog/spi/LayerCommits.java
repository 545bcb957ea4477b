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
 * read that a replace compares against; the core does the ordering.
 */
public interface LayerCommits {

    /**
     * Stores every document of a new layer if the layer does not exist (it has no
     * {@value LayerDocuments#PRESENCE} document): all of them, or none.
     *
     * @return {@link CommitOutcome#CONFLICT} when the layer exists (nothing written)
     */
    CommitOutcome create(LayerId id, LayerDocuments documents);

    /**
     * Replaces a layer's documents by {@code replacement} if the stored ones are exactly
     * {@code expected} (compare-and-set), for update and overwrite.
     *
     * @return {@link CommitOutcome#CONFLICT} when the stored documents differ or are gone (nothing written)
     */
    CommitOutcome replace(LayerId id, LayerDocuments expected, LayerDocuments replacement);

    /**
     * Removes a layer's documents if the stored ones are exactly {@code expected}; the layer stops
     * existing ({@value LayerDocuments#PRESENCE} goes first where the store cannot remove all at once).
     *
     * @return {@link CommitOutcome#CONFLICT} when the stored documents differ or are gone (nothing removed)
     */
    CommitOutcome drop(LayerId id, LayerDocuments expected);
}
