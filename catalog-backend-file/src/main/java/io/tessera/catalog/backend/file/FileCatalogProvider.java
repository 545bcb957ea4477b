package io.tessera.catalog.backend.file;

import io.tessera.catalog.spi.CatalogProvider;
import io.tessera.catalog.spi.CatalogStorage;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The local file backend: {@code file:///abs/path}, {@code file:/abs/path}, or a bare absolute
 * path (turned into a {@code file:} URI by the core). The catalog directory is created on first write.
 */
public final class FileCatalogProvider implements CatalogProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("file");
    }

    @Override
    public CatalogStorage open(URI uri, Map<String, String> options) {
        if (uri.isOpaque() || uri.getPath() == null || uri.getPath().isEmpty()) {
            throw new IllegalArgumentException("file catalog URI '" + uri + "' has no absolute path;"
                    + " expected file:///abs/path or /abs/path");
        }
        if (uri.getAuthority() != null && !uri.getAuthority().isEmpty() && !"localhost".equals(uri.getAuthority())) {
            throw new IllegalArgumentException("file catalog URI '" + uri + "' names host '" + uri.getAuthority()
                    + "'; file catalogs are local: use file:///abs/path (three slashes)");
        }
        if (uri.getQuery() != null || !options.isEmpty()) {
            throw new IllegalArgumentException("file catalogs take no options, got '" + uri.getQuery() + "' " + options.keySet());
        }
        Path root = Path.of(uri.getPath()).toAbsolutePath().normalize();
        return FileCatalogStorage.open(root);
    }
}
