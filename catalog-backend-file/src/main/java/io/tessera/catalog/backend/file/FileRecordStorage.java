package io.tessera.catalog.backend.file;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.index.IndexNames;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.index.IndexRanges;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.IndexListing;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordCopying;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.RecordStorage;
import io.tessera.catalog.spi.WriteOrder;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Records as GeoTrellis's file layout keeps them: one file per index at
 * {@code <catalog>/<header.path>/<zero-padded index>}. Unlike GeoTrellis, deleting a layer removes
 * its files, each file is written via a temporary file and a rename, and a new layer's files are
 * staged apart and renamed into place by its commit (see {@link FileBatch}, {@link FileCommits}).
 */
final class FileRecordStorage implements RecordStorage, IndexListing, RecordCopying {

    /** Up to this many indexes, a range read checks files one by one instead of listing the directory. */
    static final int PROBE_LIMIT = 64;

    private final Path root;

    FileRecordStorage(Path root) {
        this.root = root;
    }

    @Override
    public Map<String, String> newLocation(LayerId id) {
        return Map.of("path", id.name() + "/" + id.zoom());
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
        return new FileBatch(layer, dir(layer), mode);
    }

    @Override
    public Optional<byte[]> read(RecordLocation layer, long index) {
        return AtomicFiles.read(dir(layer).resolve(layer.recordName(index)));
    }

    /**
     * Few indexes are checked one by one; more are answered from one listing of the layer's
     * directory, which the file system cannot narrow to a range.
     */
    @Override
    public long[] indexes(RecordLocation layer, List<IndexRange> ranges) {
        long size = 0;
        for (IndexRange r : ranges) {
            size += r.end() - r.start() + 1;
            if (size > PROBE_LIMIT || size <= 0) {
                break;
            }
        }
        Path dir = dir(layer);
        if (size > 0 && size <= PROBE_LIMIT) {
            long[] out = new long[(int) size];
            int n = 0;
            for (IndexRange r : ranges) {
                for (long i = r.start(); i <= r.end(); i++) {
                    if (Files.exists(dir.resolve(layer.recordName(i)))) {
                        out[n++] = i;
                    }
                }
            }
            return Arrays.copyOf(out, n);
        }
        long[] all = all(dir);
        Arrays.sort(all);
        return IndexRanges.within(all, ranges);
    }

    private long[] all(Path dir) {
        long[] out = new long[64];
        int n = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                OptionalLong index = IndexNames.decode(p.getFileName().toString());
                if (index.isPresent()) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = index.getAsLong();
                }
            }
        } catch (NoSuchFileException e) {
            return new long[0];
        } catch (IOException e) {
            throw new CatalogIOException("cannot list " + dir + ": " + AtomicFiles.reason(e), e);
        }
        return Arrays.copyOf(out, n);
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
