package io.tessera.catalog.spi.table;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.RangeReads;
import io.tessera.catalog.spi.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The records of one read cut into pieces (a region's or a tablet's part of a range, a group of
 * small ranges), read piece by piece in parallel and handed out in index order: a few pieces run
 * ahead of the consumer, each into a small bounded queue, so a whole-layer read over many servers
 * is not one server at a time, and memory stays bounded however large the layer.
 */
public final class OrderedScans implements RangeReads.RecordCursor {

    /** A pool for pieces: threads made as needed, daemons (an abandoned read must not keep a JVM up). */
    public static ExecutorService pool(String name) {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** One piece of the read: pushes its records, in index order, into a sink. */
    @FunctionalInterface
    public interface Piece {
        void read(Sink sink) throws Exception;
    }

    /** Where a piece puts its records. */
    @FunctionalInterface
    public interface Sink {
        /** Takes a record, waiting while the consumer is behind; false once the read is closed (stop then). */
        boolean accept(StoredRecord record);
    }

    /** Pieces read at once, the consumer's included. */
    private static final int AHEAD = 3;
    /** Records a piece may hold ready before the consumer takes them (a record is up to ~300 KiB). */
    private static final int QUEUED = 16;
    private static final Object END = new Object();

    private final List<Piece> pieces;
    private final ExecutorService pool;
    private final Function<Exception, RuntimeException> failure;
    private final List<BlockingQueue<Object>> queues = new ArrayList<>();
    private final List<Future<?>> running = new ArrayList<>();
    private int current;
    private StoredRecord next;
    private volatile boolean closed;

    /**
     * @param pieces the pieces in index order: every record of a piece precedes every record of the next
     * @param pool runs the pieces (see {@link #pool})
     * @param failure turns what a piece threw into the read's error (naming the read and the catalog)
     */
    public OrderedScans(List<Piece> pieces, ExecutorService pool, Function<Exception, RuntimeException> failure) {
        this.pieces = List.copyOf(pieces);
        this.pool = pool;
        this.failure = failure;
        for (int i = 0; i < pieces.size(); i++) {
            queues.add(new ArrayBlockingQueue<>(QUEUED));
        }
        while (running.size() < Math.min(AHEAD, pieces.size())) {
            startNext();
        }
    }

    private void startNext() {
        int n = running.size();
        BlockingQueue<Object> queue = queues.get(n);
        Piece piece = pieces.get(n);
        running.add(pool.submit(() -> {
            try {
                piece.read(r -> offer(queue, r));
                offer(queue, END);
            } catch (Exception e) {
                offer(queue, e instanceof CatalogIOException c ? c : failure.apply(e));
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
        while (next == null && current < pieces.size()) {
            Object item;
            try {
                item = queues.get(current).take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure.apply(e);
            }
            if (item == END) {
                queues.set(current, null);
                current++;
                if (running.size() < pieces.size()) {
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
