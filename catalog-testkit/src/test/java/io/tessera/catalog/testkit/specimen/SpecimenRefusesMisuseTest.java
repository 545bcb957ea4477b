package io.tessera.catalog.testkit.specimen;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.Backends;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.RangeReads;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The specimen would catch a core that broke its side of the contract, so its passing means something. */
class SpecimenRefusesMisuseTest {

    private final CatalogStorage s = Backends.open("specimen://" + UUID.randomUUID(), Map.of());
    private final RecordLocation loc = RecordLocation.of(new LayerId("l", 1), Map.of("tileTable", "tiles"), 2,
            () -> List.of(new IndexRange(0, 99)));

    @Test
    void outOfOrderOrRepeatedIndexesAreRefused() {
        RecordBatch b = s.records().openBatch(loc, BatchMode.CREATE);
        b.write(5, new byte[] {1});
        assertThrows(IllegalStateException.class, () -> b.write(5, new byte[] {2}));
        assertThrows(IllegalStateException.class, () -> b.write(4, new byte[] {2}));
    }

    @Test
    void aSecondThreadIsRefused() throws Exception {
        RecordBatch b = s.records().openBatch(loc, BatchMode.CREATE);
        b.write(1, new byte[] {1});
        Throwable[] seen = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                b.write(2, new byte[] {2});
            } catch (IllegalStateException e) {
                seen[0] = e;
            }
        });
        t.start();
        t.join();
        assertTrue(seen[0] instanceof IllegalStateException);
    }

    @Test
    void recordsAreInvisibleUntilPublished() {
        RecordBatch b = s.records().openBatch(loc, BatchMode.REPLACE);
        b.write(1, new byte[] {1});
        assertTrue(s.records().read(loc, 1).isEmpty());
        b.close();
        assertTrue(s.records().read(loc, 1).isPresent(), "a replace is published at close");
        RecordBatch c = s.records().openBatch(loc, BatchMode.CREATE);
        c.write(2, new byte[] {2});
        c.close();
        assertTrue(s.records().read(loc, 2).isEmpty(), "a create is published by its commit only");
    }

    @Test
    void unsortedScanRangesAreRefused() {
        RangeReads scan = (RangeReads) s.records();
        try (RangeReads.RecordCursor c = scan.scan(loc, List.of(new IndexRange(5, 9), new IndexRange(1, 2)))) {
            assertThrows(IllegalStateException.class, () -> {
                while (c.hasNext()) {
                    c.next();
                }
            });
        }
    }
}
