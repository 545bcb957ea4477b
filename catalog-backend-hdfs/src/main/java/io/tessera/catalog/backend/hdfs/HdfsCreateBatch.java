package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.tree.StagedBatch;
import io.tessera.catalog.spi.tree.TreeStaging;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A new layer's records, written as rolling MapFiles into a staging directory of the writer's own
 * ({@link TreeStaging}) that the commit renames into the layer's place. Parts of the write in
 * other processes ({@link #part}) add MapFiles of their own index spans to the same directory; only
 * the owner's close marks it finished.
 */
final class HdfsCreateBatch implements RecordBatch, StagedBatch {

    private final HadoopTree tree;
    private final String target;
    private final String staging;
    private final boolean owner;
    private final RollingMapFileWriter writer;

    HdfsCreateBatch(HadoopTree tree, FileSystem fs, Configuration conf, String target, int interval) {
        this(tree, fs, conf, target, TreeStaging.begin(tree, target), true, interval, 0);
    }

    private HdfsCreateBatch(HadoopTree tree, FileSystem fs, Configuration conf, String target, String staging,
            boolean owner, int interval, int firstPartition) {
        this.tree = tree;
        this.target = target;
        this.staging = staging;
        this.owner = owner;
        this.writer = new RollingMapFileWriter(fs, conf, tree.resolve(staging), interval, firstPartition);
    }

    /** A part of the create batch whose staging directory is {@code share}; its files are numbered from {@code part}. */
    static HdfsCreateBatch part(HadoopTree tree, FileSystem fs, Configuration conf, String target, String share,
            int interval, int part) {
        return new HdfsCreateBatch(tree, fs, conf, target, TreeStaging.joined(tree, target, share), false, interval, part);
    }

    @Override
    public String staging() {
        return staging;
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public String share() {
        if (!owner) {
            throw new IllegalStateException("a part of a write cannot be shared again");
        }
        return staging;
    }

    @Override
    public void write(long index, byte[] record) {
        writer.append(index, record);
    }

    @Override
    public void delete(long index) {
        throw new IllegalStateException("a create batch has nothing to delete");
    }

    @Override
    public void close() {
        if (owner) {
            writer.close();
        } else {
            writer.closeFiles();
        }
    }

    @Override
    public void abort() {
        writer.discard();
        // A part's files are the owner's to remove (a retry of the part writes them again).
        if (owner) {
            tree.deleteTree(staging);
        }
    }
}
