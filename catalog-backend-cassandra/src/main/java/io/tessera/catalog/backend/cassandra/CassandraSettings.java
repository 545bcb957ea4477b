package io.tessera.catalog.backend.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import io.tessera.catalog.spi.CatalogOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Cassandra catalog's settings, from its URI
 * {@code cassandra://[user:password@]host[,host2…][:port]/keyspace?attributes=metadata&layers=tiles}
 * and the options given to {@code Catalog.open} (which win over the URI's query parameters).
 */
record CassandraSettings(
        List<InetSocketAddress> contactPoints,
        Optional<String> user,
        Optional<String> password,
        String keyspace,
        String attributeTable,
        String tileTable,
        String localDatacenter,
        String replicationStrategy,
        int replicationFactor,
        ConsistencyLevel consistency,
        Duration requestTimeout,
        int maxInFlight) {

    static final String FORM = "cassandra://[user:password@]host[,host2][:port]/keyspace?attributes=metadata&layers=tiles";
    static final int DEFAULT_PORT = 9042;

    /** Unquoted CQL names: what GeoTrellis creates and what needs no quoting anywhere. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");

    private static final List<String> KNOWN = List.of("attributes", "layers", "user", "password", "datacenter",
            "replication-strategy", "replication-factor", "consistency", "request-timeout", "max-in-flight");

    /**
     * Parses and checks a catalog URI and its options.
     *
     * @throws IllegalArgumentException saying what is wrong and the expected form
     */
    static CassandraSettings parse(URI uri, Map<String, String> options) {
        Map<String, String> o = new HashMap<>(CatalogOptions.of(uri, options, FORM));
        for (String name : o.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "' for cassandra catalogs; known: "
                        + String.join(", ", KNOWN));
            }
        }
        String authority = uri.getRawAuthority();
        if (uri.isOpaque() || authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("catalog URI '" + CatalogOptions.shown(uri) + "' names no host; expected " + FORM);
        }
        CatalogOptions.Authority parts = CatalogOptions.Authority.of(authority, o);
        Optional<String> user = parts.user();
        Optional<String> password = parts.password();
        authority = parts.hosts();
        if (user.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("catalog URI '" + CatalogOptions.shown(uri) + "' gives a user without a password or a"
                    + " password without a user; give both, as user:password@host or the options user and password");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String keyspace = path.startsWith("/") ? path.substring(1) : path;
        if (keyspace.isEmpty()) {
            throw new IllegalArgumentException("catalog URI '" + CatalogOptions.shown(uri) + "' names no keyspace; expected " + FORM);
        }
        return new CassandraSettings(CatalogOptions.hosts(uri, authority, DEFAULT_PORT, FORM),
                user, password,
                name(keyspace, "keyspace", uri),
                name(o.getOrDefault("attributes", "metadata"), "attribute table", uri),
                name(o.getOrDefault("layers", "tiles"), "tile table", uri),
                o.getOrDefault("datacenter", "datacenter1"),
                o.getOrDefault("replication-strategy", "SimpleStrategy"),
                CatalogOptions.positive(o.get("replication-factor"), "replication-factor", 1),
                consistency(o.get("consistency")),
                CatalogOptions.duration(o.get("request-timeout"), "request-timeout", Duration.ofSeconds(12)),
                CatalogOptions.positive(o.get("max-in-flight"), "max-in-flight", 64));
    }

    private static String name(String value, String what, URI uri) {
        if (!NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("catalog URI '" + CatalogOptions.shown(uri) + "': " + what + " name '" + value
                    + "' is not a valid Cassandra name (a letter, then up to 47 letters, digits or underscores)");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static ConsistencyLevel consistency(String value) {
        if (value == null) {
            return DefaultConsistencyLevel.LOCAL_QUORUM;
        }
        try {
            return DefaultConsistencyLevel.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option consistency must be a Cassandra consistency level such as"
                    + " LOCAL_QUORUM, QUORUM, ONE or ALL, got '" + value + "'", e);
        }
    }

    /** The catalog as users name it, without credentials or options. */
    String location() {
        StringBuilder hosts = new StringBuilder();
        for (InetSocketAddress a : contactPoints) {
            hosts.append(hosts.length() > 0 ? "," : "").append(a.getHostString()).append(':').append(a.getPort());
        }
        return "cassandra://" + hosts + "/" + keyspace + "?attributes=" + attributeTable + "&layers=" + tileTable;
    }
}
