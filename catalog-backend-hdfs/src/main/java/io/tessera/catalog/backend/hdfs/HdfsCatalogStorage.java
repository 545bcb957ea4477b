package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.AttributeNames;
import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.LayerCommits;
import io.tessera.catalog.spi.RecordStorage;
import io.tessera.catalog.spi.tree.TreeAttributeStorage;
import io.tessera.catalog.spi.tree.TreeCommits;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** A catalog directory in GeoTrellis's Hadoop layout, on any Hadoop file system. */
final class HdfsCatalogStorage implements CatalogStorage {

    /** GeoTrellis's Hadoop attribute naming: {@code _attributes/<name>___<zoom>___<attribute>.json}. */
    static final AttributeNames NAMES = AttributeNames.layerFirst("___", ".json");

    private final FileSystem fs;
    private final boolean ownsFileSystem;
    private final String location;
    private final TreeAttributeStorage attributes;
    private final HdfsRecordStorage records;
    private final TreeCommits commits;
    private final MapFileReads reads;

    /**
     * @param ownsFileSystem true when {@code fs} is this catalog's own, closed with it (else Hadoop's shared one)
     * @param maxOpenFiles MapFile readers kept open for point reads
     * @param interval MapFile index interval of what is written
     */
    HdfsCatalogStorage(FileSystem fs, boolean ownsFileSystem, Configuration conf, Path root, String location,
            int maxOpenFiles, int interval) {
        this.fs = fs;
        this.ownsFileSystem = ownsFileSystem;
        this.location = location;
        HadoopTree tree = new HadoopTree(fs, root);
        this.attributes = new TreeAttributeStorage(tree, "_attributes", NAMES);
        this.reads = new MapFileReads(fs, conf, maxOpenFiles);
        this.records = new HdfsRecordStorage(tree, fs, conf, root, interval, reads);
        this.commits = new TreeCommits(tree, attributes);
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public String format() {
        return "hdfs";
    }

    @Override
    public AttributeStorage attributes() {
        return attributes;
    }

    @Override
    public RecordStorage records() {
        return records;
    }

    @Override
    public LayerCommits commits() {
        return commits;
    }

    @Override
    public void close() {
        reads.close();
        if (!ownsFileSystem) {
            return;
        }
        try {
            fs.close();
        } catch (IOException e) {
            throw new CatalogIOException("cannot close the connection to " + location + ": " + HadoopErrors.reason(e), e);
        }
    }
}
