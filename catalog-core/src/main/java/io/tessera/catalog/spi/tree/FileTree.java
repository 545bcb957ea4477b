package io.tessera.catalog.spi.tree;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a backend whose catalog is a tree of files (a local disk, any Hadoop file system) provides,
 * so that the attributes ({@link TreeAttributeStorage}), the commits ({@link TreeCommits}) and the
 * staging of new layers' records ({@link TreeStaging}) — the same for every such backend — are
 * written once. Paths are {@code /}-separated and relative to the catalog's root.
 */
public interface FileTree {

    /** A file's bytes, or empty when there is no such file. */
    Optional<byte[]> read(String path);

    /**
     * Writes a file so that readers see the old bytes or the new, never a part; durable on return.
     * Missing parent directories are created.
     */
    void write(String path, byte[] bytes);

    /**
     * Writes a file only if none of that name exists, atomically: of two writers racing for the
     * name exactly one succeeds.
     *
     * @return false when the name was taken (nothing written)
     */
    boolean writeIfAbsent(String path, byte[] bytes);

    /** Deletes a file; false when there was none. */
    boolean delete(String path);

    /** Deletes a directory and everything in it; one that does not exist is not an error. */
    void deleteTree(String path);

    /** The names in a directory (its files and directories, not its temporary files); empty when it does not exist. */
    List<String> list(String dir);

    /** When a file or directory last changed, or empty when it does not exist. */
    Optional<Instant> modified(String path);

    /** True when a file or directory of that name exists. */
    boolean exists(String path);

    /**
     * Renames a directory atomically, making missing parents of {@code to}.
     *
     * @throws io.tessera.catalog.exceptions.CatalogIOException when {@code to} exists or the rename fails
     */
    void rename(String from, String to);

    /** Takes the lock of that name, waiting for it, exclusive across every process and thread. */
    Lock lock(String path);

    /** Where a path is, for messages (an absolute path or URI). */
    String describe(String path);

    /** A held lock; closing releases it. */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }
}
