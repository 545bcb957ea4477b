package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.AttributeNames;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.tree.TreeAttributeStorage;
import io.tessera.catalog.spi.tree.TreeCommits;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** A catalog directory in GeoTrellis's Hadoop layout, on any Hadoop file system. */
final class HdfsCatalogStorage {

    /** GeoTrellis's Hadoop attribute naming: {@code _attributes/<name>___<zoom>___<attribute>.json}. */
    static final AttributeNames NAMES = AttributeNames.layerFirst("___", ".json");

    private HdfsCatalogStorage() {
    }

    /**
     * The catalog at {@code root}.
     *
     * @param ownsFileSystem true when {@code fs} is this catalog's own, closed with it (else Hadoop's shared one)
     * @param maxOpenFiles MapFile readers kept open for point reads
     * @param interval MapFile index interval of what is written
     */
    static CatalogStorage open(FileSystem fs, boolean ownsFileSystem, Configuration conf, Path root, String location,
            int maxOpenFiles, int interval) {
        HadoopTree tree = new HadoopTree(fs, root);
        TreeAttributeStorage attributes = new TreeAttributeStorage(tree, "_attributes", NAMES);
        MapFileReads reads = new MapFileReads(fs, conf, maxOpenFiles);
        return CatalogStorage.of(location, "hdfs", attributes,
                new HdfsRecordStorage(tree, fs, conf, root, interval, reads), new TreeCommits(tree, attributes), () -> {
                    reads.close();
                    if (ownsFileSystem) {
                        try {
                            fs.close();
                        } catch (IOException e) {
                            throw new CatalogIOException("cannot close the connection to " + location + ": "
                                    + HadoopErrors.reason(e), e);
                        }
                    }
                });
    }
}
