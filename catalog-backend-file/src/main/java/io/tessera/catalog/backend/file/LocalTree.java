package io.tessera.catalog.backend.file;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.tree.FileTree;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A catalog directory on a local file system: files written through a forced temporary file
 * renamed into place ({@link AtomicFiles}), create-if-absent by hard link, directory renames forced
 * to disk, and locks that are an OS file lock across processes plus a plain lock within this JVM.
 */
final class LocalTree implements FileTree {

    /** One JVM-wide lock, because the OS lock is per process and Java refuses to take it twice. */
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();

    private final Path root;

    LocalTree(Path root) {
        this.root = root;
    }

    Path resolve(String path) {
        return path.isEmpty() ? root : root.resolve(path);
    }

    @Override
    public Optional<byte[]> read(String path) {
        return AtomicFiles.read(resolve(path));
    }

    @Override
    public void write(String path, byte[] bytes) {
        AtomicFiles.write(resolve(path), bytes);
    }

    @Override
    public boolean writeIfAbsent(String path, byte[] bytes) {
        return AtomicFiles.writeIfAbsent(resolve(path), bytes);
    }

    @Override
    public boolean delete(String path) {
        return AtomicFiles.delete(resolve(path));
    }

    @Override
    public void deleteTree(String path) {
        Trees.delete(resolve(path));
    }

    @Override
    public List<String> list(String dir) {
        List<String> out = new ArrayList<>();
        Path d = resolve(dir);
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(d)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (!n.startsWith(AtomicFiles.TEMP_PREFIX)) {
                    out.add(n);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new CatalogIOException("cannot list " + d + ": " + AtomicFiles.reason(e), e);
        }
        return out;
    }

    @Override
    public Optional<Instant> modified(String path) {
        try {
            return Optional.of(Files.getLastModifiedTime(resolve(path)).toInstant());
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CatalogIOException("cannot read the time of " + resolve(path) + ": " + AtomicFiles.reason(e), e);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(resolve(path));
    }

    @Override
    public void rename(String from, String to) {
        Path target = resolve(to);
        try {
            Files.createDirectories(target.getParent());
            Files.createDirectories(resolve(from));
            Files.move(resolve(from), target, StandardCopyOption.ATOMIC_MOVE);
            FileBatch.force(target.getParent());
        } catch (IOException e) {
            throw new CatalogIOException("cannot move the layer's files into " + target + ": " + AtomicFiles.reason(e), e);
        }
    }

    @Override
    public Lock lock(String path) {
        Path lock = resolve(path);
        IN_PROCESS.lock();
        try {
            Files.createDirectories(lock.getParent());
            FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock held;
            try {
                held = ch.lock();
            } catch (IOException e) {
                ch.close();
                throw e;
            }
            return () -> {
                try {
                    held.release();
                    ch.close();
                } catch (IOException e) {
                    throw new CatalogIOException("cannot release the commit lock " + lock + ": " + AtomicFiles.reason(e), e);
                } finally {
                    IN_PROCESS.unlock();
                }
            };
        } catch (IOException e) {
            IN_PROCESS.unlock();
            throw new CatalogIOException("cannot take the commit lock " + lock + ": " + AtomicFiles.reason(e), e);
        }
    }

    @Override
    public String describe(String path) {
        return resolve(path).toString();
    }
}
