package io.tessera.catalog.backend.hbase;

import io.tessera.catalog.spi.CatalogOptions;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.hbase.TableName;

/**
 * An HBase catalog's settings, from its URI
 * {@code hbase://zookeeper[,zk2…][:port]?master=host&attributes=metadata&layers=tiles} and the
 * options given to {@code Catalog.open} (which win over the URI's query parameters). Options named
 * like HBase, ZooKeeper or Hadoop settings ({@code hbase.*}, {@code zookeeper.*}, {@code hadoop.*})
 * go into the client's configuration over what {@code hbase-site.xml} says.
 */
record HBaseSettings(
        List<InetSocketAddress> quorum,
        Optional<String> master,
        String attributeTable,
        String tileTable,
        int writeBufferMiB,
        Duration operationTimeout,
        Map<String, String> configuration) {

    static final String FORM = "hbase://zookeeper[,zookeeper2][:port]?master=host&attributes=metadata&layers=tiles";
    static final int DEFAULT_PORT = 2181;

    private static final List<String> KNOWN = List.of("attributes", "layers", "master", "write-buffer",
            "operation-timeout");
    private static final List<String> PASSED_ON = List.of("hbase.", "zookeeper.", "hadoop.");

    /**
     * Parses and checks a catalog URI and its options. The seed's guide spells the parameters with a
     * second {@code ?} ({@code hbase://zk?master=h?attributes=t}); that spelling is read as {@code &}.
     *
     * @throws IllegalArgumentException saying what is wrong and the expected form
     */
    static HBaseSettings parse(URI uri, Map<String, String> options) {
        String authority = uri.getRawAuthority();
        if (uri.isOpaque() || authority == null || authority.isEmpty()) {
            throw new IllegalArgumentException("catalog URI '" + uri + "' names no ZooKeeper host; expected " + FORM);
        }
        if (authority.contains("@")) {
            throw new IllegalArgumentException("catalog URI '" + uri + "' has user information; HBase catalogs take"
                    + " credentials from the HBase configuration (hbase-site.xml), not the URI; expected " + FORM);
        }
        String path = uri.getRawPath();
        if (path != null && !path.isEmpty() && !path.equals("/")) {
            throw new IllegalArgumentException("catalog URI '" + uri + "' has a path '" + path + "'; HBase catalogs name"
                    + " their tables with ?attributes= and ?layers=; expected " + FORM);
        }
        Map<String, String> o = CatalogOptions.of(withOneQuestionMark(uri), options, FORM);
        Map<String, String> configuration = new TreeMap<>();
        for (Map.Entry<String, String> e : o.entrySet()) {
            String name = e.getKey();
            if (PASSED_ON.stream().anyMatch(name::startsWith)) {
                configuration.put(name, e.getValue());
            } else if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "' for hbase catalogs; known: "
                        + String.join(", ", KNOWN) + ", and HBase, ZooKeeper and Hadoop settings (hbase.*, zookeeper.*,"
                        + " hadoop.*)");
            }
        }
        long buffer = CatalogOptions.positive(o.get("write-buffer"), "write-buffer", 8);
        if (buffer > 1024) {
            throw new IllegalArgumentException("option write-buffer is in MiB and must be at most 1024, got '"
                    + o.get("write-buffer") + "'");
        }
        return new HBaseSettings(
                CatalogOptions.hosts(uri, authority, DEFAULT_PORT, FORM),
                Optional.ofNullable(o.get("master")).filter(m -> !m.isBlank()),
                table(o.getOrDefault("attributes", "metadata"), "attribute table", uri),
                table(o.getOrDefault("layers", "tiles"), "tile table", uri),
                (int) buffer,
                CatalogOptions.duration(o.get("operation-timeout"), "operation-timeout", Duration.ofSeconds(60)),
                configuration);
    }

    private static URI withOneQuestionMark(URI uri) {
        String s = uri.toString();
        int q = s.indexOf('?');
        return q < 0 ? uri : URI.create(s.substring(0, q + 1) + s.substring(q + 1).replace('?', '&'));
    }

    private static String table(String name, String what, URI uri) {
        try {
            TableName.valueOf(name);
            return name;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("catalog URI '" + uri + "': " + what + " name '" + name + "' is not a valid"
                    + " HBase table name (letters, digits, '_', '-' and '.', after an optional 'namespace:')", e);
        }
    }

    /** The ZooKeeper quorum as HBase takes it: {@code host:port,host:port}. */
    String quorumSpec() {
        List<String> hosts = new ArrayList<>();
        for (InetSocketAddress a : quorum) {
            String h = a.getHostString();
            hosts.add((h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort());
        }
        return String.join(",", hosts);
    }

    /** The catalog as users name it, without settings that do not name it. */
    String location() {
        return "hbase://" + quorumSpec() + "?attributes=" + attributeTable + "&layers=" + tileTable;
    }
}
