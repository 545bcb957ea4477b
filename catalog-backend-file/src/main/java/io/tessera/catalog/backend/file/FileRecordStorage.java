package io.tessera.catalog.backend.file;

import io.tessera.catalog.CatalogIOException;
import io.tessera.catalog.index.IndexNames;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.IndexListing;
import io.tessera.catalog.spi.RecordCopying;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.RecordStorage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Records as GeoTrellis's file layout keeps them: one file per index at
 * {@code <catalog>/<header.path>/<zero-padded index>}. Unlike GeoTrellis, deleting a layer removes
 * its files, and each file is written via a temporary file and a rename.
 */
final class FileRecordStorage implements RecordStorage, IndexListing, RecordCopying {

    private final Path root;

    FileRecordStorage(Path root) {
        this.root = root;
    }

    @Override
    public Map<String, String> newLocation(LayerId id) {
        return Map.of("path", id.name() + "/" + id.zoom());
    }

    Path dir(RecordLocation layer) {
        String path = layer.header().location("path");
        Path dir = root.resolve(path).normalize();
        // header.path comes from a stored file; a path leading outside the catalog is refused.
        if (Path.of(path).isAbsolute() || !dir.startsWith(root)) {
            throw new IllegalArgumentException("layer " + layer.layerId() + " header path '" + path
                    + "' is not inside the catalog " + root);
        }
        return dir;
    }

    @Override
    public void write(RecordLocation layer, long index, byte[] record) {
        AtomicFiles.write(dir(layer).resolve(layer.recordName(index)), record);
    }

    @Override
    public Optional<byte[]> read(RecordLocation layer, long index) {
        return AtomicFiles.read(dir(layer).resolve(layer.recordName(index)));
    }

    @Override
    public long[] indexes(RecordLocation layer) {
        Path dir = dir(layer);
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
            throw new CatalogIOException("cannot list " + dir + ": " + e, e);
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public void deleteAll(RecordLocation layer) {
        Path dir = dir(layer);
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
            // Leave no empty <name>/ directory behind when its last zoom goes.
            Path parent = dir.getParent();
            if (parent != null && !parent.equals(root)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
                    if (!ds.iterator().hasNext()) {
                        Files.delete(parent);
                    }
                }
            }
        } catch (IOException e) {
            throw new CatalogIOException("cannot delete layer directory " + dir + ": " + e, e);
        }
    }

    @Override
    public void copyAll(RecordLocation from, RecordLocation to) {
        Path src = dir(from);
        Path dst = dir(to);
        for (long index : indexes(from)) {
            AtomicFiles.read(src.resolve(from.recordName(index)))
                    .ifPresent(bytes -> AtomicFiles.write(dst.resolve(to.recordName(index)), bytes));
        }
    }
}
