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
 * the layer's ({@link TreeStaging}), which the commit renames into place, and other processes' parts
 * of the write ({@link #part}) add theirs to it; a
 * {@link BatchMode#REPLACE} batch writes into the layer's directory.
 */
final class FileBatch implements RecordBatch, StagedBatch {

    private final LocalTree tree;
    private final RecordLocation layer;
    private final String target;
    private final String staging;
    private final Path into;

    /** What a batch is to the write it belongs to. */
    private enum Role {
        /** Changes a layer in place. */
        REPLACE,
        /** Owns a create's staging directory, which it made. */
        CREATE,
        /** Adds records to another batch's staging directory. */
        PART
    }

    private final Role role;

    /**
     * @param target the layer's directory, relative to the catalog root
     */
    FileBatch(LocalTree tree, RecordLocation layer, String target, BatchMode mode) {
        this(tree, layer, target, mode == BatchMode.CREATE ? TreeStaging.begin(tree, target) : null,
                mode == BatchMode.CREATE ? Role.CREATE : Role.REPLACE);
    }

    private FileBatch(LocalTree tree, RecordLocation layer, String target, String staging, Role role) {
        this.tree = tree;
        this.layer = layer;
        this.target = target;
        this.staging = staging;
        this.role = role;
        this.into = tree.resolve(staging != null ? staging : target);
    }

    /** A part of the create batch whose staging directory is {@code share}. */
    static FileBatch part(LocalTree tree, RecordLocation layer, String target, String share) {
        return new FileBatch(tree, layer, target, TreeStaging.joined(tree, target, share), Role.PART);
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
    public String share() {
        if (role != Role.CREATE) {
            throw new IllegalStateException("only a create batch of " + layer.layerId() + " can be shared");
        }
        return staging;
    }

    @Override
    public void write(long index, byte[] record) {
        AtomicFiles.write(into.resolve(layer.recordName(index)), record);
    }

    @Override
    public void delete(long index) {
        if (role != Role.REPLACE) {
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
        // A part's records are the owner's to remove (a retry of the part writes them again).
        if (role == Role.CREATE) {
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
