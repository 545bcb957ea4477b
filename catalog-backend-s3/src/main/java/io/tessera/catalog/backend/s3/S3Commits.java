package io.tessera.catalog.backend.s3;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.CommitOutcome;
import io.tessera.catalog.spi.LayerCommits;
import io.tessera.catalog.spi.LayerDocuments;
import io.tessera.catalog.spi.RecordBatch;
import java.util.Arrays;
import java.util.Optional;

/**
 * Commits with S3's conditional requests on the {@code metadata} object: a create is a PUT with
 * {@code If-None-Match: *}; a replace or drop first reads the object, compares its bytes with the
 * expected ones and then PUTs or DELETEs with {@code If-Match} on the ETag it read, so a change by
 * another writer in between makes the request fail instead of being overwritten.
 */
final class S3Commits implements LayerCommits {

    private final S3Objects objects;
    private final S3AttributeStorage attributes;
    private final S3Litter litter;

    S3Commits(S3Objects objects, S3AttributeStorage attributes) {
        this.objects = objects;
        this.attributes = attributes;
        this.litter = new S3Litter(objects);
    }

    /**
     * The records are in place already, under the write's own key: only the document is committed.
     * Keys that dead writers of this layer id left beside it are removed first.
     */
    @Override
    public CommitOutcome create(LayerId id, LayerDocuments documents, RecordBatch records) {
        String own = S3RecordStorage.writeKeyOf(id, records);
        litter.sweep(attributes.bucket(), own, objects.get(attributes.bucket(), key(id)));
        return published(own, outcome(objects.putIfAbsent(attributes.bucket(), key(id),
                documents.get(LayerDocuments.PRESENCE))));
    }

    /** After a commit, the write's key no longer needs to name its writer: the layer's header names it. */
    private CommitOutcome published(String own, CommitOutcome outcome) {
        if (outcome == CommitOutcome.COMMITTED) {
            try {
                objects.delete(attributes.bucket(), own + S3Litter.WRITER);
            } catch (RuntimeException harmless) {
                // A sweep never removes a key the layer's metadata names, writer note or not.
            }
        }
        return outcome;
    }

    @Override
    public CommitOutcome replace(LayerId id, LayerDocuments expected, LayerDocuments replacement) {
        Optional<S3Objects.Versioned> stored = matching(id, expected);
        if (stored.isEmpty()) {
            return CommitOutcome.CONFLICT;
        }
        return outcome(objects.putIfMatch(attributes.bucket(), key(id), stored.get().etag(),
                replacement.get(LayerDocuments.PRESENCE)));
    }

    /** The new records are under a key of their own already: switching the document switches the layer. */
    @Override
    public CommitOutcome replaceAll(LayerId id, LayerDocuments expected, LayerDocuments replacement,
            RecordBatch records) {
        String own = S3RecordStorage.writeKeyOf(id, records);
        litter.sweep(attributes.bucket(), own, Optional.of(expected.get(LayerDocuments.PRESENCE)));
        return published(own, replace(id, expected, replacement));
    }

    @Override
    public CommitOutcome drop(LayerId id, LayerDocuments expected) {
        Optional<S3Objects.Versioned> stored = matching(id, expected);
        if (stored.isEmpty()) {
            return CommitOutcome.CONFLICT;
        }
        return outcome(objects.deleteIfMatch(attributes.bucket(), key(id), stored.get().etag()));
    }

    /** The stored object when its bytes are the expected ones. */
    private Optional<S3Objects.Versioned> matching(LayerId id, LayerDocuments expected) {
        return objects.getVersioned(attributes.bucket(), key(id))
                .filter(v -> Arrays.equals(v.bytes(), expected.get(LayerDocuments.PRESENCE)));
    }

    private String key(LayerId id) {
        return attributes.key(id, LayerDocuments.PRESENCE);
    }

    private static CommitOutcome outcome(S3Objects.Conditional c) {
        return switch (c) {
            case DONE -> CommitOutcome.COMMITTED;
            case REFUSED -> CommitOutcome.CONFLICT;
            case UNKNOWN -> CommitOutcome.UNKNOWN;
        };
    }
}
