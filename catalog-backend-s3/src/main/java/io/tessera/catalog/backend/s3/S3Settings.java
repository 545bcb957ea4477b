package io.tessera.catalog.backend.s3;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The client settings a catalog URI and its options may give; absent ones fall back to the AWS chains. */
record S3Settings(Optional<URI> endpoint, Optional<String> region, Optional<Boolean> pathStyle, Optional<String> profile) {

    static final Set<String> NAMES = Set.of("endpoint", "region", "path-style", "profile");

    static S3Settings parse(URI catalog, Map<String, String> settings) {
        Set<String> unknown = new TreeSet<>(settings.keySet());
        unknown.removeAll(NAMES);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("S3 catalog '" + catalog + "': unknown option(s) " + unknown
                    + "; known options are " + new TreeSet<>(NAMES));
        }
        Optional<URI> endpoint = Optional.ofNullable(settings.get("endpoint")).map(e -> endpoint(catalog, e));
        Optional<String> region = Optional.ofNullable(settings.get("region")).map(r -> nonEmpty(catalog, "region", r));
        Optional<Boolean> pathStyle = Optional.ofNullable(settings.get("path-style")).map(p -> {
            if (!p.equalsIgnoreCase("true") && !p.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("S3 catalog '" + catalog + "': path-style must be true or false, got '"
                        + p + "'");
            }
            return Boolean.parseBoolean(p);
        });
        Optional<String> profile = Optional.ofNullable(settings.get("profile")).map(p -> nonEmpty(catalog, "profile", p));
        return new S3Settings(endpoint, region, pathStyle, profile);
    }

    private static String nonEmpty(URI catalog, String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException("S3 catalog '" + catalog + "': option " + name + " is empty");
        }
        return value;
    }

    private static URI endpoint(URI catalog, String value) {
        try {
            URI e = new URI(value);
            if (("http".equalsIgnoreCase(e.getScheme()) || "https".equalsIgnoreCase(e.getScheme()))
                    && e.getHost() != null && (e.getPath() == null || e.getPath().isEmpty() || e.getPath().equals("/"))
                    && e.getQuery() == null) {
                return e;
            }
        } catch (URISyntaxException ignored) {
            // reported below with the expected form
        }
        throw new IllegalArgumentException("S3 catalog '" + catalog + "': bad endpoint '" + value
                + "'; expected http://host[:port] or https://host[:port]");
    }
}
