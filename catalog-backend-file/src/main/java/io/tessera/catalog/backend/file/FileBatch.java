package io.tessera.catalog.backend.file;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.tree.StagedBatch;
import io.tessera.catalog.spi.tree.TreeStaging;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A batch of record files. Each record is its own durable file (temporary file, fsync, rename)
 * when {@code write} returns; {@code close} also forces the directory, so the renames survive a
 * power cut. A {@link BatchMode#CREATE} batch writes into a staging directory of its own beside
 * the layer's ({@link TreeStaging}), which the commit renames into place; a
 * {@link BatchMode#REPLACE} batch writes into the layer's directory.
 */
final class FileBatch implements RecordBatch, StagedBatch {

    private final LocalTree tree;
    private final RecordLocation layer;
    private final String target;
    private final String staging;
    private final Path into;

    /**
     * @param target the layer's directory, relative to the catalog root
     */
    FileBatch(LocalTree tree, RecordLocation layer, String target, BatchMode mode) {
        this.tree = tree;
        this.layer = layer;
        this.target = target;
        this.staging = mode == BatchMode.CREATE ? TreeStaging.begin(tree, target) : null;
        this.into = tree.resolve(staging != null ? staging : target);
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public String staging() {
        if (staging == null) {
            throw new IllegalStateException("a replace batch of " + layer.layerId() + " is not staged");
        }
        return staging;
    }

    @Override
    public void write(long index, byte[] record) {
        AtomicFiles.write(into.resolve(layer.recordName(index)), record);
    }

    @Override
    public void delete(long index) {
        if (staging != null) {
            throw new IllegalStateException("a create batch has nothing to delete");
        }
        AtomicFiles.delete(into.resolve(layer.recordName(index)));
    }

    @Override
    public void close() {
        if (Files.isDirectory(into)) {
            force(into);
        }
    }

    @Override
    public void abort() {
        if (staging != null) {
            tree.deleteTree(staging);
        }
    }

    static void force(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            throw new CatalogIOException("cannot force directory " + dir + " to disk: " + AtomicFiles.reason(e), e);
        }
    }
}
