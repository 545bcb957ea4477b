package io.tessera.catalog.backend.file;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.WriterIdentity;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * A batch of record files. Each record is its own durable file (temporary file, fsync, rename)
 * when {@code write} returns; {@code close} also forces the directory, so the renames survive a
 * power cut. A {@link BatchMode#CREATE} batch writes into a staging directory of its own beside
 * the layer's ({@code <name>/.staging-<zoom>-<uuid>}, with an {@value #OWNER} file naming the writer's
 * host, process and start), which {@link FileCommits#create} renames into place; a
 * {@link BatchMode#REPLACE} batch writes into the layer's directory.
 */
final class FileBatch implements RecordBatch {

    /** The file in a staging directory that names its writer, so that a dead writer's leftovers can be told apart. */
    static final String OWNER = ".owner";
    /** Staging directories start with this, then the zoom and a dash. */
    static final String STAGING = ".staging-";

    private final RecordLocation layer;
    private final Path target;
    private final Path into;
    private final boolean staged;

    FileBatch(RecordLocation layer, Path target, BatchMode mode) {
        this.layer = layer;
        this.target = target;
        this.staged = mode == BatchMode.CREATE;
        this.into = staged ? target.resolveSibling(STAGING + target.getFileName() + "-" + UUID.randomUUID()) : target;
        if (staged) {
            String owner = WriterIdentity.current() + "\n";
            AtomicFiles.write(into.resolve(OWNER), owner.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The layer's directory, where the records are published. */
    Path target() {
        return target;
    }

    /** Where this batch writes: the staging directory of a create, else the layer's directory. */
    Path into() {
        return into;
    }

    boolean staged() {
        return staged;
    }

    @Override
    public void write(long index, byte[] record) {
        AtomicFiles.write(into.resolve(layer.recordName(index)), record);
    }

    @Override
    public void delete(long index) {
        if (staged) {
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
        if (staged) {
            Trees.delete(into);
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
