package io.tessera.catalog.backend.file;

import io.tessera.catalog.spi.AttributeNames;
import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.LayerCommits;
import io.tessera.catalog.spi.RecordStorage;
import io.tessera.catalog.spi.tree.TreeAttributeStorage;
import io.tessera.catalog.spi.tree.TreeCommits;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** A catalog directory in GeoTrellis's file layout. */
final class FileCatalogStorage implements CatalogStorage {

    /** GeoTrellis's file attribute naming: {@code attributes/<name>__.__<zoom>__.__<attribute>.json}. */
    static final AttributeNames NAMES = AttributeNames.layerFirst("__.__", ".json");

    private final Path root;
    private final TreeAttributeStorage attributes;
    private final FileRecordStorage records;
    private final TreeCommits commits;

    FileCatalogStorage(Path root) {
        this.root = root;
        LocalTree tree = new LocalTree(root);
        this.attributes = new TreeAttributeStorage(tree, "attributes", NAMES);
        this.records = new FileRecordStorage(root, tree);
        this.commits = new TreeCommits(tree, attributes);
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
