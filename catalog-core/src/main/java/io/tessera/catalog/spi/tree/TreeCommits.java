package io.tessera.catalog.spi.tree;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.CommitOutcome;
import io.tessera.catalog.spi.LayerCommits;
import io.tessera.catalog.spi.LayerDocuments;
import io.tessera.catalog.spi.RecordBatch;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Commits in a {@link FileTree}, each holding the catalog's commit lock ({@code .commit.lock} in
 * the attribute directory), so no other commit slips in between a check and a change.
 *
 * <p>A create sweeps dead writers' staging directories of the layer, refuses if {@code metadata}
 * exists, moves its staging directory into the layer's place (a directory found there without a
 * {@code metadata} file is what a writer killed between those two steps, or an older writer, left:
 * with the lock held nobody can be half-way, so it goes) and then creates {@code metadata} if
 * absent. A reindex does the same into the other directory its new header names, then replaces
 * {@code metadata}. A replace or drop compares the stored file with the expected bytes and then
 * writes or deletes it.
 */
public final class TreeCommits implements LayerCommits {

    private final FileTree tree;
    private final TreeAttributeStorage attributes;

    public TreeCommits(FileTree tree, TreeAttributeStorage attributes) {
        this.tree = tree;
        this.attributes = attributes;
    }

    @Override
    public CommitOutcome create(LayerId id, LayerDocuments documents, RecordBatch records) {
        StagedBatch batch = staged(id, records);
        String metadata = attributes.path(id, LayerDocuments.PRESENCE);
        return locked(() -> {
            TreeStaging.sweep(tree, batch.target());
            if (tree.exists(metadata)) {
                return CommitOutcome.CONFLICT;
            }
            TreeStaging.publish(tree, batch);
            if (!tree.writeIfAbsent(metadata, documents.get(LayerDocuments.PRESENCE))) {
                // Only a writer that ignores the lock (not this library) gets here.
                TreeStaging.unpublish(tree, batch);
                return CommitOutcome.CONFLICT;
            }
            return CommitOutcome.COMMITTED;
        });
    }

    @Override
    public CommitOutcome replace(LayerId id, LayerDocuments expected, LayerDocuments replacement) {
        String metadata = attributes.path(id, LayerDocuments.PRESENCE);
        return locked(() -> {
            if (!matches(metadata, expected)) {
                return CommitOutcome.CONFLICT;
            }
            tree.write(metadata, replacement.get(LayerDocuments.PRESENCE));
            return CommitOutcome.COMMITTED;
        });
    }

    /**
     * The staged records are moved into the directory the new header names (never the current one;
     * the backend's {@code replacementLocation} sees to that), then {@code metadata} is replaced:
     * until that one write, readers find the old layer whole.
     */
    @Override
    public CommitOutcome replaceAll(LayerId id, LayerDocuments expected, LayerDocuments replacement,
            RecordBatch records) {
        StagedBatch batch = staged(id, records);
        String metadata = attributes.path(id, LayerDocuments.PRESENCE);
        return locked(() -> {
            TreeStaging.sweep(tree, batch.target());
            if (!matches(metadata, expected)) {
                return CommitOutcome.CONFLICT;
            }
            TreeStaging.publish(tree, batch);
            tree.write(metadata, replacement.get(LayerDocuments.PRESENCE));
            return CommitOutcome.COMMITTED;
        });
    }

    @Override
    public CommitOutcome drop(LayerId id, LayerDocuments expected) {
        String metadata = attributes.path(id, LayerDocuments.PRESENCE);
        return locked(() -> {
            if (!matches(metadata, expected)) {
                return CommitOutcome.CONFLICT;
            }
            tree.delete(metadata);
            return CommitOutcome.COMMITTED;
        });
    }

    private static StagedBatch staged(LayerId id, RecordBatch records) {
        if (!(records instanceof StagedBatch batch)) {
            throw new IllegalArgumentException("layer " + id + ": a create or reindex publishes a create batch of this"
                    + " catalog");
        }
        return batch;
    }

    private boolean matches(String file, LayerDocuments expected) {
        Optional<byte[]> stored = tree.read(file);
        return stored.isPresent() && Arrays.equals(stored.get(), expected.get(LayerDocuments.PRESENCE));
    }

    private CommitOutcome locked(Supplier<CommitOutcome> step) {
        try (FileTree.Lock held = tree.lock(attributes.dir() + "/.commit.lock")) {
            return step.get();
        }
    }
}
