package io.tessera.catalog.backend.hbase;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.RangeReads;
import io.tessera.catalog.spi.StoredRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;

/**
 * The records of one scan split at region boundaries, read region by region in parallel and handed
 * out in row order: a few regions' scans run ahead of the consumer, each into a small bounded queue,
 * so a whole-layer read over many region servers is not one server at a time.
 */
final class RegionScans implements RangeReads.RecordCursor {

    /** Regions read at once, the consumer's included. */
    private static final int AHEAD = 3;
    /** Records a region's scan may hold ready before the consumer takes them (a record is up to ~300 KiB). */
    private static final int QUEUED = 16;
    private static final Object END = new Object();

    private final List<Scan> scans;
    private final HBaseTables tables;
    private final String table;
    private final RowKeys keys;
    private final ExecutorService pool;
    private final String what;
    private final List<BlockingQueue<Object>> queues = new ArrayList<>();
    private final List<Future<?>> running = new ArrayList<>();
    private int current;
    private StoredRecord next;
    private volatile boolean closed;

    /**
     * @param scans the pieces of one scan of a layer's rows in {@code table}, in row order, each within one region
     * @param pool runs the pieces' scans
     * @param what the read, for messages
     */
    RegionScans(List<Scan> scans, HBaseTables tables, String table, RowKeys keys, ExecutorService pool, String what) {
        this.scans = scans;
        this.tables = tables;
        this.table = table;
        this.keys = keys;
        this.pool = pool;
        this.what = what;
        for (int i = 0; i < scans.size(); i++) {
            queues.add(new ArrayBlockingQueue<>(QUEUED));
        }
        while (running.size() < Math.min(AHEAD, scans.size())) {
            startNext();
        }
    }

    private void startNext() {
        int piece = running.size();
        BlockingQueue<Object> queue = queues.get(piece);
        Scan scan = scans.get(piece);
        running.add(pool.submit(() -> {
            try (Table t = tables.table(table); ResultScanner scanner = t.getScanner(scan)) {
                for (Result r = scanner.next(); r != null; r = scanner.next()) {
                    if (!offer(queue, new StoredRecord(keys.index(r.getRow()), r.value()))) {
                        return;
                    }
                }
                offer(queue, END);
            } catch (IOException | RuntimeException e) {
                offer(queue, e instanceof CatalogIOException c ? c : tables.failure(what, e));
            }
        }));
    }

    /** Puts an item, waiting while the queue is full; false once the cursor is closed. */
    private boolean offer(BlockingQueue<Object> queue, Object item) {
        try {
            while (!closed) {
                if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public boolean hasNext() {
        while (next == null && current < scans.size()) {
            Object item;
            try {
                item = queues.get(current).take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CatalogIOException("interrupted while reading: " + what, e);
            }
            if (item == END) {
                queues.set(current, null);
                current++;
                if (running.size() < scans.size()) {
                    startNext();
                }
            } else if (item instanceof RuntimeException e) {
                throw e;
            } else {
                next = (StoredRecord) item;
            }
        }
        return next != null;
    }

    @Override
    public StoredRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        StoredRecord r = next;
        next = null;
        return r;
    }

    @Override
    public void close() {
        closed = true;
        running.forEach(f -> f.cancel(true));
    }
}
