package io.tessera.catalog.backend.file;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.CommitOutcome;
import io.tessera.catalog.spi.LayerCommits;
import io.tessera.catalog.spi.LayerDocuments;
import io.tessera.catalog.spi.RecordBatch;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Commits on a local file system, each holding the catalog's commit lock
 * ({@code attributes/.commit.lock}, an OS file lock across processes and a plain lock within this
 * JVM), so no other commit slips in between a check and a change.
 *
 * <p>A create renames the writer's staging directory to the layer's directory and then links a
 * durable temporary file to the {@code metadata} name (which fails if the name is taken). A layer
 * directory found there without a {@code metadata} file is what a writer killed between those two
 * steps, or an older writer, left: with the lock held nobody can be half-way, so it is removed. A
 * replace or drop compares the stored file with the expected bytes and then renames or deletes.
 */
final class FileCommits implements LayerCommits {

    /** One JVM-wide lock, because the OS lock is per process and Java refuses to take it twice. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final FileAttributeStorage attributes;

    FileCommits(FileAttributeStorage attributes) {
        this.attributes = attributes;
    }

    @Override
    public CommitOutcome create(LayerId id, LayerDocuments documents, RecordBatch records) {
        FileBatch batch = staged(id, records);
        Path metadata = attributes.file(id, LayerDocuments.PRESENCE);
        return locked(() -> {
            Staging.sweep(batch.target());
            if (Files.exists(metadata)) {
                return CommitOutcome.CONFLICT;
            }
            publish(batch);
            if (!AtomicFiles.writeIfAbsent(metadata, documents.get(LayerDocuments.PRESENCE))) {
                // Only a writer that ignores the lock (not this library) gets here.
                unpublish(batch);
                return CommitOutcome.CONFLICT;
            }
            return CommitOutcome.COMMITTED;
        });
    }

    private static void publish(FileBatch batch) {
        Path target = batch.target();
        try {
            Trees.delete(target);
            Files.deleteIfExists(batch.into().resolve(FileBatch.OWNER));
            Files.createDirectories(batch.into());
            Files.move(batch.into(), target, StandardCopyOption.ATOMIC_MOVE);
            FileBatch.force(target.getParent());
        } catch (IOException e) {
            throw new CatalogIOException("cannot move the new layer's files into " + target + ": " + AtomicFiles.reason(e), e);
        }
    }

    private static void unpublish(FileBatch batch) {
        try {
            Files.move(batch.target(), batch.into(), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CatalogIOException("cannot move " + batch.target() + " back after a lost create: " + AtomicFiles.reason(e), e);
        }
    }

    @Override
    public CommitOutcome replace(LayerId id, LayerDocuments expected, LayerDocuments replacement) {
        Path file = attributes.file(id, LayerDocuments.PRESENCE);
        return locked(() -> {
            if (!matches(file, expected)) {
                return CommitOutcome.CONFLICT;
            }
            AtomicFiles.write(file, replacement.get(LayerDocuments.PRESENCE));
            return CommitOutcome.COMMITTED;
        });
    }

    /**
     * The staged records are renamed into the directory the new header names (never the current
     * one; see {@link FileRecordStorage#replacementLocation}), then the {@code metadata} file is
     * replaced: until that one rename, readers find the old layer whole.
     */
    @Override
    public CommitOutcome replaceAll(LayerId id, LayerDocuments expected, LayerDocuments replacement,
            RecordBatch records) {
        FileBatch batch = staged(id, records);
        Path file = attributes.file(id, LayerDocuments.PRESENCE);
        return locked(() -> {
            Staging.sweep(batch.target());
            if (!matches(file, expected)) {
                return CommitOutcome.CONFLICT;
            }
            publish(batch);
            AtomicFiles.write(file, replacement.get(LayerDocuments.PRESENCE));
            return CommitOutcome.COMMITTED;
        });
    }

    private static FileBatch staged(LayerId id, RecordBatch records) {
        if (!(records instanceof FileBatch batch) || !batch.staged()) {
            throw new IllegalArgumentException("layer " + id + ": a create or reindex publishes a create batch of this"
                    + " catalog");
        }
        return batch;
    }

    @Override
    public CommitOutcome drop(LayerId id, LayerDocuments expected) {
        Path file = attributes.file(id, LayerDocuments.PRESENCE);
        return locked(() -> {
            if (!matches(file, expected)) {
                return CommitOutcome.CONFLICT;
            }
            AtomicFiles.delete(file);
            return CommitOutcome.COMMITTED;
        });
    }

    private static boolean matches(Path file, LayerDocuments expected) {
        Optional<byte[]> stored = AtomicFiles.read(file);
        return stored.isPresent() && Arrays.equals(stored.get(), expected.get(LayerDocuments.PRESENCE));
    }

    private CommitOutcome locked(Supplier<CommitOutcome> step) {
        Path lock = attributes.dir().resolve(".commit.lock");
        IN_PROCESS.lock();
        try {
            Files.createDirectories(lock.getParent());
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock held = ch.lock()) {
                return step.get();
            }
        } catch (IOException e) {
            throw new CatalogIOException("cannot take the commit lock " + lock + ": " + AtomicFiles.reason(e), e);
        } finally {
            IN_PROCESS.unlock();
        }
    }
}
