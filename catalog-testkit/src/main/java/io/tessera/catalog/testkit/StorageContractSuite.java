package io.tessera.catalog.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.IndexMethod;
import io.tessera.catalog.LayerAttributes;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.exceptions.CommitStateUnknownException;
import io.tessera.catalog.exceptions.LayerExistsException;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.spi.AttributeLayout;
import io.tessera.catalog.spi.Backends;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.CommitOutcome;
import io.tessera.catalog.spi.IndexListing;
import io.tessera.catalog.spi.LayerClaims;
import io.tessera.catalog.spi.LayerDocuments;
import io.tessera.catalog.spi.RangeReads;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.StoredRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the storage contract promises, asserted on a backend's own SPI objects and through the
 * core: batches in the backend's write order with {@code close} as the durability point, range
 * reads by every ability the backend declares, both attribute layouts seen the same way by users,
 * and commit outcomes including the unknown one. Every backend module runs it: extend this class
 * and supply a URI of a fresh, empty catalog per call.
 */
public abstract class StorageContractSuite {

    /** The URI of a new, empty catalog. */
    protected abstract String newCatalogUri();

    private String uri;
    private CatalogStorage storage;

    @BeforeEach
    void openStorage() {
        uri = newCatalogUri();
        storage = Backends.open(uri, Map.of());
    }

    @AfterEach
    void closeStorage() {
        storage.close();
    }

    private RecordLocation location(String name, int zoom, int width, long maxIndex) {
        LayerId id = new LayerId(name, zoom);
        return RecordLocation.of(id, storage.records().newLocation(id), width, () -> List.of(new IndexRange(0, maxIndex)));
    }

