package io.tessera.catalog.backend.s3;

import io.tessera.catalog.spi.CatalogOptions;
import io.tessera.catalog.spi.CatalogProvider;
import io.tessera.catalog.spi.CatalogStorage;
import java.net.URI;
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
        S3Settings s = S3Settings.parse(uri, CatalogOptions.of(uri, options, FORM));
        try {
            return S3CatalogStorage.open(bucket, S3Keys.normalize(uri.getPath()), s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("S3 catalog '" + uri + "': " + e.getMessage(), e);
        }
    }
}
