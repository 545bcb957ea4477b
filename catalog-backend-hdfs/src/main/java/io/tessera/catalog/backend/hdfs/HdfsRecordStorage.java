package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RangeReads;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.RecordStorage;
import io.tessera.catalog.spi.WriteOrder;
import io.tessera.catalog.spi.tree.TreeStaging;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Records as GeoTrellis's Hadoop layout keeps them: MapFiles under the layer directory, whose
 * absolute URI the header's {@code path} holds (as GeoTrellis writes it, so GeoTrellis reads our
 * catalogs in place). Unlike GeoTrellis, a header pointing outside the catalog (a catalog copied or
 * mounted elsewhere) is read from {@code <root>/<name>/<zoom>}. Records are taken ascending from one
 * thread and written as rolling MapFiles; reads scan only the files whose span meets a range.
 */
final class HdfsRecordStorage implements RecordStorage, RangeReads {

    private final HadoopTree tree;
    private final FileSystem fs;
    private final Configuration conf;
    private final String root;
    private final int interval;
    private final MapFileReads reads;

    /**
     * @param interval the MapFile index interval of what is written
     */
    HdfsRecordStorage(HadoopTree tree, FileSystem fs, Configuration conf, Path root, int interval, MapFileReads reads) {
        this.tree = tree;
        this.fs = fs;
        this.conf = conf;
        this.root = fs.makeQualified(root).toString();
        this.interval = interval;
        this.reads = reads;
    }

    private String absolute(String relative) {
        return root + "/" + relative;
    }

    /** The layer's directory relative to the catalog root. */
    String relative(RecordLocation layer) {
        String path = fs.makeQualified(new Path(layer.field("path"))).toString();
        if (path.startsWith(root + "/")) {
            return path.substring(root.length() + 1);
        }
        LayerId id = layer.layerId();
        return id.name() + "/" + id.zoom();
    }

    @Override
    public Map<String, String> newLocation(LayerId id) {
        return Map.of("path", absolute(id.name() + "/" + id.zoom()));
    }

    @Override
    public Map<String, String> replacementLocation(LayerId id, Map<String, String> current) {
        String now = relative(RecordLocation.of(id, current, 0, List::of));
        return Map.of("path", absolute(TreeStaging.reindexed(id.name() + "/" + id.zoom(), now)));
    }

    @Override
    public WriteOrder writeOrder() {
        return WriteOrder.ASCENDING_UNIQUE;
    }

    @Override
    public RecordBatch openBatch(RecordLocation layer, BatchMode mode) {
        String target = relative(layer);
        return mode == BatchMode.CREATE
                ? new HdfsCreateBatch(tree, fs, conf, target, interval)
                : new HdfsReplaceBatch(tree, fs, conf, target, interval);
    }

    @Override
    public RecordBatch joinBatch(RecordLocation layer, String share, int part) {
        return HdfsCreateBatch.part(tree, fs, conf, relative(layer), share, interval, part);
    }

    @Override
    public Optional<byte[]> read(RecordLocation layer, long index) {
        return reads.read(tree.resolve(relative(layer)), index);
    }

    @Override
    public RecordCursor scan(RecordLocation layer, List<IndexRange> ranges) {
        return reads.scan(tree.resolve(relative(layer)), ranges);
    }

    @Override
    public void delete(RecordLocation layer) {
        String dir = relative(layer);
        tree.deleteTree(dir);
        // Leave no empty <name>/ directory behind when its last zoom goes.
        int slash = dir.lastIndexOf('/');
        if (slash > 0 && tree.list(dir.substring(0, slash)).isEmpty()) {
            tree.deleteTree(dir.substring(0, slash));
        }
    }
}