    private static byte[] record(long index) {
        return ("record " + index).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes records at {@code indexes} (ascending) through one create batch and commits the layer. */
    private void createLayer(RecordLocation loc, long... indexes) {
        RecordBatch batch = storage.records().openBatch(loc, BatchMode.CREATE);
        for (long i : indexes) {
            batch.write(i, record(i));
        }
        batch.close();
        assertEquals(CommitOutcome.COMMITTED, storage.commits().create(loc.layerId(), documents(loc.layerId(), "r"), batch));
    }

    /** The records in ranges through the backend's strongest read ability, as index → bytes. */
    private Map<Long, byte[]> readRanges(RecordLocation loc, List<IndexRange> ranges) {
        Map<Long, byte[]> out = new LinkedHashMap<>();
        if (storage.records() instanceof RangeReads scan) {
            try (RangeReads.RecordCursor c = scan.scan(loc, ranges)) {
                while (c.hasNext()) {
                    StoredRecord r = c.next();
                    out.put(r.index(), r.bytes());
                }
            }
        } else if (storage.records() instanceof IndexListing listing) {
            // The listing may hold more than the ranges; what lies in them must all be there.
            long[] listed = listing.indexes(loc, ranges);
            java.util.Arrays.sort(listed);
            for (long i : io.tessera.catalog.index.IndexRanges.within(listed, ranges)) {
                out.put(i, storage.records().read(loc, i).orElseThrow(() -> new AssertionError("listed " + i + " is absent")));
            }
        } else {
            // Probed in parallel, as the core does: one by one, a remote store's round trips add up.
            Map<Long, byte[]> found = new ConcurrentSkipListMap<>();
            for (IndexRange r : ranges) {
                LongStream.rangeClosed(r.start(), r.end()).parallel()
                        .forEach(i -> storage.records().read(loc, i).ifPresent(b -> found.put(i, b)));
            }
            out.putAll(found);
        }
        return out;
    }

    // ---- record batches ----

    @Test
    void aCommittedCreateIsDurableAndReadable() {
        RecordLocation loc = location("batch", 3, 3, 999);
        createLayer(loc, 0, 5, 17, 300, 999);
        for (long i : new long[] {0, 5, 17, 300, 999}) {
            assertArrayEquals(record(i), storage.records().read(loc, i).orElseThrow(), "record " + i);
        }
        assertTrue(storage.records().read(loc, 6).isEmpty(), "an index never written reads as absent");
    }

    @Test
    void aReplaceBatchDeletesRecordsInOrderWithItsWrites() {
        RecordLocation loc = location("deletes", 3, 2, 99);
        createLayer(loc, 1, 2, 3, 7);
        try (RecordBatch batch = storage.records().openBatch(loc, BatchMode.REPLACE)) {
            batch.delete(1);
            batch.write(2, "new".getBytes(StandardCharsets.UTF_8));
            batch.delete(5);
            batch.delete(7);
        }
        assertEquals(List.of(2L, 3L), List.copyOf(readRanges(loc, List.of(new IndexRange(0, 99))).keySet()));
        assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), storage.records().read(loc, 2).orElseThrow());
        assertTrue(storage.records().read(loc, 1).isEmpty());
        RecordBatch create = storage.records().openBatch(location("deletes2", 3, 2, 99), BatchMode.CREATE);
        try {
            assertThrows(IllegalStateException.class, () -> create.delete(1), "a create batch deletes nothing");
        } finally {
            create.abort();
        }
    }

    @Test
    void aReplaceBatchChangesOnlyTheIndexesItWrites() {
        RecordLocation loc = location("replace", 3, 2, 99);
        createLayer(loc, 1, 2, 3);
        try (RecordBatch batch = storage.records().openBatch(loc, BatchMode.REPLACE)) {
            batch.write(2, "new".getBytes(StandardCharsets.UTF_8));
            batch.write(4, record(4));
        }
        assertArrayEquals(record(1), storage.records().read(loc, 1).orElseThrow());
        assertEquals("new", new String(storage.records().read(loc, 2).orElseThrow(), StandardCharsets.UTF_8));
        assertArrayEquals(record(3), storage.records().read(loc, 3).orElseThrow());
        assertArrayEquals(record(4), storage.records().read(loc, 4).orElseThrow());
    }

    @Test
    void anAbortedCreateLeavesNothing() {
        RecordLocation loc = location("aborted", 3, 2, 99);
        RecordBatch batch = storage.records().openBatch(loc, BatchMode.CREATE);
        batch.write(7, record(7));
        batch.write(8, record(8));
        batch.close();
        batch.abort();
        batch.abort();
        assertTrue(readRanges(loc, List.of(new IndexRange(0, 99))).isEmpty());
        createLayer(location("aborted", 3, 2, 99), 9);
    }

    /**
     * Two writers create one layer at once and never touch each other's records: where each writes
     * records of its own, only the winner's are published and the loser removes only its own; where
     * one layer id's records are rows every writer shares, they take turns by the id's claim.
     */
    @Test
    void racingCreatesNeverTouchEachOthersRecords() {
        if (storage.commits() instanceof LayerClaims claims) {
            aLayerClaimIsHeldByOneWriterAtATime(claims);
        } else {
            onlyTheWinnersRecordsArePublished();
        }
    }

    private void onlyTheWinnersRecordsArePublished() {
        LayerId id = new LayerId("race", 3);
        RecordLocation a = location("race", 3, 2, 99);
        RecordLocation b = location("race", 3, 2, 99);
        RecordBatch first = storage.records().openBatch(a, BatchMode.CREATE);
        RecordBatch second = storage.records().openBatch(b, BatchMode.CREATE);
        first.write(1, "first".getBytes(StandardCharsets.UTF_8));
        second.write(1, "second".getBytes(StandardCharsets.UTF_8));
        second.write(2, "second".getBytes(StandardCharsets.UTF_8));
        first.close();
        second.close();
        assertFalse(storage.attributes().layersWith("metadata").contains(id), "no layer before the commit");
        assertEquals(CommitOutcome.COMMITTED, storage.commits().create(id, documents(id, "first"), first));
        assertEquals(CommitOutcome.CONFLICT, storage.commits().create(id, documents(id, "second"), second));
        second.abort();
        Map<Long, byte[]> stored = readRanges(a, List.of(new IndexRange(0, 99)));
        assertEquals(List.of(1L), List.copyOf(stored.keySet()), "exactly the winner's records");
        assertEquals("first", new String(stored.get(1L), StandardCharsets.UTF_8));
    }

    /**
     * A claim lets one writer at a time at a layer id's rows: taken only when free, changed and
     * released only by whoever holds it exactly, never a layer.
     */
    private void aLayerClaimIsHeldByOneWriterAtATime(LayerClaims claims) {
        LayerId id = new LayerId("claimed", 3);
        byte[] first = "first".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second".getBytes(StandardCharsets.UTF_8);
        byte[] third = "third".getBytes(StandardCharsets.UTF_8);
        assertEquals(Optional.empty(), claims.claimOf(id));
        assertEquals(CommitOutcome.COMMITTED, claims.claim(id, first));
        assertEquals(CommitOutcome.CONFLICT, claims.claim(id, second));
        assertArrayEquals(first, claims.claimOf(id).orElseThrow());
        assertEquals(CommitOutcome.CONFLICT, claims.reclaim(id, second, third), "only the claim that is there is replaced");
        assertEquals(CommitOutcome.COMMITTED, claims.reclaim(id, first, second));
        assertEquals(CommitOutcome.CONFLICT, claims.release(id, first), "only the holder releases");
        assertArrayEquals(second, claims.claimOf(id).orElseThrow());
        assertFalse(storage.attributes().layersWith("metadata").contains(id), "a claim is not a layer");
        assertEquals(CommitOutcome.COMMITTED, claims.release(id, second));
        assertEquals(Optional.empty(), claims.claimOf(id));
        assertEquals(CommitOutcome.CONFLICT, claims.release(id, second));
        assertEquals(CommitOutcome.COMMITTED, claims.claim(id, third), "free again");
        assertEquals(CommitOutcome.COMMITTED, claims.release(id, third));
    }

    @Test
    void deleteRemovesOneLayerOnly() {
        RecordLocation one = location("same", 1, 2, 99);
        RecordLocation ten = location("same", 10, 2, 99);
        RecordLocation longer = location("same-and-more", 1, 2, 99);
        for (RecordLocation loc : List.of(one, ten, longer)) {
            createLayer(loc, 3, 4);
        }
        storage.records().delete(one);
        assertTrue(readRanges(one, List.of(new IndexRange(0, 99))).isEmpty());
        assertEquals(List.of(3L, 4L), List.copyOf(readRanges(ten, List.of(new IndexRange(0, 99))).keySet()));
        assertEquals(List.of(3L, 4L), List.copyOf(readRanges(longer, List.of(new IndexRange(0, 99))).keySet()));
        storage.records().delete(one);
    }

    // ---- range reads ----

    @Test
    void rangeReadsReturnExactlyThePresentRecordsInOrder() {
        // Width 3, but a Hilbert index can exceed its max key's index: names of 4 and 5 digits too.
        RecordLocation loc = location("ranges", 5, 3, 99_999);
        long[] present = {0, 1, 9, 10, 99, 100, 101, 450, 998, 999, 1000, 1001, 5000, 12_345, 99_999};
        createLayer(loc, present);
        List<IndexRange> ranges = List.of(new IndexRange(0, 0), new IndexRange(2, 9), new IndexRange(50, 100),
                new IndexRange(449, 451), new IndexRange(997, 1000), new IndexRange(4000, 20_000));
        Map<Long, byte[]> got = readRanges(loc, ranges);
        assertEquals(List.of(0L, 9L, 99L, 100L, 450L, 998L, 999L, 1000L, 5000L, 12_345L), List.copyOf(got.keySet()));
        got.forEach((i, b) -> assertArrayEquals(record(i), b, "record " + i));
        assertTrue(readRanges(loc, List.of(new IndexRange(2, 8), new IndexRange(102, 449))).isEmpty());
        assertEquals(present.length, readRanges(loc, List.of(new IndexRange(0, 99_999))).size());
    }

    @Test
    void manyNarrowRangesAreReadLikeOneWide() {
        RecordLocation loc = location("narrow", 5, 4, 9999);
        long[] present = LongStream.range(0, 1000).map(i -> i * 3).toArray();
        createLayer(loc, present);
        List<IndexRange> ranges = new ArrayList<>();
        for (long s = 0; s < 3000; s += 50) {
            ranges.add(new IndexRange(s, s + 4));
        }
        List<Long> expected = new ArrayList<>();
        for (long p : present) {
            if (p % 50 <= 4) {
                expected.add(p);
            }
        }
        assertEquals(expected, List.copyOf(readRanges(loc, ranges).keySet()));
    }

    // ---- batches through the core: order, uniqueness, bounded memory ----

    @Test
    void theCoreHandsRecordsInTheBackendsOrder() {
        // Tiles in random order, several instants sharing each record: a sorted-only backend
        // refuses anything but ascending, unique indexes, so this passes only if the core sorts and merges.
        List<Instant> instants = List.of(SampleLayers.T0, SampleLayers.T0.plus(Duration.ofHours(6)),
                SampleLayers.T0.plus(Duration.ofHours(12)));
        TileLayer<SpaceTimeKey> ordered = SampleLayers.spaceTime(0, 0, 5, 4, instants);
        List<KeyedTile<SpaceTimeKey>> shuffled = new ArrayList<>(ordered.tiles());
        Collections.shuffle(shuffled, new Random(7));
        TileLayer<SpaceTimeKey> layer = TileLayer.of(ordered.keyType(), ordered.metadata(), shuffled)
                .atZoom(SampleLayers.ZOOM);
        try (Catalog c = Catalog.open(uri)) {
            c.write("shuffled", layer, WriteOptions.index(IndexMethod.HILBERT));
            assertEquals(ordered.count(), c.query("shuffled", SampleLayers.ZOOM).count());
            assertTrue(c.verify("shuffled", SampleLayers.ZOOM).ok());
            c.copy("shuffled", SampleLayers.ZOOM, "copied");
            assertEquals(ordered.count(), c.query("copied", SampleLayers.ZOOM).count());
            c.update("copied", TileLayer.of(ordered.keyType(), ordered.metadata(), shuffled.subList(0, 20))
                    .atZoom(SampleLayers.ZOOM));
            assertEquals(ordered.count(), c.query("copied", SampleLayers.ZOOM).count());
        }
    }

    // ---- attribute layouts ----

    @Test
    void everyLayoutShowsUsersTheSameAttributes() {
        try (Catalog c = Catalog.open(uri)) {
            TileLayer<SpatialKey> layer = SampleLayers.spatial(0, 0, 2, 2);
            c.write("attrs", layer);
            LayerAttributes a = c.attributeStore().layer("attrs", SampleLayers.ZOOM);
            a.write("notes", Map.of("k", 1));
            assertEquals(List.of("header", "keyIndex", "metadata", "notes", "schema"), a.names());
            assertEquals(storage.format(), a.read("header").get("format").asText());
            assertEquals(SampleLayers.CELL_TYPE.name(), a.read("metadata").get("cellType").asText(),
                    "metadata is the TileLayerMetadata on every backend");
            assertEquals("zorder", a.read("keyIndex").get("type").asText());
            assertEquals("record", a.read("schema").get("type").asText());
        }
        LayerId id = new LayerId("attrs", SampleLayers.ZOOM);
        List<String> stored = storage.attributes().attributes(id).stream().sorted().toList();
        Map<String, byte[]> docs = storage.attributes().read(id, stored);
        if (storage.attributes().layout() == AttributeLayout.BLOB) {
            assertEquals(List.of("metadata", "notes", "recordInventory"), stored);
            JsonNode blob = parse(docs.get("metadata")).get(1);
            for (String part : List.of("header", "metadata", "keyIndex", "schema")) {
                assertTrue(blob.has(part), "the blob holds " + part);
            }
        } else {
            assertEquals(List.of("header", "keyIndex", "metadata", "notes", "recordInventory", "schema"), stored);
            assertTrue(parse(docs.get("metadata")).get(1).has("cellType"), "discrete metadata is the TileLayerMetadata");
            assertEquals(storage.format(), parse(docs.get("header")).get(1).get("format").asText());
        }
        for (byte[] doc : docs.values()) {
            JsonNode stored1 = parse(doc);
            assertEquals("attrs", stored1.get(0).get("name").asText(), "every document is [layerId, value]");
            assertEquals(SampleLayers.ZOOM, stored1.get(0).get("zoom").asInt());
        }
    }

    private static JsonNode parse(byte[] json) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + new String(json, StandardCharsets.UTF_8), e);
        }
    }

    // ---- commits ----

    private LayerDocuments documents(LayerId id, String tag) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        List<String> names = storage.attributes().layout() == AttributeLayout.BLOB
                ? List.of("metadata") : List.of("header", "keyIndex", "schema", "metadata");
        for (String n : names) {
            m.put(n, ("[{\"name\":\"" + id.name() + "\",\"zoom\":" + id.zoom() + "},\"" + n + "-" + tag + "\"]")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return LayerDocuments.of(m);
    }

    /** A closed create batch with no records, for commits that test documents only. */
    private RecordBatch emptyCreate(LayerId id) {
        RecordBatch batch = storage.records().openBatch(location(id.name(), id.zoom(), 1, 9), BatchMode.CREATE);
        batch.close();
        return batch;
    }

    private Optional<LayerDocuments> stored(LayerId id, LayerDocuments like) {
        Map<String, byte[]> m = storage.attributes().read(id, like.names());
        return m.containsKey("metadata") ? Optional.of(LayerDocuments.of(m)) : Optional.empty();
    }

    @Test
    void createIsAllOrNothingAndOnlyOnce() {
        LayerId id = new LayerId("commit", 2);
        LayerDocuments first = documents(id, "1");
        assertEquals(CommitOutcome.COMMITTED, storage.commits().create(id, first, emptyCreate(id)));
        assertEquals(Optional.of(first), stored(id, first));
        RecordBatch loser = emptyCreate(id);
        assertEquals(CommitOutcome.CONFLICT, storage.commits().create(id, documents(id, "2"), loser));
        loser.abort();
        assertEquals(Optional.of(first), stored(id, first), "a refused create writes nothing");
    }

    @Test
    void replaceAndDropCompareBeforeTheyChange() {
        LayerId id = new LayerId("cas", 2);
        LayerDocuments v1 = documents(id, "1");
        LayerDocuments v2 = documents(id, "2");
        assertEquals(CommitOutcome.CONFLICT, storage.commits().replace(id, v1, v2), "nothing to replace");
        assertEquals(CommitOutcome.COMMITTED, storage.commits().create(id, v1, emptyCreate(id)));
        assertEquals(CommitOutcome.COMMITTED, storage.commits().replace(id, v1, v2));
        assertEquals(Optional.of(v2), stored(id, v2));
        assertEquals(CommitOutcome.CONFLICT, storage.commits().replace(id, v1, documents(id, "3")), "stale expectation");
        assertEquals(CommitOutcome.CONFLICT, storage.commits().drop(id, v1), "stale expectation");
        assertEquals(Optional.of(v2), stored(id, v2));
        assertEquals(CommitOutcome.COMMITTED, storage.commits().drop(id, v2));
        assertEquals(Optional.empty(), stored(id, v2));
        assertFalse(storage.attributes().layersWith("metadata").contains(id));
        assertEquals(CommitOutcome.CONFLICT, storage.commits().drop(id, v2), "already gone");
    }

    @Test
    void unknownOutcomesAreSettledByReadingBack() {
        // Every fault below is a wrapper around this backend's own commits (see FlakyCommits).
        TileLayer<SpatialKey> layer = SampleLayers.spatial(0, 0, 1, 1);
        // The step happens but its answer is lost: the core must see its own commit and succeed.
        try (Catalog c = Catalog.open(FlakyCommits.wrap(uri, FlakyCommits.Fault.APPLY_THEN_UNKNOWN))) {
            c.write("applied", layer);
            assertTrue(c.exists("applied", SampleLayers.ZOOM));
            c.update("applied", layer);
            c.delete("applied", SampleLayers.ZOOM);
            assertFalse(c.exists("applied", SampleLayers.ZOOM));
        }
        // The answer is lost and the step did not happen: the core tries again.
        try (Catalog c = Catalog.open(FlakyCommits.wrap(uri, FlakyCommits.Fault.UNKNOWN_ONCE_WITHOUT_APPLYING))) {
            c.write("retried", layer);
            assertTrue(c.exists("retried", SampleLayers.ZOOM));
        }
        // Another writer commits at that moment and the answer is lost: a conflict, not a success.
        try (Catalog c = Catalog.open(FlakyCommits.wrap(uri, FlakyCommits.Fault.OTHER_WRITER_THEN_UNKNOWN))) {
            assertThrows(LayerExistsException.class, () -> c.write("taken", layer));
        }
        // Nothing can be learnt: the caller is told so, and no success is reported.
        try (Catalog c = Catalog.open(FlakyCommits.wrap(uri, FlakyCommits.Fault.ALWAYS_UNKNOWN_WITHOUT_APPLYING))) {
            CommitStateUnknownException e = assertThrows(CommitStateUnknownException.class, () -> c.write("never", layer));
            assertTrue(e.getMessage().contains("never"), e.getMessage());
            assertFalse(c.exists("never", SampleLayers.ZOOM), "an unresolved create is not reported as a layer");
        }
    }

    @Test
    void definitionsAreKeptApartPerLayer() {
        TreeMap<String, Integer> ids = new TreeMap<>(Map.of("a", 1, "a.b", 1, "a_b", 10));
        try (Catalog c = Catalog.open(uri)) {
            ids.forEach((name, zoom) -> c.write(name, SampleLayers.spatial(0, 0, 0, 0).atZoom(zoom)));
            c.write("a", SampleLayers.spatial(0, 0, 0, 0).atZoom(10));
            c.delete("a", 1);
            assertEquals(List.of(new LayerId("a", 10), new LayerId("a.b", 1), new LayerId("a_b", 10)), c.layers());
        }
    }
}
