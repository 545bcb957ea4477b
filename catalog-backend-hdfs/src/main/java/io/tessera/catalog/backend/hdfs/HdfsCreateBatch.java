package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.tree.StagedBatch;
import io.tessera.catalog.spi.tree.TreeStaging;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A new layer's records, written as rolling MapFiles into a staging directory of the writer's own
 * ({@link TreeStaging}) that the commit renames into the layer's place.
 */
final class HdfsCreateBatch implements RecordBatch, StagedBatch {

    private final HadoopTree tree;
    private final String target;
    private final String staging;
    private final RollingMapFileWriter writer;

    HdfsCreateBatch(HadoopTree tree, FileSystem fs, Configuration conf, String target, int interval) {
        this.tree = tree;
        this.target = target;
        this.staging = TreeStaging.begin(tree, target);
        this.writer = new RollingMapFileWriter(fs, conf, tree.resolve(staging), interval, 0);
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
    public void write(long index, byte[] record) {
        writer.append(index, record);
    }

    @Override
    public void delete(long index) {
        throw new IllegalStateException("a create batch has nothing to delete");
    }

    @Override
    public void close() {
        writer.close();
    }

    @Override
    public void abort() {
        writer.discard();
        tree.deleteTree(staging);
    }
}
