package io.tessera.catalog.spi.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.model.LayerId;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Clients shared per settings, twin tables, and the log of written indexes. */
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
}
