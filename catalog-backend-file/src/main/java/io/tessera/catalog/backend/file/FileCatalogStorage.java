package io.tessera.catalog.backend.file;

import io.tessera.catalog.spi.AttributeNames;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.tree.TreeAttributeStorage;
import io.tessera.catalog.spi.tree.TreeCommits;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** A catalog directory in GeoTrellis's file layout. */
final class FileCatalogStorage {

    /** GeoTrellis's file attribute naming: {@code attributes/<name>__.__<zoom>__.__<attribute>.json}. */
    static final AttributeNames NAMES = AttributeNames.layerFirst("__.__", ".json");

    private FileCatalogStorage() {
    }

    /** The catalog at {@code root}; nothing is held open between calls, so closing it releases nothing. */
    static CatalogStorage open(Path root) {
        LocalTree tree = new LocalTree(root);
        TreeAttributeStorage attributes = new TreeAttributeStorage(tree, "attributes", NAMES);
        return CatalogStorage.of(location(root), "file", attributes, new FileRecordStorage(root, tree),
                new TreeCommits(tree, attributes), () -> { });
    }

    /** {@code file:} plus the absolute path; unlike {@code Path.toUri} it does not change once the directory exists. */
    private static String location(Path root) {
        try {
            return new URI("file", null, root.toString(), null).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot form a URI of " + root, e);
        }
    }
}
