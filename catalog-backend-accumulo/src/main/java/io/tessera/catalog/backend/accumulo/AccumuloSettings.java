package io.tessera.catalog.backend.accumulo;

import io.tessera.catalog.spi.CatalogOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * An Accumulo catalog's settings, from its URI
 * {@code accumulo://[user[:password]@]zookeeper[,zk2…][:port]/instance?attributes=metadata&layers=tiles}
 * and the options given to {@code Catalog.open} (which win over the URI's query parameters). The
 * user defaults to {@code root} and the password to empty, as GeoTrellis's; instead of a password a
 * client properties file ({@code accumulo-client.properties}) may be named, whose settings (its
 * authentication included) the URI's override.
 */
record AccumuloSettings(
        List<InetSocketAddress> zookeepers,
        String instance,
        String user,
        Optional<String> password,
        Optional<Path> propertiesFile,
        String attributeTable,
        String tileTable,
        int writeMemoryMiB,
        int writeThreads,
        int queryThreads,
        Duration timeout) {

    static final String FORM = "accumulo://[user[:password]@]zookeeper[,zookeeper2][:port]/instance-name"
            + "?attributes=metadata&layers=tiles";
    static final int DEFAULT_PORT = 2181;

    private static final List<String> KNOWN = List.of("attributes", "layers", "user", "password", "client-properties",
            "write-memory", "write-threads", "query-threads", "timeout");
    /** Accumulo's table names: word characters, after an optional {@code namespace.}. */
    private static final Pattern TABLE = Pattern.compile("(\\w+\\.)?\\w+");

    /**
     * Parses and checks a catalog URI and its options.
     *
     * @throws IllegalArgumentException saying what is wrong and the expected form
     */
    static AccumuloSettings parse(URI uri, Map<String, String> options) {
        Map<String, String> o = CatalogOptions.of(uri, options, FORM);
        for (String name : o.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "' for accumulo catalogs; known: "
                        + String.join(", ", KNOWN));
            }
        }
        String authority = uri.getRawAuthority();
        if (uri.isOpaque() || authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("catalog URI '" + CatalogOptions.shown(uri) + "' names no ZooKeeper host; expected " + FORM);
        }
        CatalogOptions.Authority parts = CatalogOptions.Authority.of(authority, o);
        String path = uri.getPath() == null ? "" : uri.getPath();
        String instance = path.startsWith("/") ? path.substring(1) : path;
        if (instance.isEmpty() || instance.contains("/")) {
            throw new IllegalArgumentException("catalog URI '" + CatalogOptions.shown(uri) + "' names no Accumulo instance (the path is the"
                    + " instance name); expected " + FORM);
        }
        Optional<Path> properties = Optional.ofNullable(o.get("client-properties")).map(Path::of);
        properties.ifPresent(p -> {
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("option client-properties names '" + p + "', which is not a readable"
                        + " file; name an Accumulo client properties file (accumulo-client.properties)");
            }
        });
        int memory = CatalogOptions.positive(o.get("write-memory"), "write-memory", 64);
        if (memory > 4096) {
            throw new IllegalArgumentException("option write-memory is in MiB and must be at most 4096, got '"
                    + o.get("write-memory") + "'");
        }
        return new AccumuloSettings(
                CatalogOptions.hosts(uri, parts.hosts(), DEFAULT_PORT, FORM),
                instance,
                parts.user().orElse("root"),
                parts.password(),
                properties,
                table(o.getOrDefault("attributes", "metadata"), "attribute table", uri),
                table(o.getOrDefault("layers", "tiles"), "tile table", uri),
                memory,
                CatalogOptions.positive(o.get("write-threads"), "write-threads", 4),
                CatalogOptions.positive(o.get("query-threads"), "query-threads", 4),
                CatalogOptions.duration(o.get("timeout"), "timeout", Duration.ofSeconds(60)));
    }

    private static String table(String name, String what, URI uri) {
        if (!TABLE.matcher(name).matches()) {
            throw new IllegalArgumentException("catalog URI '" + CatalogOptions.shown(uri) + "': " + what + " name '" + name + "' is not a valid"
                    + " Accumulo table name (letters, digits and '_', after an optional 'namespace.')");
        }
        return name;
    }

    /** The ZooKeeper hosts as Accumulo takes them: {@code host:port,host:port}. */
    String zookeeperSpec() {
        List<String> hosts = new ArrayList<>();
        for (InetSocketAddress a : zookeepers) {
            String h = a.getHostString();
            hosts.add((h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort());
        }
        return String.join(",", hosts);
    }

    /**
     * The client's properties: the named file's, then the URI's instance and ZooKeepers over them.
     * Credentials are not among them (see {@link #fileAuthenticates}).
     */
    Properties clientProperties() {
        Properties p = new Properties();
        propertiesFile.ifPresent(file -> {
            try (InputStream in = Files.newInputStream(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the Accumulo client properties file " + file + ": "
                        + e.getMessage(), e);
            }
        });
        p.setProperty("instance.name", instance);
        p.setProperty("instance.zookeepers", zookeeperSpec());
        p.setProperty("instance.zookeepers.timeout", Math.max(1, timeout.toSeconds()) + "s");
        return p;
    }

    /**
     * Whether the client authenticates as the properties file says; otherwise as {@link #user} with
     * {@link #password} (empty when none is given, as GeoTrellis's default), which Accumulo's
     * properties cannot carry.
     */
    boolean fileAuthenticates(Properties clientProperties) {
        return password.isEmpty() && clientProperties.containsKey("auth.type");
    }

    /** The catalog as users name it, without credentials or settings that do not name it. */
    String location() {
        return "accumulo://" + zookeeperSpec() + "/" + instance + "?attributes=" + attributeTable
                + "&layers=" + tileTable;
    }
}
