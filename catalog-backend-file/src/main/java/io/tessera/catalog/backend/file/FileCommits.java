package io.tessera.catalog.backend.file;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.CommitOutcome;
import io.tessera.catalog.spi.LayerCommits;
import io.tessera.catalog.spi.LayerDocuments;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Commits on a local file system. A create links a durable temporary file to the {@code metadata}
 * name, which fails if the name is taken, so of two creators exactly one wins without any lock. A
 * replace or drop compares the stored file with the expected bytes and then renames or deletes,
 * holding the catalog's commit lock ({@code attributes/.commit.lock}, an OS file lock across
 * processes and a plain lock within this JVM) so that no other replace or drop slips in between.
 */
final class FileCommits implements LayerCommits {

    /** One JVM-wide lock, because the OS lock is per process and Java refuses to take it twice. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final FileAttributeStorage attributes;

    FileCommits(FileAttributeStorage attributes) {
        this.attributes = attributes;
    }

    @Override
    public CommitOutcome create(LayerId id, LayerDocuments documents) {
        boolean created = AtomicFiles.writeIfAbsent(attributes.file(id, LayerDocuments.PRESENCE),
                documents.get(LayerDocuments.PRESENCE));
        return created ? CommitOutcome.COMMITTED : CommitOutcome.CONFLICT;
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
            throw new CatalogIOException("cannot take the commit lock " + lock + ": " + e, e);
        } finally {
            IN_PROCESS.unlock();
        }
    }
}
