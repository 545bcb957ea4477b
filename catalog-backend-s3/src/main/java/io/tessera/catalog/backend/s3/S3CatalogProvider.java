package io.tessera.catalog.backend.s3;

import io.tessera.catalog.spi.CatalogProvider;
import io.tessera.catalog.spi.CatalogStorage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The S3 backend: {@code s3://bucket/prefix} or {@code s3://bucket}, in GeoTrellis's S3 layout.
 * The AWS default credential and region chains apply; for S3-compatible stores the options
 * {@code endpoint}, {@code region}, {@code path-style} and {@code profile} may be given as URI
 * query parameters or as open options (options win).
 */
public final class S3CatalogProvider implements CatalogProvider {

    static final String FORM = "s3://bucket[/prefix][?endpoint=http://host:port&region=r&path-style=true|false&profile=p]";

    @Override
    public Set<String> schemes() {
        return Set.of("s3");
    }

    @Override
    public CatalogStorage open(URI uri, Map<String, String> options) {
        String bucket = uri.getRawAuthority();
        if (uri.isOpaque() || bucket == null || bucket.isEmpty()) {
            throw new IllegalArgumentException("S3 catalog URI '" + uri + "' names no bucket; expected " + FORM);
        }
        if (uri.getUserInfo() != null || uri.getPort() != -1 || bucket.contains("%")) {
            throw new IllegalArgumentException("S3 catalog URI '" + uri + "' has a malformed bucket '" + bucket
                    + "'; expected " + FORM);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("S3 catalog URI '" + uri + "' has a fragment; expected " + FORM);
        }
        Map<String, String> settings = new LinkedHashMap<>(query(uri));
        settings.putAll(options);
        S3Settings s = S3Settings.parse(uri, settings);
        try {
            return new S3CatalogStorage(bucket, S3Keys.normalize(uri.getPath()), s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("S3 catalog '" + uri + "': " + e.getMessage(), e);
        }
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = uri.getRawQuery();
        if (q == null || q.isEmpty()) {
            return out;
        }
        for (String part : q.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("S3 catalog URI '" + uri + "' has a query parameter '" + part
                        + "' without a value; expected " + FORM);
            }
            out.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
