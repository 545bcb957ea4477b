package io.tessera.catalog.backend.file;

import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.RecordStorage;
import java.nio.file.Path;

/** A catalog directory in GeoTrellis's file layout. */
final class FileCatalogStorage implements CatalogStorage {

    private final Path root;
    private final FileAttributeStorage attributes;
    private final FileRecordStorage records;

    FileCatalogStorage(Path root) {
        this.root = root;
        this.attributes = new FileAttributeStorage(root);
        this.records = new FileRecordStorage(root);
    }

    @Override
    public String location() {
        return root.toUri().toString();
    }

    @Override
    public String format() {
        return "file";
    }

    @Override
    public AttributeStorage attributes() {
        return attributes;
    }

    @Override
    public RecordStorage records() {
        return records;
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }
}
