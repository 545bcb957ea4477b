package io.tessera.catalog.backend.file;

import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.LayerCommits;
import io.tessera.catalog.spi.RecordStorage;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** A catalog directory in GeoTrellis's file layout. */
final class FileCatalogStorage implements CatalogStorage {

    private final Path root;
    private final FileAttributeStorage attributes;
    private final FileRecordStorage records;
    private final FileCommits commits;

    FileCatalogStorage(Path root) {
        this.root = root;
        this.attributes = new FileAttributeStorage(root);
        this.records = new FileRecordStorage(root);
        this.commits = new FileCommits(attributes);
    }

    /** {@code file:} plus the absolute path; unlike {@code Path.toUri} it does not change once the directory exists. */
    @Override
    public String location() {
        try {
            return new URI("file", null, root.toString(), null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot form a URI of " + root, e);
        }
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
    public LayerCommits commits() {
        return commits;
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }
}
