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

    S3Commits(S3Objects objects, S3AttributeStorage attributes) {
        this.objects = objects;
        this.attributes = attributes;
    }

    /** The records are in place already, under the write's own key: only the document is committed. */
    @Override
    public CommitOutcome create(LayerId id, LayerDocuments documents, RecordBatch records) {
        return outcome(objects.putIfAbsent(attributes.bucket(), key(id), documents.get(LayerDocuments.PRESENCE)));
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
        return replace(id, expected, replacement);
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
