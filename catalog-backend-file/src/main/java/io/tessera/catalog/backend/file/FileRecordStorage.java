package io.tessera.catalog.backend.file;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.index.IndexNames;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.IndexListing;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordCopying;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.RecordStorage;
import io.tessera.catalog.spi.WriteOrder;
import io.tessera.catalog.spi.tree.TreeStaging;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records as GeoTrellis's file layout keeps them: one file per index at
 * {@code <catalog>/<header.path>/<zero-padded index>}. Unlike GeoTrellis, deleting a layer removes
 * its files, each file is written via a temporary file and a rename, and a new layer's files are
 * staged apart and renamed into place by its commit (see {@link FileBatch} and the core's
 * {@code TreeCommits}).
 */
final class FileRecordStorage implements RecordStorage, IndexListing, RecordCopying {

    private final Path root;
    private final LocalTree tree;

    FileRecordStorage(Path root, LocalTree tree) {
        this.root = root;
        this.tree = tree;
    }

    @Override
    public Map<String, String> newLocation(LayerId id) {
        return Map.of("path", id.name() + "/" + id.zoom());
    }

    /**
     * The other of two directories a layer's records alternate between across reindexes
     * ({@link TreeStaging#reindexed}). GeoTrellis's readers follow the header's {@code path}, so both
     * read there; the old directory is removed after the switch, and a leftover of a killed reindex
     * is replaced by the next one.
     */
    @Override
    public Map<String, String> replacementLocation(LayerId id, Map<String, String> current) {
        return Map.of("path", TreeStaging.reindexed(id.name() + "/" + id.zoom(), current.get("path")));
    }

    Path dir(RecordLocation layer) {
        String path = layer.field("path");
        Path dir = root.resolve(path).normalize();
        // header.path comes from a stored file; a path leading outside the catalog is refused.
        if (Path.of(path).isAbsolute() || !dir.startsWith(root)) {
            throw new IllegalArgumentException("layer " + layer.layerId() + " header path '" + path
                    + "' is not inside the catalog " + root);
        }
        return dir;
    }

    @Override
    public WriteOrder writeOrder() {
        return WriteOrder.ANY;
    }

    @Override
    public RecordBatch openBatch(RecordLocation layer, BatchMode mode) {
        return new FileBatch(tree, layer, target(layer), mode);
    }

    @Override
    public RecordBatch joinBatch(RecordLocation layer, String share, int part) {
        return FileBatch.part(tree, layer, target(layer), share);
    }

    /** The layer's directory relative to the root, as the tree names it. */
    private String target(RecordLocation layer) {
        return root.relativize(dir(layer)).toString().replace('\\', '/');
    }

    @Override
    public Optional<byte[]> read(RecordLocation layer, long index) {
        return AtomicFiles.read(dir(layer).resolve(layer.recordName(index)));
    }

    /** The whole layer's indexes: the file system cannot narrow a directory listing to a range. */
    @Override
    public long[] indexes(RecordLocation layer, List<IndexRange> ranges) {
        return all(dir(layer));
    }

    private long[] all(Path dir) {
        return IndexNames.indexesOf(tree.list(root.relativize(dir).toString()));
    }

    @Override
    public void delete(RecordLocation layer) {
        Path dir = dir(layer);
        Trees.delete(dir);
        // Leave no empty <name>/ directory behind when its last zoom goes.
        Path parent = dir.getParent();
        if (parent != null && !parent.equals(root)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
                if (!ds.iterator().hasNext()) {
                    Files.delete(parent);
                }
            } catch (NoSuchFileException | java.nio.file.DirectoryNotEmptyException gone) {
                // Another writer is using the directory, or it is gone already.
            } catch (IOException e) {
                throw new CatalogIOException("cannot delete layer directory " + parent + ": " + AtomicFiles.reason(e), e);
            }
        }
    }

    @Override
    public void copyAll(RecordLocation from, RecordBatch into) {
        Path src = dir(from);
        for (long index : all(src)) {
            AtomicFiles.read(src.resolve(from.recordName(index))).ifPresent(bytes -> into.write(index, bytes));
        }
    }
}
