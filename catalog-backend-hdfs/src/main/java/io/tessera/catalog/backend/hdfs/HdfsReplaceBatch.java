package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.spi.RangeReads;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.StoredRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Changes to a layer's records (writes and deletes, ascending), applied to its MapFiles as new
 * files: GeoTrellis rewrites the affected files in place, where a crash loses them. Here the
 * changes are first written to MapFiles of their own in a work directory; at {@code close} every
 * file whose span meets the changed indexes is merged with them (a change wins over the stored
 * record) into new files there, an intent naming the files dropped and added is written
 * ({@link ReplaceIntent}), and the new files are moved in and the old ones deleted. From the intent
 * on, readers see the new files; a writer killed before it sees the old ones; one killed after it is
 * finished by whoever opens the next batch of the layer.
 */
final class HdfsReplaceBatch implements RecordBatch {

    /** Marks a deletion among the changes: stored records are zlib streams, never empty. */
    private static final byte[] GONE = new byte[0];

    private final FileSystem fs;
    private final Configuration conf;
    private final HadoopTree tree;
    private final String target;
    private final int interval;
    private final Path layer;
    private final String id = UUID.randomUUID().toString();
    private final Path work;
    private final RollingMapFileWriter changes;
    private long lo = Long.MAX_VALUE;
    private long hi = Long.MIN_VALUE;
    private ReplaceIntent intent;

    HdfsReplaceBatch(HadoopTree tree, FileSystem fs, Configuration conf, String target, int interval) {
        this.tree = tree;
        this.fs = fs;
        this.conf = conf;
        this.target = target;
        this.interval = interval;
        this.layer = tree.resolve(target);
        ReplaceIntent.finishAll(fs, layer);
        this.work = ReplaceIntent.work(layer, id);
        this.changes = new RollingMapFileWriter(fs, conf, new Path(work, "changes"), interval, 0);
    }

    @Override
    public void write(long index, byte[] record) {
        changes.append(index, record);
        lo = Math.min(lo, index);
        hi = Math.max(hi, index);
    }

    @Override
    public void delete(long index) {
        write(index, GONE);
    }

    @Override
    public String share() {
        throw new IllegalStateException("only a create batch can be shared");
    }

    @Override
    public void close() {
        changes.close();
        if (lo > hi) {
            tree.deleteTree(target + "/" + work.getName());
            return;
        }
        List<MapFileSpans.Span> spans = MapFileSpans.of(fs, conf, layer);
        IndexRange changed = new IndexRange(lo, hi);
        List<MapFileSpans.Span> affected = spans.stream().filter(s -> s.meets(changed)).toList();
        int next = spans.stream().mapToInt(MapFileSpans.Span::partition).max().orElse(-1);
        Path out = new Path(work, "new");
        // The affected files' spans are disjoint from every other file's, so scanning them reads exactly those files.
        List<IndexRange> affectedSpans = affected.stream().map(s -> new IndexRange(s.first(), s.last())).toList();
        try (MapFileReads reads = new MapFileReads(fs, conf, 1);
                RangeReads.RecordCursor stored = reads.scan(layer, affectedSpans);
                RangeReads.RecordCursor news = reads.scan(new Path(work, "changes"),
                        List.of(new IndexRange(Long.MIN_VALUE, Long.MAX_VALUE)));
                RollingMapFileWriter merged = new RollingMapFileWriter(fs, conf, out, interval,
                        Math.max(next, spans.size() - 1) + 1)) {
            merge(stored, news, merged);
        }
        List<String> added = new ArrayList<>();
        try {
            for (FileStatus s : fs.listStatus(out)) {
                if (s.isDirectory()) {
                    added.add(s.getPath().getName());
                }
                if (s.isDirectory() && !fs.rename(s.getPath(), new Path(work, s.getPath().getName()))) {
                    throw new IOException("cannot move " + s.getPath().getName() + " within " + work);
                }
            }
        } catch (IOException e) {
            throw new CatalogIOException("cannot gather the rewritten MapFiles of " + layer + ": " + HadoopErrors.reason(e), e);
        }
        intent = new ReplaceIntent(layer, id, affected.stream().map(s -> s.file().getName()).toList(), added);
        intent.write(tree, target);
        intent.finish(fs);
    }

    /** Both sorted streams into one; where an index is in both, the change wins, and a deletion drops it. */
    private static void merge(Iterator<StoredRecord> old, Iterator<StoredRecord> news, RollingMapFileWriter out) {
        StoredRecord a = old.hasNext() ? old.next() : null;
        StoredRecord b = news.hasNext() ? news.next() : null;
        while (a != null || b != null) {
            if (b == null || (a != null && a.index() < b.index())) {
                out.append(a.index(), a.bytes());
                a = old.hasNext() ? old.next() : null;
                continue;
            }
            if (a != null && a.index() == b.index()) {
                a = old.hasNext() ? old.next() : null;
            }
            if (b.bytes().length > 0) {
                out.append(b.index(), b.bytes());
            }
            b = news.hasNext() ? news.next() : null;
        }
    }

    @Override
    public void abort() {
        changes.discard();
        if (intent != null) {
            intent.finish(fs);
        } else {
            tree.deleteTree(target + "/" + work.getName());
        }
    }
}
