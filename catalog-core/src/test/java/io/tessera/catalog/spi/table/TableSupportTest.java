package io.tessera.catalog.spi.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.StoredRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Clients shared per settings, twin tables, record batches into shared tables, and ordered piecewise reads. */
class TableSupportTest {

    private static final class Client implements AutoCloseable {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aClientIsSharedPerKeyAndClosedByItsLastUser() {
        AtomicInteger opened = new AtomicInteger();
        SharedClients<String, Client> clients = new SharedClients<>(c -> !c.closed);
        Client a = clients.acquire("cluster-a", () -> {
            opened.incrementAndGet();
            return new Client();
        });
        Client again = clients.acquire("cluster-a", Client::new);
        Client b = clients.acquire("cluster-b", Client::new);
        assertSame(a, again, "one client per key");
        assertNotSame(a, b);
        clients.release("cluster-a");
        assertTrue(!a.closed, "still used");
        clients.release("cluster-a");
        assertTrue(a.closed, "closed by its last user");
        Client fresh = clients.acquire("cluster-a", Client::new);
        assertNotSame(a, fresh, "a closed client is never handed out");
        b.close();
        assertNotSame(b, clients.acquire("cluster-b", Client::new), "nor one closed behind the registry's back");
        assertEquals(1, opened.get());
    }

    @Test
    void twinsGoBothWays() {
        assertEquals("tiles_reindexed", TwinTables.twin("tiles"));
        assertEquals("tiles", TwinTables.twin("tiles_reindexed"));
        assertEquals("ns:t_reindexed", TwinTables.twin("ns:t"));
    }

    @Test
    void layerKeysAreGeoTrellisOwnAndOtherRowsNameNoLayer() {
        assertEquals("a__.__10", LayerKeys.of(new LayerId("a", 10)));
        assertEquals(Optional.of(new LayerId("x__.__y", 3)), LayerKeys.parse("x__.__y__.__3"));
        assertEquals(Optional.empty(), LayerKeys.parse("no-separator"));
        assertEquals(Optional.empty(), LayerKeys.parse("name__.__notazoom"));
        assertEquals(Optional.empty(), LayerKeys.parse("__.__4"), "no name");
    }

    @Test
    void writtenIndexesAreKeptInOrderUntilDrained() {
        WrittenIndexes w = new WrittenIndexes();
        IntStream.range(0, 200).forEach(i -> w.add(1000 - i));
        long[] all = w.drain();
        assertEquals(200, all.length);
        assertEquals(1000, all[0]);
        assertEquals(801, all[199]);
        assertArrayEquals(new long[0], w.drain(), "drained");
    }

    /** A piece of {@code count} records from {@code first} on, slow when {@code slow} (so that later pieces finish first). */
    private static OrderedScans.Piece piece(long first, int count, boolean slow) {
        return sink -> {
            for (long i = first; i < first + count; i++) {
                if (slow) {
                    Thread.sleep(2);
                }
                if (!sink.accept(new StoredRecord(i, new byte[] {(byte) i}))) {
                    return;
                }
            }
        };
    }

    @Test
    void piecesReadInParallelComeOutInOrder() {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            List<OrderedScans.Piece> pieces = new ArrayList<>();
            for (int p = 0; p < 8; p++) {
                pieces.add(piece(p * 100L, 50, p % 3 == 0));
            }
            List<Long> got = new ArrayList<>();
            try (OrderedScans scans = new OrderedScans(pieces, pool, e -> new IllegalStateException(e))) {
                scans.forEachRemaining(r -> got.add(r.index()));
            }
            List<Long> expected = new ArrayList<>();
            for (int p = 0; p < 8; p++) {
                for (int i = 0; i < 50; i++) {
                    expected.add(p * 100L + i);
                }
            }
            assertEquals(expected, got);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingPieceEndsTheReadWithItsErrorAndAClosedReadStopsThePieces() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            List<OrderedScans.Piece> pieces = List.of(piece(0, 3, false), sink -> {
                throw new java.io.IOException("disk on fire");
            });
            OrderedScans failing = new OrderedScans(pieces, pool, e -> new IllegalStateException("read: " + e.getMessage(), e));
            assertEquals(0, failing.next().index());
            failing.next();
            failing.next();
            IllegalStateException e = assertThrows(IllegalStateException.class, failing::hasNext);
            assertEquals("read: disk on fire", e.getMessage());
            failing.close();

            AtomicInteger produced = new AtomicInteger();
            OrderedScans endless = new OrderedScans(List.of(sink -> {
                while (sink.accept(new StoredRecord(produced.get(), new byte[0]))) {
                    produced.incrementAndGet();
                }
            }), pool, IllegalStateException::new);
            endless.next();
            endless.close();
            pool.shutdown();
            assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS), "the piece stopped once the read was closed");
            assertTrue(produced.get() < 100, "bounded read-ahead: " + produced.get());
        } finally {
            pool.shutdownNow();
        }
    }

    /** A batch that logs what it is asked to do. */
    private static final class LoggingBatch extends SharedTableBatch {
        final List<String> log = new ArrayList<>();
        boolean failFlush;

        LoggingBatch(BatchMode mode) {
            super(mode);
        }

        @Override
        protected synchronized void put(long index, byte[] record) {
            log.add("put " + index);
        }

        @Override
        protected synchronized void remove(long index) {
            log.add("remove " + index);
        }

        @Override
        protected synchronized void flush() {
            log.add("flush");
            if (failFlush) {
                throw new IllegalStateException("flush failed");
            }
        }

        @Override
        protected synchronized void removeAll(long[] indexes) {
            log.add("removeAll " + Arrays.toString(indexes));
        }
    }

    @Test
    void aSharedTableBatchAbortsExactlyWhatItsCreateWrote() {
        LoggingBatch create = new LoggingBatch(BatchMode.CREATE);
        create.write(7, new byte[0]);
        create.write(3, new byte[0]);
        assertThrows(IllegalStateException.class, () -> create.delete(7), "a create batch does not delete");
        create.failFlush = true;
        assertThrows(IllegalStateException.class, create::close);
        create.abort();
        create.abort();
        assertEquals(List.of("put 7", "put 3", "flush", "removeAll [7, 3]"), create.log,
                "flushed once, the written rows removed once, even after a failed flush");

        LoggingBatch replace = new LoggingBatch(BatchMode.REPLACE);
        replace.write(1, new byte[0]);
        replace.delete(2);
        replace.close();
        replace.close();
        replace.abort();
        assertEquals(List.of("put 1", "remove 2", "flush"), replace.log, "a replace batch's changes stay");
    }
}
