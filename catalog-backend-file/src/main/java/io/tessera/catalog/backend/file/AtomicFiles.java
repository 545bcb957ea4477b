package io.tessera.catalog.backend.file;

import io.tessera.catalog.exceptions.CatalogIOException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * File writes that a crash cannot leave half done: the bytes go to a temporary file in the same
 * directory, are forced to disk, and the temporary file is renamed over the target. Readers see
 * the old file or the new one, never a truncated one.
 */
final class AtomicFiles {

    /** Temporary files start with this, so listings can skip them and clean-up can find them. */
    static final String TEMP_PREFIX = ".tmp-";

    private AtomicFiles() {
    }

    static void write(Path target, byte[] bytes) {
        Path tmp = null;
        try {
            tmp = durableTemp(target, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new CatalogIOException("cannot write " + target + ": " + reason(e), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * Writes {@code target} only if it does not exist, atomically: the bytes go to a durable
     * temporary file which is then hard-linked to the target name, and linking fails if the name
     * is taken — so of two writers racing to create the file exactly one succeeds.
     *
     * @return false when the target already existed (nothing written)
     */
    static boolean writeIfAbsent(Path target, byte[] bytes) {
        Path tmp = null;
        try {
            tmp = durableTemp(target, bytes);
            Files.createLink(target, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new CatalogIOException("cannot create " + target + ": " + reason(e), e);
        } catch (UnsupportedOperationException e) {
            throw new CatalogIOException("cannot create " + target + ": the file system has no hard links, which"
                    + " atomic commits need; use a local POSIX file system", e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /**
     * A forced-to-disk temporary file holding {@code bytes}, beside {@code target}. One open creates
     * and writes it ({@code Files.createTempFile} would open it twice and change its permissions), and
     * the directory is only made when the open finds it missing: a layer's records mostly share one.
     */
    private static Path durableTemp(Path target, byte[] bytes) throws IOException {
        Path dir = target.getParent();
        for (int attempt = 0;; attempt++) {
            Path tmp = dir.resolve(TEMP_PREFIX + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".part");
            FileChannel ch;
            try {
                ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                if (attempt > 0) {
                    throw e;
                }
                Files.createDirectories(dir);
                continue;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 8) {
                    throw e;
                }
                continue;
            }
            try (ch) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            } catch (IOException e) {
                deleteQuietly(tmp);
                throw e;
            }
            return tmp;
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // Listings skip temporary files, so a stray one is harmless.
            }
        }
    }

    /**
     * What went wrong, in words, without Java class names or the names of temporary files (the
     * caller names the file the user knows).
     */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            if (f.getReason() != null) {
                return f.getReason();
            }
            if (e instanceof java.nio.file.NoSuchFileException) {
                return "no such file or directory";
            }
            if (e instanceof java.nio.file.AccessDeniedException) {
                return "permission denied";
            }
            if (e instanceof java.nio.file.DirectoryNotEmptyException) {
                return "directory not empty";
            }
            if (e instanceof FileAlreadyExistsException) {
                return "it already exists";
            }
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    static Optional<byte[]> read(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new CatalogIOException("cannot read " + file + ": " + reason(e), e);
        }
    }

    static boolean delete(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new CatalogIOException("cannot delete " + file + ": " + reason(e), e);
        }
    }
}
