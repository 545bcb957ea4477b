package io.tessera.catalog.store;

import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.exceptions.CommitStateUnknownException;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.CommitOutcome;
import io.tessera.catalog.spi.LayerCommits;
import io.tessera.catalog.spi.LayerDocuments;
import io.tessera.catalog.spi.RecordBatch;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a backend's commit steps and settles every {@link CommitOutcome#UNKNOWN} by reading the
 * layer's documents back: ours there means committed, the state we started from means the step did
 * not happen (it is tried again, a few times), anything else means another writer got there first.
 * When even the read-back fails, the caller gets a {@link CommitStateUnknownException}.
 */
final class Commits {

    /** How often a step whose outcome turned out "not applied" is tried again. */
    static final int ATTEMPTS = 3;

    /** A settled outcome: it happened, or another writer's state is in the way. */
    enum Result { COMMITTED, CONFLICT }

    private final LayerCommits commits;
    private final AttributeStorage attributes;
    private final String catalog;

    Commits(LayerCommits commits, AttributeStorage attributes, String catalog) {
        this.commits = commits;
        this.attributes = attributes;
        this.catalog = catalog;
    }

    /** Creates a layer's documents, publishing a closed create batch, if the layer does not exist. */
    Result create(LayerId id, LayerDocuments documents, RecordBatch records) {
        return settle(id, "create", () -> commits.create(id, documents, records), Optional.of(documents),
                Optional.empty());
    }

    /** Replaces a layer's documents if they are still {@code expected}. */
    Result replace(LayerId id, LayerDocuments expected, LayerDocuments replacement) {
        return settle(id, "commit", () -> commits.replace(id, expected, replacement), Optional.of(replacement),
                Optional.of(expected));
    }

    /** Replaces a layer's documents and records if its documents are still {@code expected}. */
    Result replaceAll(LayerId id, LayerDocuments expected, LayerDocuments replacement, RecordBatch records) {
        return settle(id, "commit", () -> commits.replaceAll(id, expected, replacement, records),
                Optional.of(replacement), Optional.of(expected));
    }

    /** Removes a layer's documents if they are still {@code expected}. */
    Result drop(LayerId id, LayerDocuments expected) {
        return settle(id, "delete", () -> commits.drop(id, expected), Optional.empty(), Optional.of(expected));
    }

    /**
     * @param after the documents when the step took effect (empty: the layer is gone)
     * @param before the documents when it did not (empty: the layer did not exist)
     */
    private Result settle(LayerId id, String step, Supplier<CommitOutcome> attempt, Optional<LayerDocuments> after,
            Optional<LayerDocuments> before) {
        RuntimeException lastFailure = null;
        for (int i = 0; i < ATTEMPTS; i++) {
            CommitOutcome outcome;
            try {
                outcome = attempt.get();
            } catch (CatalogException e) {
                // An IO error after the request left is as unknown as a lost answer.
                outcome = CommitOutcome.UNKNOWN;
                lastFailure = e;
            }
            if (outcome == CommitOutcome.COMMITTED) {
                return Result.COMMITTED;
            }
            if (outcome == CommitOutcome.CONFLICT) {
                return Result.CONFLICT;
            }
            Optional<LayerDocuments> now;
            try {
                now = current(id, after.or(() -> before).orElseThrow());
            } catch (CatalogException e) {
                throw new CommitStateUnknownException(id, catalog, step, e);
            }
            if (now.equals(after)) {
                return Result.COMMITTED;
            }
            if (!now.equals(before)) {
                return Result.CONFLICT;
            }
        }
        if (lastFailure != null) {
            throw lastFailure;
        }
        throw new CommitStateUnknownException(id, catalog, step, null);
    }

    /** The layer's documents as stored now, with the same names as {@code like}; empty when it does not exist. */
    private Optional<LayerDocuments> current(LayerId id, LayerDocuments like) {
        Map<String, byte[]> stored = attributes.read(id, like.names());
        if (!stored.containsKey(LayerDocuments.PRESENCE)) {
            return Optional.empty();
        }
        return Optional.of(LayerDocuments.of(stored));
    }
}
