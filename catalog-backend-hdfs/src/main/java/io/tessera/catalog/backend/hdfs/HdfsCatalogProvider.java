package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.CatalogOptions;
import io.tessera.catalog.spi.CatalogProvider;
import io.tessera.catalog.spi.CatalogStorage;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The Hadoop backend: {@code hdfs://namenode:port/path/to/catalog}, and {@code hdfs+file:///abs/path}
 * for the same layout on the local file system through Hadoop (GeoTrellis's own scheme for it).
 * Options, as URI query parameters or open options (options win): {@code maxOpenFiles} (MapFile
 * readers kept open, default 16) and {@code interval} (MapFile index interval, default 4), as
 * GeoTrellis has them; any other option whose name holds a dot is a Hadoop configuration property
 * (e.g. {@code dfs.replication}), set over what the environment gives ({@code core-site.xml} and
 * {@code hdfs-site.xml} on the class path and in {@code $HADOOP_CONF_DIR}).
 */
public final class HdfsCatalogProvider implements CatalogProvider {

    private static final String FORM = "hdfs://namenode:port/path/to/catalog or hdfs+file:///abs/path";

    @Override
    public Set<String> schemes() {
        return Set.of("hdfs", "hdfs+file");
    }

    @Override
    public CatalogStorage open(URI uri, Map<String, String> options) {
        Map<String, String> settings = CatalogOptions.of(uri, options, FORM);
        int maxOpenFiles = CatalogOptions.positive(settings.remove("maxOpenFiles"), "maxOpenFiles", 16);
        int interval = CatalogOptions.positive(settings.remove("interval"), "interval", 4);
        Configuration conf = environment();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (!e.getKey().contains(".")) {
                throw new IllegalArgumentException("unknown option '" + e.getKey() + "' for " + uri.getScheme()
                        + " catalogs; known: maxOpenFiles, interval, or a Hadoop property such as dfs.replication");
            }
            conf.set(e.getKey(), e.getValue());
        }
        URI fsUri = fileSystemUri(uri);
        try {
            // Hadoop's shared client per file system, unless this catalog sets properties of its own:
            // a client costs a connection and a configuration load, which every open would repeat.
            boolean own = !settings.isEmpty();
            FileSystem fs = own ? FileSystem.newInstance(fsUri, conf) : FileSystem.get(fsUri, conf);
            Path root = fs.makeQualified(new Path(fsUri));
            return HdfsCatalogStorage.open(fs, own, conf, root, location(uri), maxOpenFiles, interval);
        } catch (IOException e) {
            throw new CatalogIOException("cannot reach the Hadoop file system of " + uri + ": "
                    + HadoopErrors.reason(e), e);
        }
    }

    /**
     * Hadoop's configuration as the environment gives it: {@code core-site.xml} and
     * {@code hdfs-site.xml} on the class path (Hadoop reads those itself) and in
     * {@code $HADOOP_CONF_DIR}, which Hadoop's own launch scripts put on the class path and a plain
     * JVM does not.
     */
    private static Configuration environment() {
        Configuration conf = new Configuration();
        String dir = System.getenv("HADOOP_CONF_DIR");
        if (dir != null && !dir.isBlank()) {
            for (String site : List.of("core-site.xml", "hdfs-site.xml")) {
                java.nio.file.Path file = java.nio.file.Path.of(dir, site);
                if (Files.isRegularFile(file)) {
                    conf.addResource(new Path(file.toUri()));
                }
            }
        }
        return conf;
    }

    /** The catalog's URI without options, as it was given. */
    private static String location(URI uri) {
        try {
            return new URI(uri.getScheme(), uri.getAuthority(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return uri.toString();
        }
    }

    /** {@code hdfs+file:///p} → {@code file:///p}; {@code hdfs://nn:port/p} as it is, without the query. */
    private static URI fileSystemUri(URI uri) {
        if (uri.getPath() == null || uri.getPath().isEmpty() || !uri.getPath().startsWith("/")) {
            throw new IllegalArgumentException("catalog URI '" + uri + "' has no absolute path; expected " + FORM);
        }
        String scheme = uri.getScheme().equals("hdfs+file") ? "file" : uri.getScheme();
        if (scheme.equals("hdfs") && (uri.getAuthority() == null || uri.getAuthority().isEmpty())) {
            throw new IllegalArgumentException("catalog URI '" + uri + "' names no NameNode; expected "
                    + "hdfs://namenode:port/path/to/catalog");
        }
        try {
            return new URI(scheme, uri.getAuthority(), uri.getPath(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("catalog URI '" + uri + "' is not valid: " + e.getReason(), e);
        }
    }
}
