package io.tessera.catalog.spi;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds the backend for a catalog URI among the {@link CatalogProvider}s on the classpath and
 * opens it. A bare absolute path means a local file catalog.
 */
public final class Backends {

    private Backends() {
    }

    /**
     * Opens the catalog at {@code uri}.
     *
     * @throws IllegalArgumentException for a malformed URI, or one whose scheme no backend on the
     *     classpath serves (the message lists the schemes that are)
     */
    public static CatalogStorage open(String uri, Map<String, String> options) {
        URI parsed = parse(uri);
        String scheme = parsed.getScheme().toLowerCase(Locale.ROOT);
        Map<String, CatalogProvider> providers = providers();
        CatalogProvider p = providers.get(scheme);
        if (p == null) {
            throw new IllegalArgumentException("no catalog backend for scheme '" + scheme + "' in '" + uri
                    + "'; schemes on the classpath: " + String.join(", ", providers.keySet())
                    + " (add the catalog-backend-" + scheme + " module to use it)");
        }
        return p.open(parsed, options);
    }

    /** The providers on the classpath by scheme. */
    public static Map<String, CatalogProvider> providers() {
        Map<String, CatalogProvider> m = new TreeMap<>();
        for (CatalogProvider p : ServiceLoader.load(CatalogProvider.class)) {
            for (String s : p.schemes()) {
                m.putIfAbsent(s, p);
            }
        }
        return m;
    }

    /** Parses a catalog URI; a bare absolute path becomes a {@code file:} URI. */
    static URI parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("catalog URI is empty; expected e.g. file:///data/catalog or s3://bucket/prefix");
        }
        String u = uri.trim();
        if (u.startsWith("/")) {
            return java.nio.file.Path.of(u).toUri();
        }
        URI parsed;
        try {
            parsed = new URI(u);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed catalog URI '" + uri + "': " + e.getMessage()
                    + "; expected e.g. file:///data/catalog or s3://bucket/prefix", e);
        }
        if (parsed.getScheme() == null) {
            throw new IllegalArgumentException("catalog URI '" + uri + "' has no scheme and is not an absolute path;"
                    + " expected e.g. file:///data/catalog, /data/catalog or s3://bucket/prefix");
        }
        return parsed;
    }

}
