package io.tessera.catalog.testkit;

import static io.tessera.catalog.testkit.SampleLayers.ZOOM;
import static io.tessera.catalog.testkit.SampleLayers.sameCells;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.AttributeStore;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.IndexMethod;
import io.tessera.catalog.LayerAttributes;
import io.tessera.catalog.ReadPlan;
import io.tessera.catalog.ReadSplit;
import io.tessera.catalog.SharedChange;
import io.tessera.catalog.SharedWrite;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.WriteTicket;
import io.tessera.catalog.WrittenPart;
import io.tessera.catalog.exceptions.AttributeNotFoundException;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.exceptions.LayerExistsException;
import io.tessera.catalog.exceptions.LayerNotFoundException;
import io.tessera.catalog.exceptions.LayerOutOfKeyBoundsException;
import io.tessera.catalog.index.TimeUnit;
import io.tessera.catalog.layout.GridBounds;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.ProjectedExtent;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.model.VerifyReport;
import io.tessera.catalog.query.LayerQuery;
import io.tessera.catalog.query.TimeInterval;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.spi.Backends;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.RecordLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.WKBWriter;

/**
 * The behaviour every backend must show, run by each backend module: extend this class and
 * supply a URI of a fresh, empty catalog per test. Covers the seed's catalog walkthrough and
 * GeoTrellis's backend-generic specs: write, read metadata and values, whole-layer queries, the
 * errors of each call, delete/copy/move/reindex, update/overwrite, attributes and an interrupted
 * write.
 */
public abstract class CatalogConformanceSuite {

    private static final List<Instant> INSTANTS = List.of(SampleLayers.T0, SampleLayers.T0.plus(Duration.ofHours(6)),
            SampleLayers.T0.plus(Duration.ofDays(1)));

    /** A catalog was opened for each test in {@link #openCatalog()}. */
    protected Catalog catalog;

    /** The URI {@link #catalog} was opened with. */
    protected String catalogUri;

    /** The URI of a new, empty catalog. Called once per test. */
    protected abstract String newCatalogUri();

    /**
     * Whether another process on this machine reaches the same catalog through its URI, so the
     * tests that kill or race child JVMs can run; true for every real backend.
     */
    protected boolean sharedAcrossProcesses() {
        return true;
    }

    @BeforeEach
    void openCatalog() {
        catalogUri = newCatalogUri();
        catalog = Catalog.open(catalogUri);
    }

    @AfterEach
    void closeCatalog() {
        catalog.close();
    }

    private static <K extends LayerKey> Map<K, MultibandTile> byKey(TileLayer<K> layer) {
        Map<K, MultibandTile> m = new HashMap<>();
        for (KeyedTile<K> t : layer.tiles()) {
            m.put(t.key(), t.tile());
        }
        return m;
    }

    private static <K extends LayerKey> void assertSameTiles(TileLayer<K> expected, TileLayer<K> actual) {
        Map<K, MultibandTile> e = byKey(expected);
        Map<K, MultibandTile> a = byKey(actual);
        assertEquals(e.keySet(), a.keySet(), "keys");
        e.forEach((k, t) -> assertTrue(sameCells(t, a.get(k)), "cells of " + k));
    }

    // ---- seed walkthrough ----

    @Test
    void spatialWriteReadMetadataValueAndQuery() {
        TileLayer<SpatialKey> layer = SampleLayers.spatial(3, 4, 7, 6);
        catalog.write("spatial", layer);
        assertTrue(catalog.exists("spatial", ZOOM));
        TileLayerMetadata<?> md = catalog.readMetadata("spatial", ZOOM);
        assertEquals(layer.metadata(), md);
        assertEquals(KeyType.SPATIAL, catalog.keyType("spatial", ZOOM));
        SpatialKey k = new SpatialKey(5, 5);
        assertTrue(sameCells(SampleLayers.tile(k, 0), catalog.readValue("spatial", ZOOM, k).orElseThrow()));
        assertTrue(catalog.readValue("spatial", ZOOM, new SpatialKey(9, 9)).isEmpty(), "absent tile is empty");
        assertTrue(catalog.readValue("spatial", ZOOM, new SpatialKey(2, 4)).isEmpty(), "key outside the bounds");
        TileLayer<SpatialKey> back = catalog.query("spatial", ZOOM, SpatialKey.class);
        assertEquals(layer.metadata(), back.metadata());
        assertSameTiles(layer, back);
        assertEquals(List.of(new LayerId("spatial", ZOOM)), catalog.layers());
    }

    @ParameterizedTest
    @EnumSource(value = IndexMethod.class, names = {"ZORDER", "HILBERT"})
    void spaceTimeWriteAndRead(IndexMethod method) {
        TileLayer<SpaceTimeKey> layer = SampleLayers.spaceTime(1, 1, 3, 2, INSTANTS);
        catalog.write("st", layer, WriteOptions.index(method));
        assertEquals(KeyType.SPACE_TIME, catalog.keyType("st", ZOOM));
        assertSameTiles(layer, catalog.query("st", ZOOM, SpaceTimeKey.class));
        SpaceTimeKey k = SpaceTimeKey.of(2, 2, INSTANTS.get(1));
        assertTrue(sameCells(SampleLayers.tile(k, 0), catalog.readValue("st", ZOOM, k).orElseThrow()));
        assertTrue(catalog.readValue("st", ZOOM, SpaceTimeKey.of(2, 2, INSTANTS.get(1).plusMillis(1))).isEmpty());
    }

    @Test
    void wholeLayerStreamsWithoutCollecting() {
        catalog.write("s", SampleLayers.spatial(0, 0, 9, 9));
        try (Stream<KeyedTile<SpatialKey>> s = catalog.query("s", ZOOM, SpatialKey.class).stream()) {
            assertEquals(5, s.limit(5).count(), "a stream closed early");
        }
        assertEquals(100, catalog.query("s", ZOOM).count());
    }

    @Test
    void usingALayerAfterCloseSaysTheCatalogIsClosed() {
        catalog.write("c", SampleLayers.spatial(0, 0, 1, 1));
        TileLayer<?> lazy = catalog.query("c", ZOOM);
        catalog.close();
        CatalogException e = assertThrows(CatalogException.class, lazy::count);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }

    @Test
    void parallelismOptionIsTheCoresBusinessNotTheBackends() {
        TileLayer<SpatialKey> s = SampleLayers.spatial(0, 0, 5, 5);
        try (Catalog serial = Catalog.open(newCatalogUri(), Map.of(Catalog.PARALLELISM, "1"))) {
            serial.write("p", s);
            assertSameTiles(s, serial.query("p", ZOOM, SpatialKey.class));
        }
        assertThrows(IllegalArgumentException.class, () -> Catalog.open(newCatalogUri(), Map.of(Catalog.PARALLELISM, "0")));
    }

    @Test
    void layerWithoutZoomIsWrittenAtZoomZero() {
        TileLayer<SpatialKey> sample = SampleLayers.spatial(0, 0, 1, 1);
        catalog.write("nozoom", TileLayer.of(KeyType.SPATIAL, sample.metadata(), sample.tiles()));
        assertTrue(catalog.exists("nozoom", 0));
    }

    @Test
    void pyramidIsWrittenInOneCall() {
        List<TileLayer<SpatialKey>> levels = List.of(SampleLayers.spatial(0, 0, 1, 1).atZoom(1),
                SampleLayers.spatial(0, 0, 3, 3).atZoom(2));
        catalog.writePyramid("pyr", levels);
        assertEquals(List.of(new LayerId("pyr", 1), new LayerId("pyr", 2)), catalog.layers());
    }

    // ---- writes and reads in parts (what Spark executors do) ----

    /**
     * The tiles of {@code layer} cut into {@code n} parts as a ticket asks: every tile of an index in
     * one part, and where the backend needs it, each part one span of indexes.
     */
    private static <K extends LayerKey> List<List<KeyedTile<K>>> parts(WriteTicket<K> ticket, TileLayer<K> layer, int n) {
        List<KeyedTile<K>> sorted = new ArrayList<>(layer.tiles());
        sorted.sort(Comparator.comparingLong(t -> ticket.index(t.key())));
        List<List<KeyedTile<K>>> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < sorted.size(); i++) {
            int part = ticket.needsIndexSpans() ? (int) ((long) i * n / sorted.size())
                    : (int) Math.floorMod(ticket.index(sorted.get(i).key()), (long) n);
            parts.get(part).add(sorted.get(i));
        }
        return parts;
    }

    /** Writes each part through its own catalog instance, as a worker would, and returns what they report. */
    private <K extends LayerKey> List<WrittenPart> writeParts(WriteTicket<K> ticket, List<List<KeyedTile<K>>> parts) {
        List<WrittenPart> written = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            try (Catalog worker = Catalog.open(catalogUri)) {
                written.add(worker.writePart(ticket, i, parts.get(i).stream()));
            }
        }
        return written;
    }

    @Test
    void aLayerWrittenInPartsIsInvisibleUntilCommittedThenWhole() {
        TileLayer<SpatialKey> layer = SampleLayers.spatial(0, 0, 9, 9, 3);
        try (SharedWrite<SpatialKey> w = catalog.beginSharedWrite("parts", ZOOM, KeyType.SPATIAL, layer.metadata(),
                WriteOptions.DEFAULT)) {
            List<WrittenPart> written = writeParts(w.ticket(), parts(w.ticket(), layer, 3));
            try (Catalog other = Catalog.open(catalogUri)) {
                assertFalse(other.exists("parts", ZOOM), "parts are invisible before the commit");
                assertEquals(List.of(), other.layers());
            }
            w.commit(written);
        }
        assertSameTiles(layer, catalog.query("parts", ZOOM, SpatialKey.class));
        assertEquals(layer.metadata(), catalog.readMetadata("parts", ZOOM));
        assertEquals(OptionalLong.of(100), catalog.recordCount("parts", ZOOM), "the parts' records are inventoried");
        assertTrue(catalog.verify("parts", ZOOM).ok());
        assertThrows(LayerExistsException.class, () -> catalog.beginSharedWrite("parts", ZOOM, KeyType.SPATIAL,
                layer.metadata(), WriteOptions.DEFAULT));
    }

    @Test
    void anAbandonedWriteInPartsLeavesNothingAndItsRunAgainHoldsExactlyItsTiles() {
        TileLayer<SpatialKey> first = SampleLayers.spatial(0, 0, 7, 7, 1);
        SharedWrite<SpatialKey> w = catalog.beginSharedWrite("again", ZOOM, KeyType.SPATIAL, first.metadata(),
                WriteOptions.DEFAULT);
        List<List<KeyedTile<SpatialKey>>> parts = parts(w.ticket(), first, 3);
        // Part 2 stands for a worker killed after it wrote: its records exist, but nobody reports them.
        writeParts(w.ticket(), parts);
        w.abort();
        assertFalse(catalog.exists("again", ZOOM));
        try (Catalog late = Catalog.open(catalogUri)) {
            assertThrows(CatalogException.class, () -> late.writePart(w.ticket(), 0, parts.get(0).stream()),
                    "a part of an abandoned write");
        }
        TileLayer<SpatialKey> second = SampleLayers.spatial(2, 2, 5, 5, 2);
        try (SharedWrite<SpatialKey> again = catalog.beginSharedWrite("again", ZOOM, KeyType.SPATIAL,
                second.metadata(), WriteOptions.DEFAULT)) {
            again.commit(writeParts(again.ticket(), parts(again.ticket(), second, 2)));
        }
        assertSameTiles(second, catalog.query("again", ZOOM, SpatialKey.class));
        assertTrue(catalog.verify("again", ZOOM).ok());
        try (Catalog c = Catalog.open(catalogUri)) {
            for (SpatialKey k : keys(first)) {
                if (!keys(second).contains(k)) {
                    assertTrue(c.readValue("again", ZOOM, k).isEmpty(), "nothing of the abandoned write at " + k);
                }
            }
        }
    }

    @Test
    void partsThatBreakTheLayerFailTheirWriteAndTheCommit() {
        TileLayer<SpatialKey> layer = SampleLayers.spatial(0, 0, 3, 3, 1);
        try (SharedWrite<SpatialKey> w = catalog.beginSharedWrite("bad", ZOOM, KeyType.SPATIAL, layer.metadata(),
                WriteOptions.DEFAULT)) {
            try (Catalog worker = Catalog.open(catalogUri)) {
                KeyedTile<SpatialKey> outside = new KeyedTile<>(new SpatialKey(9, 9), SampleLayers.tile(new SpatialKey(9, 9), 1));
                assertThrows(LayerOutOfKeyBoundsException.class, () -> worker.writePart(w.ticket(), 0, Stream.of(outside)));
            }
            List<WrittenPart> written = writeParts(w.ticket(), parts(w.ticket(), layer, 2));
            List<WrittenPart> twice = new ArrayList<>(written);
            twice.add(written.get(0));
            assertThrows(IllegalArgumentException.class, () -> w.commit(twice), "two results for one part");
        }
        assertFalse(catalog.exists("bad", ZOOM), "a failed commit leaves no layer");
    }

    @Test
    void aReindexWrittenInPartsSwitchesTheLayerInOneStepOrNotAtAll() {
        TileLayer<SpatialKey> layer = SampleLayers.spatial(0, 0, 9, 9, 6);
        catalog.write("ri", layer);
        catalog.attributeStore().layer("ri", ZOOM).write("notes", 1);
        // Abandoned after its parts wrote: the layer stays as it was.
        SharedWrite<SpatialKey> dropped = catalog.beginSharedReindex("ri", ZOOM, SpatialKey.class,
                WriteOptions.index(IndexMethod.HILBERT));
        writeParts(dropped.ticket(), parts(dropped.ticket(), catalog.query("ri", ZOOM, SpatialKey.class), 2));
        dropped.abort();
        assertSameTiles(layer, catalog.query("ri", ZOOM, SpatialKey.class));
        assertEquals("zorder", catalog.attributeStore().layer("ri", ZOOM).read("keyIndex").get("type").asText());

        try (SharedWrite<SpatialKey> w = catalog.beginSharedReindex("ri", ZOOM, SpatialKey.class,
                WriteOptions.index(IndexMethod.HILBERT))) {
            List<WrittenPart> written = writeParts(w.ticket(), parts(w.ticket(),
                    catalog.query("ri", ZOOM, SpatialKey.class), 3));
            try (Catalog reader = Catalog.open(catalogUri)) {
                assertSameTiles(layer, reader.query("ri", ZOOM, SpatialKey.class));
                assertEquals(List.of(new LayerId("ri", ZOOM)), reader.layers(), "no temporary layer");
            }
            w.commit(written);
        }
        try (Catalog c = Catalog.open(catalogUri)) {
            assertSameTiles(layer, c.query("ri", ZOOM, SpatialKey.class));
            assertEquals("hilbert", c.attributeStore().layer("ri", ZOOM).read("keyIndex").get("type").asText());
            assertEquals(1, c.attributeStore().layer("ri", ZOOM).read("notes").asInt());
            assertEquals(OptionalLong.of(100), c.recordCount("ri", ZOOM));
            assertTrue(c.verify("ri", ZOOM).ok());
        }
    }

    @Test
    void aPlannedReadInSplitsGivesWhatTheQueryGives() {
        TileLayer<SpatialKey> layer = SampleLayers.spatial(0, 0, 11, 11, 4);
        catalog.write("splits", layer);
        Extent e = SampleLayers.layout().mapTransform().boundsToExtent(new GridBounds(2, 3, 8, 9));
        for (LayerQuery q : List.of(LayerQuery.all(), LayerQuery.intersecting(e))) {
            ReadPlan<SpatialKey> plan = catalog.planRead("splits", ZOOM, SpatialKey.class, q, 4);
            TileLayer<SpatialKey> expected = catalog.query("splits", ZOOM, SpatialKey.class, q);
            assertEquals(expected.metadata(), plan.metadata());
            assertTrue(plan.splits().size() <= 4 && plan.splits().size() >= 2, "splits: " + plan.splits());
            List<KeyedTile<SpatialKey>> read = new ArrayList<>();
            try (Catalog worker = Catalog.open(catalogUri)) {
                for (ReadSplit<SpatialKey> split : plan.splits()) {
                    try (Stream<KeyedTile<SpatialKey>> s = worker.read(split)) {
                        read.addAll(s.toList());
                    }
                }
            }
            assertSameTiles(expected, TileLayer.of(KeyType.SPATIAL, expected.metadata(), read));
            assertEquals(expected.count(), read.size(), "no tile twice");
        }
        ReadPlan<SpatialKey> stale = catalog.planRead("splits", ZOOM, SpatialKey.class, LayerQuery.all(), 2);
        catalog.delete("splits", ZOOM);
        catalog.write("splits", SampleLayers.spatial(0, 0, 5, 5, 9));
        try (Catalog worker = Catalog.open(catalogUri)) {
            CatalogException changed = assertThrows(CatalogException.class,
                    () -> worker.read(stale.splits().get(0)).count());
            assertTrue(changed.getMessage().contains("changed"), changed.getMessage());
        }
    }

    /** A change's tiles cut into {@code n} parts, or one where the catalog takes a change from one part. */
    private static <K extends LayerKey> List<List<KeyedTile<K>>> changeParts(WriteTicket<K> ticket, TileLayer<K> layer,
            int n) {
        return parts(ticket, layer, ticket.singlePart() ? 1 : n);
    }

    /** Checks each part of a change through its own catalog instance, as a worker would. */
    private <K extends LayerKey> List<WrittenPart> checkParts(WriteTicket<K> ticket, List<List<KeyedTile<K>>> parts) {
        List<WrittenPart> checked = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            try (Catalog worker = Catalog.open(catalogUri)) {
                checked.add(worker.checkPart(ticket, i, parts.get(i).stream()));
            }
        }
        return checked;
    }

    /** Writes each part of a held change through its own catalog instance. */
    private <K extends LayerKey> List<WrittenPart> writeChangeParts(WriteTicket<K> held, List<List<KeyedTile<K>>> parts,
            BinaryOperator<MultibandTile> merge) {
        List<WrittenPart> written = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            try (Catalog worker = Catalog.open(catalogUri)) {
                written.add(worker.writePart(held, i, parts.get(i).stream(), merge));
            }
        }
        return written;
    }

    @Test
    void aChangeInPartsGivesWhatOneChangeGivesEvenWithAPartRunTwice() {
        KeyBounds<SpatialKey> wide = new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(15, 15));
        TileLayer<SpatialKey> before = SampleLayers.spatial(0, 0, 7, 7, 1);
        TileLayer<SpatialKey> update = SampleLayers.spatial(4, 4, 11, 9, 2);
        catalog.write("one", before, WriteOptions.DEFAULT.withIndexBounds(wide));
        catalog.write("parts", before, WriteOptions.DEFAULT.withIndexBounds(wide));
        catalog.update("one", update, SampleLayers::sum);
        try (SharedChange<SpatialKey> c = catalog.beginSharedUpdate("parts", ZOOM, SpatialKey.class, update.metadata())) {
            List<List<KeyedTile<SpatialKey>>> parts = changeParts(c.ticket(), update, 3);
            WriteTicket<SpatialKey> held = c.hold(checkParts(c.ticket(), parts));
            try (Catalog other = Catalog.open(catalogUri)) {
                assertThrows(CatalogException.class, () -> other.update("parts", SampleLayers.spatial(0, 0, 0, 0, 5)),
                        "another writer while the layer is held");
            }
            List<WrittenPart> written = writeChangeParts(held, parts, SampleLayers::sum);
            // A retried task: it merges with the records as they were before the change, not as its first run left them.
            try (Catalog retry = Catalog.open(catalogUri)) {
                written.set(0, retry.writePart(held, 0, parts.get(0).stream(), SampleLayers::sum));
            }
            c.commit(written);
        }
        try (Catalog c = Catalog.open(catalogUri)) {
            assertSameTiles(catalog.query("one", ZOOM, SpatialKey.class), c.query("parts", ZOOM, SpatialKey.class));
            assertEquals(catalog.readMetadata("one", ZOOM), c.readMetadata("parts", ZOOM));
            assertEquals(OptionalLong.of(64 + 8 * 6 - 16), c.recordCount("parts", ZOOM));
            assertTrue(c.verify("parts", ZOOM).ok());
        }
        TileLayer<SpatialKey> over = SampleLayers.spatial(0, 0, 2, 2, 3);
        catalog.overwrite("one", over);
        try (SharedChange<SpatialKey> c = catalog.beginSharedOverwrite("parts", ZOOM, SpatialKey.class, over.metadata())) {
            List<List<KeyedTile<SpatialKey>>> parts = changeParts(c.ticket(), over, 2);
            WriteTicket<SpatialKey> held = c.hold(checkParts(c.ticket(), parts));
            c.commit(writeChangeParts(held, parts, (a, b) -> b));
        }
        assertSameTiles(catalog.query("one", ZOOM, SpatialKey.class), catalog.query("parts", ZOOM, SpatialKey.class));
    }

    @Test
    void anAbandonedChangeInPartsPutsEveryRecordBack() {
        KeyBounds<SpatialKey> wide = new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(15, 15));
        TileLayer<SpatialKey> before = SampleLayers.spatial(0, 0, 7, 7, 1);
        TileLayer<SpatialKey> update = SampleLayers.spatial(4, 4, 11, 9, 2);
        catalog.write("back", before, WriteOptions.DEFAULT.withIndexBounds(wide));
        SharedChange<SpatialKey> c = catalog.beginSharedUpdate("back", ZOOM, SpatialKey.class, update.metadata());
        List<List<KeyedTile<SpatialKey>>> parts = changeParts(c.ticket(), update, 3);
        WriteTicket<SpatialKey> held = c.hold(checkParts(c.ticket(), parts));
        // Every part wrote; none is reported, as when the job fails after them.
        writeChangeParts(held, parts, SampleLayers::sum);
        c.abort();
        try (Catalog other = Catalog.open(catalogUri)) {
            assertSameTiles(before, other.query("back", ZOOM, SpatialKey.class));
            assertEquals(before.metadata(), other.readMetadata("back", ZOOM));
            assertEquals(OptionalLong.of(64), other.recordCount("back", ZOOM));
            assertTrue(other.verify("back", ZOOM).ok());
            assertThrows(CatalogException.class, () -> other.writePart(held, 0, parts.get(0).stream()),
                    "a part of an abandoned change");
            other.update("back", update);
            assertEquals(OptionalLong.of(64 + 8 * 6 - 16), other.recordCount("back", ZOOM), "the layer is free again");
        }
    }

    @Test
    void badPartsOfAChangeChangeNothing() {
        TileLayer<SpatialKey> before = SampleLayers.spatial(0, 0, 3, 3, 1);
        TileLayer<SpatialKey> update = SampleLayers.spatial(1, 1, 2, 2, 2);
        catalog.write("bad", before);
        try (SharedChange<SpatialKey> c = catalog.beginSharedUpdate("bad", ZOOM, SpatialKey.class, update.metadata())) {
            List<List<KeyedTile<SpatialKey>>> parts = changeParts(c.ticket(), update, 2);
            try (Catalog worker = Catalog.open(catalogUri)) {
                KeyedTile<SpatialKey> outside = new KeyedTile<>(new SpatialKey(9, 9), SampleLayers.tile(new SpatialKey(9, 9), 2));
                assertThrows(LayerOutOfKeyBoundsException.class, () -> worker.checkPart(c.ticket(), 0, Stream.of(outside)));
                assertThrows(IllegalArgumentException.class, () -> worker.writePart(c.ticket(), 0, parts.get(0).stream()),
                        "a part written before the change holds the layer");
            }
            WriteTicket<SpatialKey> held = c.hold(checkParts(c.ticket(), parts));
            try (Catalog worker = Catalog.open(catalogUri)) {
                List<KeyedTile<SpatialKey>> unchecked = new ArrayList<>(parts.get(0));
                unchecked.add(new KeyedTile<>(new SpatialKey(3, 3), SampleLayers.tile(new SpatialKey(3, 3), 2)));
                assertThrows(CatalogException.class, () -> worker.writePart(held, 0, unchecked.stream()),
                        "tiles the check did not see");
                if (held.singlePart()) {
                    assertThrows(IllegalArgumentException.class, () -> worker.writePart(held, 1, parts.get(0).stream()));
                }
                worker.writePart(held, 0, parts.get(0).stream());
            }
        }
        assertSameTiles(before, catalog.query("bad", ZOOM, SpatialKey.class));
        assertEquals(before.metadata(), catalog.readMetadata("bad", ZOOM));
        assertTrue(catalog.verify("bad", ZOOM).ok());
    }

    /**
     * Issue 10: a pyramid whose write dies part-way formerly left its finer levels committed, and
     * running it again failed with "already exists". Now no level appears and a re-run just works.
     */
    @Test
    void aPyramidIsOneUnit() {
        TileLayer<SpatialKey> fine = SampleLayers.spatial(0, 0, 3, 3).atZoom(2);
        TileLayer<SpatialKey> dies = TileLayer.lazy(KeyType.SPATIAL, SampleLayers.spatial(0, 0, 1, 1).metadata(), () ->
                SampleLayers.spatial(0, 0, 1, 1).stream().map(t -> {
                    if (t.key().equals(new SpatialKey(1, 1))) {
                        throw new IllegalStateException("the resampler died");
                    }
                    return t;
                })).atZoom(1);
        assertThrows(IllegalStateException.class, () -> catalog.writePyramid("unit", List.of(fine, dies)));
        assertEquals(List.of(), catalog.layers(), "no level is visible");
        catalog.writePyramid("unit", List.of(fine, SampleLayers.spatial(0, 0, 1, 1).atZoom(1)));
        assertEquals(List.of(new LayerId("unit", 1), new LayerId("unit", 2)), catalog.layers());
        assertEquals(16, catalog.query("unit", 2).count());
        LayerExistsException e = assertThrows(LayerExistsException.class,
                () -> catalog.writePyramid("unit", List.of(SampleLayers.spatial(0, 0, 7, 7).atZoom(3), fine)));
        assertTrue(e.getMessage().contains("zoom 2"), e.getMessage());
        assertFalse(catalog.exists("unit", 3), "checked before anything was written");
    }

    // ---- queries ----

    private static Extent tilesExtent(int c0, int r0, int c1, int r1) {
        return SampleLayers.layout().mapTransform().boundsToExtent(new GridBounds(c0, r0, c1, r1));
    }

    private static Set<SpatialKey> block(int c0, int r0, int c1, int r1) {
        Set<SpatialKey> s = new java.util.HashSet<>();
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                s.add(new SpatialKey(c, r));
            }
        }
        return s;
    }

    @Test
    void extentQueryUsesGeoTrellisEdges() {
        catalog.write("q", SampleLayers.spatial(0, 0, 7, 7));
        TileLayer<SpatialKey> r = catalog.query("q", ZOOM, SpatialKey.class, LayerQuery.intersecting(tilesExtent(2, 3, 3, 4)));
        assertEquals(block(2, 3, 3, 4), keys(r), "an extent on tile edges selects only the tiles inside");
        assertEquals(new KeyBounds<>(new SpatialKey(2, 3), new SpatialKey(3, 4)), r.metadata().keyBounds());
        assertTrue(sameCells(SampleLayers.tile(new SpatialKey(3, 4), 0),
                r.tiles().stream().filter(t -> t.key().equals(new SpatialKey(3, 4))).findFirst().orElseThrow().tile()));
    }

    @Test
    void polygonMultiPolygonAndWkbQueries() {
        catalog.write("q", SampleLayers.spatial(0, 0, 7, 7));
        GeometryFactory gf = new GeometryFactory();
        Extent e = tilesExtent(1, 1, 5, 5);
        Polygon triangle = gf.createPolygon(new Coordinate[] {new Coordinate(e.xmin(), e.ymax()),
            new Coordinate(e.xmax(), e.ymax()), new Coordinate(e.xmin(), e.ymin()), new Coordinate(e.xmin(), e.ymax())});
        Set<SpatialKey> tri = keys(catalog.query("q", ZOOM, SpatialKey.class, LayerQuery.intersecting(triangle)));
        assertEquals(15, tri.size(), "a triangle over a 5x5 block touches 15 tiles, diagonal ones included");
        assertTrue(tri.contains(new SpatialKey(1, 5)) && tri.contains(new SpatialKey(5, 1)) && !tri.contains(new SpatialKey(5, 5)));
        Polygon a = gf.createPolygon(shrunk(tilesExtent(0, 0, 0, 0)));
        Polygon b = gf.createPolygon(shrunk(tilesExtent(6, 6, 7, 7)));
        MultiPolygon mp = gf.createMultiPolygon(new Polygon[] {a, b});
        Set<SpatialKey> expected = block(0, 0, 0, 0);
        expected.addAll(block(6, 6, 7, 7));
        assertEquals(expected, keys(catalog.query("q", ZOOM, SpatialKey.class, LayerQuery.intersecting(mp))));
        byte[] wkb = new WKBWriter().write(triangle);
        assertEquals(tri, keys(catalog.query("q", ZOOM, SpatialKey.class, LayerQuery.intersectingWkb(wkb))));
    }

    @Test
    void reprojectedQuery() {
        catalog.write("q", SampleLayers.spatial(0, 0, 7, 7));
        Extent mercator = shrunkExtent(tilesExtent(2, 2, 3, 3));
        Extent lonLat = new ProjectedExtent(mercator, CRS.WEB_MERCATOR).reproject(CRS.LAT_LNG);
        Set<SpatialKey> got = keys(catalog.query("q", ZOOM, SpatialKey.class,
                LayerQuery.intersecting(lonLat).inCrs(CRS.LAT_LNG)));
        assertEquals(block(2, 2, 3, 3), got);
    }

    @Test
    void timeQueries() {
        catalog.write("t", SampleLayers.spaceTime(0, 0, 1, 1, INSTANTS));
        TileLayer<SpaceTimeKey> at = catalog.query("t", ZOOM, SpaceTimeKey.class, LayerQuery.all().at(INSTANTS.get(1)));
        assertEquals(4, at.count());
        assertTrue(at.tiles().stream().allMatch(t -> t.key().instant() == INSTANTS.get(1).toEpochMilli()));
        assertEquals(0, catalog.query("t", ZOOM, SpaceTimeKey.class,
                LayerQuery.all().at(INSTANTS.get(1).plusMillis(1))).count(), "an instant matches exactly");
        assertEquals(8, catalog.query("t", ZOOM, SpaceTimeKey.class,
                LayerQuery.all().between(INSTANTS.get(0), INSTANTS.get(1))).count(), "intervals are inclusive");
        assertEquals(8, catalog.query("t", ZOOM, SpaceTimeKey.class, LayerQuery.all().during(List.of(
                TimeInterval.at(INSTANTS.get(0)), TimeInterval.at(INSTANTS.get(2))))).count(), "several intervals");
        TileLayer<SpaceTimeKey> both = catalog.query("t", ZOOM, SpaceTimeKey.class,
                LayerQuery.intersecting(shrunkExtent(tilesExtent(1, 1, 1, 1))).between(INSTANTS.get(1), INSTANTS.get(2)));
        assertEquals(Set.of(SpaceTimeKey.of(1, 1, INSTANTS.get(1)), SpaceTimeKey.of(1, 1, INSTANTS.get(2))), keys(both));
        catalog.write("sp", SampleLayers.spatial(0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> catalog.query("sp", ZOOM, LayerQuery.all().at(INSTANTS.get(0))));
    }

    @Test
    void nonIntersectingQueryIsEmpty() {
        catalog.write("q", SampleLayers.spatial(0, 0, 1, 1));
        TileLayer<?> far = catalog.query("q", ZOOM, LayerQuery.intersecting(tilesExtent(9, 9, 10, 10)));
        assertEquals(0, far.count());
        assertTrue(far.metadata().bounds().isEmpty());
        catalog.write("t", SampleLayers.spaceTime(0, 0, 0, 0, INSTANTS));
        assertEquals(0, catalog.query("t", ZOOM, LayerQuery.all().between(INSTANTS.get(2).plusSeconds(1),
                INSTANTS.get(2).plusSeconds(2))).count());
        assertEquals(0, catalog.query("t", ZOOM, LayerQuery.all().between(INSTANTS.get(2), INSTANTS.get(0))).count(),
                "a reversed interval selects nothing");
    }

    private static Extent shrunkExtent(Extent e) {
        double dx = e.width() * 0.01;
        double dy = e.height() * 0.01;
        return new Extent(e.xmin() + dx, e.ymin() + dy, e.xmax() - dx, e.ymax() - dy);
    }

    private static Coordinate[] shrunk(Extent e) {
        Extent s = shrunkExtent(e);
        return new Coordinate[] {new Coordinate(s.xmin(), s.ymin()), new Coordinate(s.xmax(), s.ymin()),
            new Coordinate(s.xmax(), s.ymax()), new Coordinate(s.xmin(), s.ymax()), new Coordinate(s.xmin(), s.ymin())};
    }

    // ---- errors ----

    @Test
    void readingAMissingLayerSaysSo() {
        LayerNotFoundException e = assertThrows(LayerNotFoundException.class, () -> catalog.readMetadata("nope", 3));
        assertTrue(e.getMessage().contains("'nope' zoom 3"), e.getMessage());
        assertThrows(LayerNotFoundException.class, () -> catalog.query("nope", 3));
        assertThrows(LayerNotFoundException.class, () -> catalog.readValue("nope", 3, new SpatialKey(0, 0)));
        assertThrows(LayerNotFoundException.class, () -> catalog.delete("nope", 3));
        assertThrows(LayerNotFoundException.class, () -> catalog.copy("nope", 3, "other"));
        assertThrows(LayerNotFoundException.class, () -> catalog.move("nope", 3, "other"));
        assertThrows(LayerNotFoundException.class, () -> catalog.reindex("nope", 3, WriteOptions.DEFAULT));
        assertThrows(LayerNotFoundException.class, () -> catalog.update("nope", SampleLayers.spatial(0, 0, 0, 0)));
    }

    @Test
    void writingAnExistingLayerFailsBeforeWriting() {
        catalog.write("dup", SampleLayers.spatial(0, 0, 1, 1));
        LayerExistsException e = assertThrows(LayerExistsException.class,
                () -> catalog.write("dup", SampleLayers.spatial(5, 5, 6, 6, 7)));
        assertTrue(e.getMessage().contains("delete it first"), e.getMessage());
        assertSameTiles(SampleLayers.spatial(0, 0, 1, 1), catalog.query("dup", ZOOM, SpatialKey.class));
    }

    @Test
    void wrongKeyTypeAndBadInputsAreRejected() {
        catalog.write("sp", SampleLayers.spatial(0, 0, 1, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> catalog.readValue("sp", ZOOM, new SpaceTimeKey(0, 0, 0)));
        assertTrue(e.getMessage().contains("SPATIAL keys"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> catalog.query("sp", ZOOM, SpaceTimeKey.class));
        assertThrows(IllegalArgumentException.class, () -> catalog.write("bad name", SampleLayers.spatial(0, 0, 0, 0)));
        TileLayer<SpatialKey> s = SampleLayers.spatial(0, 0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> catalog.write("empty",
                TileLayer.of(KeyType.SPATIAL, s.metadata().withEmptyBounds(), List.of())));
        assertThrows(IllegalArgumentException.class, () -> catalog.write("rm",
                SampleLayers.spaceTime(0, 0, 0, 0, INSTANTS), WriteOptions.index(IndexMethod.ROWMAJOR)));
        assertFalse(catalog.exists("empty", ZOOM));
        assertFalse(catalog.exists("rm", ZOOM));
    }

    /** Two writers create the same layer at the same time: exactly one commits, the other is told it exists. */
    @Test
    void racingCreatorsCommitExactlyOnce() throws Exception {
        // Issue 10: both writers store all their tiles before either commits, with different values;
        // formerly the winner's layer held the loser's tiles.
        List<TileLayer<SpatialKey>> layers = List.of(SampleLayers.spatial(0, 0, 3, 3, 1), SampleLayers.spatial(0, 0, 3, 3, 2));
        java.util.concurrent.CountDownLatch bothWritten = new java.util.concurrent.CountDownLatch(2);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<String> results = new ArrayList<>();
        try (Catalog other = Catalog.open(catalogUri)) {
            List<java.util.concurrent.Future<String>> outcomes = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Catalog c = w == 0 ? catalog : other;
                TileLayer<SpatialKey> s = layers.get(w);
                outcomes.add(threads.submit(() -> {
                    java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(16);
                    TileLayer<SpatialKey> gated = TileLayer.lazy(KeyType.SPATIAL, s.metadata(), () -> s.stream().peek(t -> {
                        if (left.decrementAndGet() == 0) {
                            bothWritten.countDown();
                            try {
                                // On backends where a writer holds the layer id's claim while it stores its
                                // tiles, the other waits for the claim and never gets here: then the wait ends.
                                bothWritten.await(10, java.util.concurrent.TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    })).atZoom(ZOOM);
                    try {
                        c.write("race", gated);
                        return "committed";
                    } catch (LayerExistsException e) {
                        return "exists";
                    }
                }));
            }
            for (java.util.concurrent.Future<String> f : outcomes) {
                results.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, results.stream().filter("committed"::equals).count(), results.toString());
        assertEquals(1, results.stream().filter("exists"::equals).count(), results.toString());
        TileLayer<SpatialKey> winner = layers.get(results.indexOf("committed"));
        assertSameTiles(winner, catalog.query("race", ZOOM, SpatialKey.class));
        assertTrue(catalog.verify("race", ZOOM).ok());
    }

    /** Issue 10: null arguments named; tiles of different band counts in one layer refused. */
    @Test
    void nullArgumentsAndMixedBandCountsAreRefused() {
        TileLayer<SpatialKey> s = SampleLayers.spatial(0, 0, 1, 1);
        NullPointerException e = assertThrows(NullPointerException.class, () -> catalog.write("n", null));
        assertTrue(e.getMessage().contains("'layer'"), e.getMessage());
        e = assertThrows(NullPointerException.class, () -> catalog.readValue("n", ZOOM, null));
        assertTrue(e.getMessage().contains("'key'"), e.getMessage());
        e = assertThrows(NullPointerException.class, () -> catalog.query("n", ZOOM, (LayerQuery) null));
        assertTrue(e.getMessage().contains("'query'"), e.getMessage());
        e = assertThrows(NullPointerException.class, () -> catalog.update(null, s));
        assertTrue(e.getMessage().contains("'name'"), e.getMessage());
        List<KeyedTile<SpatialKey>> tiles = new ArrayList<>(s.tiles());
        KeyedTile<SpatialKey> last = tiles.get(3);
        tiles.set(3, new KeyedTile<>(last.key(), MultibandTile.of(last.tile().band(0))));
        IllegalArgumentException bands = assertThrows(IllegalArgumentException.class,
                () -> catalog.write("mixed", TileLayer.of(KeyType.SPATIAL, s.metadata(), tiles).atZoom(ZOOM)));
        assertTrue(bands.getMessage().contains("has 1 bands but the tiles before it in this write have 2"),
                bands.getMessage());
        assertFalse(catalog.exists("mixed", ZOOM));
    }

    @Test
    void tilesThatDoNotFitTheMetadataLeaveNoLayer() {
        TileLayer<SpatialKey> s = SampleLayers.spatial(0, 0, 1, 1);
        List<KeyedTile<SpatialKey>> tiles = new ArrayList<>(s.tiles());
        tiles.add(new KeyedTile<>(new SpatialKey(5, 5), SampleLayers.tile(new SpatialKey(5, 5), 0)));
        assertThrows(LayerOutOfKeyBoundsException.class,
                () -> catalog.write("outside", TileLayer.of(KeyType.SPATIAL, s.metadata(), tiles).atZoom(ZOOM)));
        assertFalse(catalog.exists("outside", ZOOM));
        catalog.write("outside", s);
        assertEquals(4, catalog.query("outside", ZOOM).count(), "no stray tiles from the failed write");
    }

    /** A producer that dies part-way through: the layer must not appear, and can be written afterwards. */
    @Test
    void interruptedWriteLeavesNoVisibleLayer() {
        TileLayer<SpatialKey> s = SampleLayers.spatial(0, 0, 9, 9);
        TileLayer<SpatialKey> dying = TileLayer.lazy(KeyType.SPATIAL, s.metadata(), () -> s.stream().map(t -> {
            if (t.key().equals(new SpatialKey(0, 8))) {
                throw new IllegalStateException("source died");
            }
            return t;
        })).atZoom(ZOOM);
        assertThrows(IllegalStateException.class, () -> catalog.write("crash", dying));
        assertFalse(catalog.exists("crash", ZOOM));
        assertTrue(catalog.layers().isEmpty());
        catalog.write("crash", SampleLayers.spatial(0, 0, 1, 1));
        assertEquals(4, catalog.query("crash", ZOOM).count());
    }

    /**
     * Issue 10: one layer whose definition is garbage (written behind the catalog's back, as another
     * program or a disk fault would) is listed, reported as unreadable with the reason, and can be
     * deleted, records included; the other layers are untouched.
     */
    @Test
    void aDamagedLayerStaysContained() {
        catalog.write("good", SampleLayers.spatial(0, 0, 1, 1));
        LayerId bad = new LayerId("bad", ZOOM);
        try (CatalogStorage storage = Backends.open(catalogUri, Map.of())) {
            Map<String, byte[]> garbage = new java.util.LinkedHashMap<>();
            List<String> names = storage.attributes().layout() == io.tessera.catalog.spi.AttributeLayout.BLOB
                    ? List.of("metadata") : List.of("header", "keyIndex", "schema", "metadata");
            for (String n : names) {
                garbage.put(n, ("[{\"name\":\"bad\",\"zoom\":" + ZOOM + "},{\"oops\":").getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            RecordLocation loc = RecordLocation.of(bad, storage.records().newLocation(bad), 1,
                    () -> List.of(new io.tessera.catalog.index.IndexRange(0, Long.MAX_VALUE)));
            io.tessera.catalog.spi.RecordBatch b = storage.records().openBatch(loc, io.tessera.catalog.spi.BatchMode.CREATE);
            b.write(3, new byte[] {1, 2, 3});
            b.close();
            assertEquals(io.tessera.catalog.spi.CommitOutcome.COMMITTED,
                    storage.commits().create(bad, io.tessera.catalog.spi.LayerDocuments.of(garbage), b));
            assertEquals(List.of(bad, new LayerId("good", ZOOM)), catalog.layers(), "listing does not parse definitions");
            CatalogException e = assertThrows(
                    CatalogException.class, () -> catalog.readMetadata("bad", ZOOM));
            assertTrue(e.getMessage().contains("layer bad:" + ZOOM), e.getMessage());
            assertThrows(CatalogException.class, () -> catalog.verify("bad", ZOOM));
            assertEquals(4, catalog.query("good", ZOOM).count());
            catalog.delete("bad", ZOOM);
            assertEquals(List.of(new LayerId("good", ZOOM)), catalog.layers());
            if (storage.records().newLocation(bad).equals(storage.records().newLocation(bad))) {
                // Where every write of a layer goes to one place, that place is known without the header.
                assertTrue(storage.records().read(loc, 3).isEmpty(), "its records went too");
            }
            assertTrue(storage.attributes().attributes(bad).isEmpty(), "and every document");
        }
        assertEquals(4, catalog.query("good", ZOOM).count());
    }

    /** Issue 10: a stream over a layer deleted (or rewritten) meanwhile formerly ended "successfully" with part of it. */
    @Test
    void aReaderNoticesTheLayerChangingUnderIt() {
        catalog.write("gone", SampleLayers.spatial(0, 0, 9, 9));
        catalog.write("grown", SampleLayers.spatial(0, 0, 9, 9), WriteOptions.DEFAULT.withIndexBounds(
                new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(15, 15))));
        try (Catalog other = Catalog.open(catalogUri)) {
            try (Stream<KeyedTile<SpatialKey>> tiles = catalog.query("gone", ZOOM, SpatialKey.class).stream()) {
                Iterator<KeyedTile<SpatialKey>> it = tiles.iterator();
                it.next();
                other.delete("gone", ZOOM);
                CatalogException e = assertThrows(
                        CatalogException.class, () -> it.forEachRemaining(t -> { }));
                assertTrue(e.getMessage().contains("deleted while it was being read"), e.getMessage());
            }
            try (Stream<KeyedTile<SpatialKey>> tiles = catalog.query("grown", ZOOM, SpatialKey.class).stream()) {
                Iterator<KeyedTile<SpatialKey>> it = tiles.iterator();
                it.next();
                other.update("grown", SampleLayers.spatial(10, 10, 10, 10, 3));
                CatalogException e = assertThrows(
                        CatalogException.class, () -> it.forEachRemaining(t -> { }));
                assertTrue(e.getMessage().contains("changed by another writer"), e.getMessage());
            }
        }
        assertEquals(101, catalog.query("grown", ZOOM).count(), "a read after the change is whole and quiet");
    }

    /**
     * Issue 10: a storage failure at any single call of a create, a pyramid or a delete leaves the
     * layer whole or absent — never a layer that looks complete but is not — and the operation can
     * simply be run again.
     */
    @Test
    void aStorageFailureAtAnyCallLeavesAWholeLayerOrNone() {
        TileLayer<SpatialKey> s = SampleLayers.spatial(0, 0, 1, 1);
        FaultyStorage.Faulty counting = FaultyStorage.wrap(catalogUri, Long.MAX_VALUE);
        try (Catalog c = Catalog.open(counting.uri())) {
            c.write("count", s);
            c.delete("count", ZOOM);
        }
        long calls = counting.plan().calls();
        assertTrue(calls > 10, "a write and a delete make " + calls + " storage calls");
        // Every single call in turn fails once: the first, the last and everything in between.
        for (long n = 1; n <= calls; n++) {
            String name = "f" + n;
            FaultyStorage.Faulty faulty = FaultyStorage.wrap(catalogUri, n);
            try (Catalog c = Catalog.open(faulty.uri())) {
                c.write(name, s);
                c.delete(name, ZOOM);
            } catch (CatalogException injected) {
                assertTrue(injected.getMessage().contains("injected") || injected.getSuppressed().length > 0
                        || injected.getCause() != null, injected.getMessage());
            }
            if (catalog.exists(name, ZOOM)) {
                assertSameTiles(s, catalog.query(name, ZOOM, SpatialKey.class));
                assertTrue(catalog.verify(name, ZOOM).ok(), "call " + n);
                catalog.delete(name, ZOOM);
            }
            catalog.write(name, s);
            assertSameTiles(s, catalog.query(name, ZOOM, SpatialKey.class));
        }
        FaultyStorage.Faulty pyramidCount = FaultyStorage.wrap(catalogUri, Long.MAX_VALUE);
        List<TileLayer<SpatialKey>> levels = List.of(SampleLayers.spatial(0, 0, 0, 0).atZoom(1), s.atZoom(2));
        try (Catalog c = Catalog.open(pyramidCount.uri())) {
            c.writePyramid("pc", levels);
        }
        for (long n = 1; n <= pyramidCount.plan().calls(); n++) {
            String name = "p" + n;
            try (Catalog c = Catalog.open(FaultyStorage.wrap(catalogUri, n).uri())) {
                c.writePyramid(name, levels);
            } catch (CatalogException injected) {
                assertFalse(catalog.exists(name, 1) && !catalog.exists(name, 2), "call " + n + ": not half a pyramid");
            }
            if (!catalog.exists(name, 2)) {
                catalog.writePyramid(name, levels);
            }
            assertEquals(1, catalog.query(name, 1).count());
            assertEquals(4, catalog.query(name, 2).count());
        }
    }

    // ---- changes of records: update and overwrite ----

    /** The layer every change test starts from: 9 tiles in bounds that reach col and row 4. */
    private static TileLayer<SpatialKey> beforeChange() {
        return within(SampleLayers.spatial(0, 0, 2, 2), 4);
    }

    /** The tiles every change test overwrites with: 4 replace tiles, 5 are new. */
    private static TileLayer<SpatialKey> change() {
        return SampleLayers.spatial(1, 1, 3, 3, 7);
    }

    /** What {@link #beforeChange()} overwritten with {@link #change()} holds. */
    private static Map<SpatialKey, MultibandTile> afterChange() {
        Map<SpatialKey, MultibandTile> m = byKey(beforeChange());
        m.putAll(byKey(change()));
        return m;
    }

    /** Asserts the layer holds exactly the tiles before the change or exactly those after, and is whole. */
    private static void assertBeforeOrAfterChange(Catalog c, String name, String what) {
        Map<SpatialKey, MultibandTile> now = byKey(c.query(name, ZOOM, SpatialKey.class));
        Map<SpatialKey, MultibandTile> expected = now.size() == 9 ? byKey(beforeChange()) : afterChange();
        assertEquals(expected.keySet(), now.keySet(), what + ": the keys of the layer before or after the change");
        expected.forEach((k, t) -> assertTrue(sameCells(t, now.get(k)), what + ": cells of " + k));
        assertEquals(now.size(), c.recordCount(name, ZOOM).orElse(now.size()), what + ": inventory");
        VerifyReport r = c.verify(name, ZOOM);
        assertTrue(r.ok(), what + ": " + r.problems());
    }

    /** A catalog on {@link #catalogUri} that caches nothing this test's other catalogs read. */
    private Catalog freshView() {
        return Catalog.open(FaultyStorage.wrap(catalogUri, Long.MAX_VALUE).uri());
    }

    /** SPI calls of one overwrite of {@link #beforeChange()} with {@link #change()}. */
    private long callsOfAChange() {
        catalog.write("counted", beforeChange());
        FaultyStorage.Faulty counting = FaultyStorage.wrap(catalogUri, Long.MAX_VALUE);
        try (Catalog c = Catalog.open(counting.uri())) {
            c.overwrite("counted", change());
        }
        return counting.plan().calls();
    }

    /**
     * Issue 10 §2: an update failing part-way was half applied. Now an IO failure at any single call
     * of an overwrite leaves exactly the tiles before it or exactly those after, and nothing pending.
     */
    @Test
    void aFailureAtAnyCallOfAChangeLeavesTheTilesBeforeOrAfterIt() {
        long calls = callsOfAChange();
        assertTrue(calls > 20, "an overwrite makes " + calls + " storage calls");
        for (long n = 1; n <= calls; n++) {
            String name = "c" + n;
            catalog.write(name, beforeChange());
            try (Catalog c = Catalog.open(FaultyStorage.wrap(catalogUri, n).uri())) {
                c.overwrite(name, change());
            } catch (CatalogException injected) {
                // Reported to the writer; what matters is what the layer holds now.
            }
            try (Catalog c = freshView()) {
                assertFalse(c.repair(name, ZOOM), "call " + n + ": nothing is left pending");
                assertBeforeOrAfterChange(c, name, "failure at call " + n);
            }
        }
    }

    /**
     * Issue 10 §2: a change that stops dead (its process crashed) leaves the layer marked as held:
     * whole-layer reads, other changes, copies and verify say so instead of mixing both versions;
     * its writer, still alive, is not taken over; delete removes it all.
     */
    @Test
    void aChangeThatStopsDeadHoldsTheLayerUntilDeleted() {
        long calls = callsOfAChange();
        catalog.write("held", beforeChange());
        try (Catalog c = Catalog.open(FaultyStorage.wrap(catalogUri, calls - 6, FaultyStorage.Fault.CRASH).uri())) {
            assertThrows(FaultyStorage.SimulatedCrash.class, () -> c.overwrite("held", change()));
        }
        try (Catalog c = freshView()) {
            CatalogException read = assertThrows(
                    CatalogException.class, () -> c.query("held", ZOOM).count());
            assertTrue(read.getMessage().contains("is held by a change by process " + ProcessHandle.current().pid()),
                    read.getMessage());
            assertThrows(CatalogException.class, () -> c.update("held", change()));
            assertThrows(CatalogException.class, () -> c.copy("held", ZOOM, "copy"));
            assertThrows(CatalogException.class, () -> c.repair("held", ZOOM),
                    "the writer (this process) is alive: not taken over");
            VerifyReport r = c.verify("held", ZOOM);
            assertFalse(r.ok());
            assertTrue(r.problems().get(0).contains("has not finished"), r.problems().toString());
            assertFalse(c.attributeStore().layer("held", ZOOM).read("metadata").has("pendingChange"),
                    "users see the metadata without the mark");
            c.delete("held", ZOOM);
            assertFalse(c.exists("held", ZOOM));
            c.write("held", beforeChange());
            c.overwrite("held", change());
            assertBeforeOrAfterChange(c, "held", "after delete and rewrite");
            assertEquals(14, c.recordCount("held", ZOOM).orElseThrow());
        }
    }

    /**
     * Issue 10 §2: a change whose process is killed (a child JVM halted at some call of it) is rolled
     * back by verify's repair, or by the next writer by itself; the layer is then exactly as it was
     * before, or exactly as after when the kill came after the commit.
     */
    @Test
    void aKilledChangeIsRolledBackByRepairOrByTheNextWriter() throws Exception {
        assumeTrue(sharedAcrossProcesses(), "the catalog lives in this JVM only");
        long calls = callsOfAChange();
        Path logs = Files.createTempDirectory("killed-change");
        long[] killAt = {calls / 4, calls / 2, calls * 3 / 4, calls - 4, calls - 2};
        for (int i = 0; i < killAt.length; i++) {
            String name = "k" + i;
            catalog.write(name, beforeChange());
            runHalted(KilledChange.class, logs, name, killAt[i]);
            try (Catalog c = freshView()) {
                if (i % 2 == 0) {
                    c.repair(name, ZOOM);
                    assertBeforeOrAfterChange(c, name, "killed at call " + killAt[i] + ", repaired");
                } else {
                    c.overwrite(name, change());
                    Map<SpatialKey, MultibandTile> now = byKey(c.query(name, ZOOM, SpatialKey.class));
                    assertEquals(afterChange().keySet(), now.keySet(), "the next writer took over");
                    assertTrue(c.verify(name, ZOOM).ok());
                }
            }
        }
    }

    /**
     * Issue 10 §1: two processes creating the same layer at once with different tiles. Formerly one
     * reported success while the stored tiles were the loser's, or a part of the winner's. Now
     * exactly one wins, the layer holds exactly its tiles, and the loser leaves nothing behind.
     */
    @Test
    void exactlyOneOfTwoRacingProcessesWinsWithExactlyItsTiles() throws Exception {
        assumeTrue(sharedAcrossProcesses(), "the catalog lives in this JVM only");
        Path dir = Files.createTempDirectory("race");
        Path go = dir.resolve("go");
        List<Process> children = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            children.add(ChildJvm.start(RacingCreator.class, dir.resolve("child-" + seed + ".log"), catalogUri,
                    Integer.toString(seed), go.toString()));
        }
        List<Integer> codes = new ArrayList<>();
        try {
            Files.writeString(go, "go");
            for (Process p : children) {
                assertTrue(p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS), "a writer did not finish");
                codes.add(p.exitValue());
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        assertTrue(codes.contains(0) && codes.contains(RacingCreator.LOST), "one wins, one is told the layer exists: "
                + codes + " " + Files.readString(dir.resolve("child-1.log"))
                + Files.readString(dir.resolve("child-2.log")));
        int winner = codes.indexOf(0) + 1;
        try (Catalog c = freshView()) {
            List<KeyedTile<SpatialKey>> stored = c.query("race", ZOOM, SpatialKey.class).tiles();
            assertEquals(RacingCreator.SIDE * RacingCreator.SIDE, stored.size());
            for (KeyedTile<SpatialKey> t : stored) {
                assertTrue(sameCells(SampleLayers.tile(t.key(), winner), t.tile()), "tile " + t.key() + " is the winner's");
            }
            assertTrue(c.verify("race", ZOOM).ok());
            assertEquals(RacingCreator.layer(winner).metadata(), c.readMetadata("race", ZOOM));
        }
        assertOnlyTheLayersRecords(catalogUri, new LayerId("race", ZOOM));
    }

    /**
     * Checks, in the backend's own terms, that nothing but the layer's records is stored for it (a
     * racing loser's or a killed writer's records are gone). Backends override it; by default only
     * what the catalog shows is checked.
     */
    protected void assertOnlyTheLayersRecords(String uri, LayerId id) throws IOException {
    }

    /** A child process: waits for the file {@code args[2]}, then creates "race" in {@code args[0]} with seed {@code args[1]}. */
    public static final class RacingCreator {
        static final int LOST = 3;
        static final int SIDE = 16;

        static TileLayer<SpatialKey> layer(int seed) {
            return SampleLayers.spatial(0, 0, SIDE - 1, SIDE - 1, seed);
        }

        public static void main(String[] args) throws Exception {
            Path go = Path.of(args[2]);
            while (!Files.exists(go)) {
                Thread.sleep(5);
            }
            TileLayer<SpatialKey> layer = layer(Integer.parseInt(args[1]));
            try (Catalog c = Catalog.open(args[0])) {
                c.write("race", TileLayer.lazy(KeyType.SPATIAL, layer.metadata(),
                        () -> layer.stream().peek(t -> ChildJvm.pause(1))).atZoom(ZOOM));
            } catch (LayerExistsException e) {
                System.exit(LOST);
            }
        }
    }

    /**
     * Issue 10 §6: a reader streaming a layer that another process deletes formerly finished
     * "successfully" with part of the tiles. Now the stream ends with an error saying so.
     */
    @Test
    void aReaderRacingADeleteInAnotherProcessGetsAnError() throws Exception {
        assumeTrue(sharedAcrossProcesses(), "the catalog lives in this JVM only");
        catalog.write("doomed", SampleLayers.spatial(0, 0, 15, 15));
        Path log = Files.createTempFile("deleter", ".log");
        try (Catalog c = freshView(); Stream<KeyedTile<SpatialKey>> tiles = c.query("doomed", ZOOM, SpatialKey.class)
                .stream()) {
            Iterator<KeyedTile<SpatialKey>> it = tiles.iterator();
            for (int i = 0; i < 5; i++) {
                it.next();
            }
            Process deleter = ChildJvm.start(Deleter.class, log, catalogUri, "doomed");
            assertTrue(deleter.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, deleter.exitValue(), Files.readString(log));
            CatalogException e = assertThrows(
                    CatalogException.class, () -> it.forEachRemaining(t -> { }));
            assertTrue(e.getMessage().contains("was deleted while it was being read"), e.getMessage());
        }
    }

    /** A child process: deletes layer {@code args[1]} (every zoom) of {@code args[0]}. */
    public static final class Deleter {
        public static void main(String[] args) {
            try (Catalog c = Catalog.open(args[0])) {
                c.delete(args[1]);
            }
        }
    }

    /** Asserts the layer is whole with the tiles of {@link #beforeChange()}, under either key index. */
    private static void assertReindexedOrNot(Catalog c, String name, String what) {
        assertTrue(c.exists(name, ZOOM), what + ": the layer is never gone");
        assertSameTiles(beforeChange(), c.query(name, ZOOM, SpatialKey.class));
        String index = c.attributeStore().layer(name, ZOOM).read("keyIndex").get("type").asText();
        assertTrue(Set.of("zorder", "hilbert").contains(index), what + ": " + index);
        VerifyReport r = c.verify(name, ZOOM);
        assertTrue(r.ok(), what + ": " + r.problems());
        assertEquals(9, c.recordCount(name, ZOOM).orElse(9), what + ": inventory");
    }

    /**
     * Issue 10 §3: a reindex killed part-way removed the layer under its own name. Now an IO failure
     * at any single call of a reindex leaves the layer whole under the old key index or the new one.
     */
    @Test
    void aFailureAtAnyCallOfAReindexLeavesTheOldOrTheNewLayer() {
        catalog.write("counted", beforeChange());
        FaultyStorage.Faulty counting = FaultyStorage.wrap(catalogUri, Long.MAX_VALUE);
        try (Catalog c = Catalog.open(counting.uri())) {
            c.reindex("counted", ZOOM, WriteOptions.index(IndexMethod.HILBERT));
        }
        long calls = counting.plan().calls();
        for (long n = 1; n <= calls; n++) {
            String name = "r" + n;
            catalog.write(name, beforeChange());
            try (Catalog c = Catalog.open(FaultyStorage.wrap(catalogUri, n).uri())) {
                c.reindex(name, ZOOM, WriteOptions.index(IndexMethod.HILBERT));
            } catch (CatalogException injected) {
                // Reported to the writer; what matters is what the layer holds now.
            }
            try (Catalog c = freshView()) {
                assertReindexedOrNot(c, name, "failure at call " + n);
                c.reindex(name, ZOOM, WriteOptions.index(IndexMethod.ZORDER));
                assertReindexedOrNot(c, name, "reindexed again after a failure at call " + n);
            }
        }
    }

    /**
     * Issue 10 §3: a reindex whose process is killed at any of its calls (a child JVM halted there)
     * leaves the layer whole under one of the two key indexes, and it can be reindexed again.
     */
    @Test
    void aKilledReindexLeavesTheOldOrTheNewLayer() throws Exception {
        assumeTrue(sharedAcrossProcesses(), "the catalog lives in this JVM only");
        catalog.write("counted", beforeChange());
        FaultyStorage.Faulty counting = FaultyStorage.wrap(catalogUri, Long.MAX_VALUE);
        try (Catalog c = Catalog.open(counting.uri())) {
            c.reindex("counted", ZOOM, WriteOptions.index(IndexMethod.HILBERT));
        }
        long calls = counting.plan().calls();
        Path logs = Files.createTempDirectory("killed-reindex");
        long[] killAt = {calls / 3, calls * 2 / 3, calls - 3, calls - 2, calls - 1};
        for (int i = 0; i < killAt.length; i++) {
            String name = "kr" + i;
            catalog.write(name, beforeChange());
            runHalted(KilledReindex.class, logs, name, killAt[i]);
            try (Catalog c = freshView()) {
                assertReindexedOrNot(c, name, "killed at call " + killAt[i] + " of " + calls);
                c.reindex(name, ZOOM, WriteOptions.index(IndexMethod.ZORDER));
                assertReindexedOrNot(c, name, "reindexed again after a kill at call " + killAt[i]);
            }
        }
    }

    /** A child process: reindexes {@code args[1]} of {@code args[0]} to Hilbert and halts at SPI call {@code args[2]}. */
    public static final class KilledReindex {
        public static void main(String[] args) {
            try (Catalog c = Catalog.open(FaultyStorage.wrap(args[0], Long.parseLong(args[2]),
                    FaultyStorage.Fault.HALT).uri())) {
                c.reindex(args[1], ZOOM, WriteOptions.index(IndexMethod.HILBERT));
            }
        }
    }

    /** The levels every pyramid test writes: zoom 1 (one tile) and zoom 2 (four). */
    private static List<TileLayer<SpatialKey>> pyramidLevels() {
        return List.of(SampleLayers.spatial(0, 0, 0, 0).atZoom(1), SampleLayers.spatial(0, 0, 1, 1).atZoom(2));
    }

    /**
     * Issue 10 §4: a pyramid write killed while committing its levels left some visible and the
     * re-run failed with "zoom exists". Now a child JVM halted at any of the last calls of a pyramid
     * write leaves levels the re-run of the same write finishes or replaces, and no level is ever
     * read as complete while another is missing.
     */
    @Test
    void aPyramidKilledWhileCommittingIsFinishedByItsReRun() throws Exception {
        assumeTrue(sharedAcrossProcesses(), "the catalog lives in this JVM only");
        FaultyStorage.Faulty counting = FaultyStorage.wrap(catalogUri, Long.MAX_VALUE);
        try (Catalog c = Catalog.open(counting.uri())) {
            c.writePyramid("counted", pyramidLevels());
        }
        long calls = counting.plan().calls();
        Path logs = Files.createTempDirectory("killed-pyramid");
        for (long at = calls - 7; at <= calls; at++) {
            String name = "kp" + at;
            runHalted(KilledPyramid.class, logs, name, at);
            try (Catalog c = freshView()) {
                try {
                    c.writePyramid(name, pyramidLevels());
                } catch (LayerExistsException complete) {
                    // The killed write had finished every level: nothing to do again.
                }
                assertEquals(1, c.query(name, 1).count(), "halted at call " + at + " of " + calls);
                assertEquals(4, c.query(name, 2).count(), "halted at call " + at + " of " + calls);
                assertTrue(c.verify(name, 1).ok() && c.verify(name, 2).ok());
            }
        }
    }

    /** A child process: writes the test pyramid as {@code args[1]} in {@code args[0]} and halts at SPI call {@code args[2]}. */
    public static final class KilledPyramid {
        public static void main(String[] args) {
            try (Catalog c = Catalog.open(FaultyStorage.wrap(args[0], Long.parseLong(args[2]),
                    FaultyStorage.Fault.HALT).uri())) {
                c.writePyramid(args[1], pyramidLevels());
            }
        }
    }

    /** Runs {@code main} in a child JVM on layer {@code name} of this catalog and checks it halted at call {@code at}. */
    private void runHalted(Class<?> main, Path logs, String name, long at) throws Exception {
        Path log = logs.resolve(name + ".log");
        Process child = ChildJvm.start(main, log, catalogUri, name, Long.toString(at));
        assertTrue(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "the child ended");
        assertEquals(137, child.exitValue(), "halted at call " + at + ": " + Files.readString(log));
    }

    /** A child process: overwrites {@code args[1]} of {@code args[0]} and halts at SPI call {@code args[2]}. */
    public static final class KilledChange {
        public static void main(String[] args) {
            try (Catalog c = Catalog.open(FaultyStorage.wrap(args[0], Long.parseLong(args[2]),
                    FaultyStorage.Fault.HALT).uri())) {
                c.overwrite(args[1], change());
            }
        }
    }

    // ---- record inventory ----

    /** Issue 10 §5: every layer this library writes knows its records exactly, through every change. */
    @Test
    void recordCountIsExactThroughWriteUpdateCopyAndReindex() {
        catalog.write("inv", within(SampleLayers.spatial(0, 0, 2, 2), 5));
        assertEquals(9, catalog.recordCount("inv", ZOOM).orElseThrow());
        catalog.update("inv", SampleLayers.spatial(2, 2, 4, 4, 1));
        assertEquals(9 + 9 - 1, catalog.recordCount("inv", ZOOM).orElseThrow(), "update adds the new keys once");
        catalog.overwrite("inv", SampleLayers.spatial(0, 0, 0, 0, 2));
        assertEquals(17, catalog.recordCount("inv", ZOOM).orElseThrow());
        catalog.copy("inv", ZOOM, "inv2");
        assertEquals(17, catalog.recordCount("inv2", ZOOM).orElseThrow());
        catalog.reindex("inv2", ZOOM, WriteOptions.index(IndexMethod.HILBERT));
        assertEquals(17, catalog.recordCount("inv2", ZOOM).orElseThrow());
        catalog.move("inv2", ZOOM, "inv3");
        assertEquals(17, catalog.recordCount("inv3", ZOOM).orElseThrow());
        assertEquals(17, catalog.query("inv3", ZOOM).count());
        assertThrows(IllegalArgumentException.class,
                () -> catalog.attributeStore().layer("inv3", ZOOM).write("recordInventory", "{}"), "managed by the catalog");
    }

    /** Issue 10 §5: a layer without an inventory (as GeoTrellis writes them) reads, updates, verifies and deletes. */
    @Test
    void aLayerWithoutInventoryWorksAsBefore() {
        TileLayer<SpatialKey> layer = within(SampleLayers.spatial(0, 0, 2, 2), 3);
        catalog.write("gt", layer);
        try (CatalogStorage raw = Backends.open(catalogUri, Map.of())) {
            assertTrue(raw.attributes().delete(new LayerId("gt", ZOOM), "recordInventory"));
        }
        // Through a URI of its own, so nothing this JVM cached of the layer is used.
        try (Catalog c = Catalog.open(FaultyStorage.wrap(catalogUri, Long.MAX_VALUE).uri())) {
            assertTrue(c.recordCount("gt", ZOOM).isEmpty());
            assertSameTiles(layer, c.query("gt", ZOOM, SpatialKey.class));
            c.update("gt", SampleLayers.spatial(3, 3, 3, 3));
            assertTrue(c.recordCount("gt", ZOOM).isEmpty(), "an update cannot know what it did not write");
            assertEquals(10, c.query("gt", ZOOM).count());
            assertTrue(c.verify("gt", ZOOM).ok());
            c.delete("gt", ZOOM);
            assertFalse(c.exists("gt", ZOOM));
        }
    }

    /** Issue 10 §5: a record that disappears behind the catalog's back is found, not silently skipped. */
    @Test
    void verifyAndReadsReportRecordsThatWentMissing() {
        TileLayer<SpatialKey> layer = SampleLayers.spatial(0, 0, 3, 3);
        catalog.write("gone", layer);
        SpatialKey lostKey = new SpatialKey(1, 2);
        long lostIndex = zIndex(lostKey);
        try (Catalog c = Catalog.open(LostRecords.wrap(catalogUri, Set.of(lostIndex, 12L)))) {
            VerifyReport r = c.verify("gone", ZOOM);
            assertFalse(r.ok());
            assertEquals(2, r.missingRecords());
            assertEquals(14, r.records());
            assertTrue(r.problems().stream().anyMatch(p -> p.contains("record " + lostIndex + " is missing")), r.problems().toString());
            CatalogException e = assertThrows(
                    CatalogException.class, () -> c.query("gone", ZOOM).count());
            assertTrue(e.getMessage().contains("lost its record"), e.getMessage());
            assertThrows(CatalogException.class, () -> c.readValue("gone", ZOOM, lostKey));
            assertThrows(CatalogException.class, () -> c.copy("gone", ZOOM, "copied"));
            assertFalse(c.exists("copied", ZOOM), "a copy of a damaged layer is not made to look whole");
        }
        assertTrue(catalog.verify("gone", ZOOM).ok());
    }

    /** The tiles of {@code layer} in a layer whose bounds (and so key index) reach col and row {@code max}. */
    private static TileLayer<SpatialKey> within(TileLayer<SpatialKey> layer, int max) {
        return TileLayer.of(KeyType.SPATIAL, SampleLayers.metadata(new KeyBounds<>(new SpatialKey(0, 0),
                new SpatialKey(max, max))), layer.tiles()).atZoom(ZOOM);
    }

    /** The z-order index GeoTrellis gives a spatial key (bits of col and row interleaved, col first). */
    private static long zIndex(SpatialKey k) {
        long z = 0;
        for (int b = 0; b < 16; b++) {
            z |= ((long) (k.col() >> b & 1)) << (2 * b) | ((long) (k.row() >> b & 1)) << (2 * b + 1);
        }
        return z;
    }

    /** Issue 10 §5: reading a sparse layer asks the storage only for the records it has. */
    @Test
    void readsOfASparseLayerTouchOnlyItsRecords() {
        TileLayer<SpatialKey> corners = TileLayer.of(KeyType.SPATIAL, SampleLayers.metadata(
                new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(7, 7))), List.of(
                        new KeyedTile<>(new SpatialKey(0, 0), SampleLayers.tile(new SpatialKey(0, 0), 0)),
                        new KeyedTile<>(new SpatialKey(7, 7), SampleLayers.tile(new SpatialKey(7, 7), 0)))).atZoom(ZOOM);
        catalog.write("sparse", corners);
        FaultyStorage.Faulty counting = FaultyStorage.wrap(catalogUri, Long.MAX_VALUE);
        try (Catalog c = Catalog.open(counting.uri())) {
            c.readMetadata("sparse", ZOOM);
            long before = counting.plan().calls();
            assertEquals(2, c.query("sparse", ZOOM).count());
            assertTrue(c.readValue("sparse", ZOOM, new SpatialKey(3, 3)).isEmpty());
            long calls = counting.plan().calls() - before;
            // The end-of-read check reads the layer's documents once; the records are two point reads
            // or one scan. Probing every index of the 8x8 bounds would be 64 calls.
            assertTrue(calls <= 6, "reading two records of 64 possible made " + calls + " storage calls");
        }
    }

    // ---- delete, copy, move, reindex ----

    @Test
    void deleteRemovesTilesAndAttributes() {
        catalog.write("del", SampleLayers.spatial(0, 0, 2, 2));
        catalog.attributeStore().layer("del", ZOOM).write("notes", Map.of("a", 1));
        catalog.delete("del", ZOOM);
        assertFalse(catalog.exists("del", ZOOM));
        assertTrue(catalog.attributeStore().layer("del", ZOOM).names().isEmpty());
        catalog.write("del", SampleLayers.spatial(0, 0, 0, 0));
        assertEquals(1, catalog.query("del", ZOOM).count(), "no tiles of the deleted layer remain");
    }

    @Test
    void deleteAllZooms() {
        catalog.writePyramid("z", List.of(SampleLayers.spatial(0, 0, 0, 0).atZoom(1), SampleLayers.spatial(0, 0, 1, 1).atZoom(2)));
        catalog.delete("z");
        assertTrue(catalog.layers().isEmpty());
    }

    @Test
    void copyAndMove() {
        TileLayer<SpatialKey> s = SampleLayers.spatial(1, 1, 3, 3);
        catalog.write("src", s);
        catalog.attributeStore().layer("src", ZOOM).write("notes", Map.of("a", 3));
        assertThrows(LayerExistsException.class, () -> catalog.copy("src", ZOOM, "src"));
        assertThrows(LayerExistsException.class, () -> catalog.move("src", ZOOM, "src"));
        catalog.copy("src", ZOOM, "copy");
        assertSameTiles(s, catalog.query("copy", ZOOM, SpatialKey.class));
        assertEquals(3, catalog.attributeStore().layer("copy", ZOOM).read("notes").get("a").asInt());
        catalog.move("copy", ZOOM, "moved");
        assertFalse(catalog.exists("copy", ZOOM));
        assertThrows(LayerNotFoundException.class, () -> catalog.query("copy", ZOOM));
        assertSameTiles(s, catalog.query("moved", ZOOM, SpatialKey.class));
        assertEquals(3, catalog.attributeStore().layer("moved", ZOOM).read("notes").get("a").asInt());
        assertSameTiles(s, catalog.query("src", ZOOM, SpatialKey.class));
    }

    @Test
    void copyToAnotherCatalogKeepsTheLayerExactly() {
        TileLayer<SpaceTimeKey> s = SampleLayers.spaceTime(0, 0, 2, 2, INSTANTS);
        catalog.write("st", s, WriteOptions.index(IndexMethod.HILBERT));
        catalog.attributeStore().layer("st", ZOOM).write("notes", "n");
        try (Catalog other = Catalog.open(newCatalogUri())) {
            catalog.copyTo(other, "st", ZOOM, "st", java.util.Optional.empty());
            assertSameTiles(s, other.query("st", ZOOM, SpaceTimeKey.class));
            LayerAttributes mine = catalog.attributeStore().layer("st", ZOOM);
            LayerAttributes theirs = other.attributeStore().layer("st", ZOOM);
            for (String part : List.of("metadata", "keyIndex", "schema")) {
                assertEquals(mine.read(part), theirs.read(part), part);
            }
            assertEquals("n", other.attributeStore().layer("st", ZOOM).read("notes").asText());
            assertThrows(LayerExistsException.class, () -> catalog.copyTo(other, "st", ZOOM, "st", java.util.Optional.empty()));
            catalog.copyTo(other, "st", ZOOM, "st-z", java.util.Optional.of(WriteOptions.DEFAULT));
            assertEquals("zorder", other.attributeStore().layer("st-z", ZOOM).read("keyIndex").get("type").asText());
            assertSameTiles(s, other.query("st-z", ZOOM, SpaceTimeKey.class));
        }
    }

    @Test
    void verifyReportsAHealthyLayer() {
        catalog.write("v", SampleLayers.spaceTime(0, 0, 1, 1, INSTANTS));
        VerifyReport r = catalog.verify("v", ZOOM);
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(12, r.tiles());
        assertEquals(8, r.records(), "one-day z-order bins put two instants in one record");
    }

    /** Issue 10: a layer whose records were all removed behind the catalog's back passed verify. */
    @Test
    void verifyReportsALayerWithoutRecords() {
        catalog.write("bare", SampleLayers.spatial(0, 0, 1, 1));
        LayerId id = new LayerId("bare", ZOOM);
        JsonNode header = catalog.attributeStore().layer("bare", ZOOM).read("header");
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        header.fields().forEachRemaining(f -> {
            if (!Set.of("format", "keyClass", "valueClass", "layerType").contains(f.getKey())) {
                fields.put(f.getKey(), f.getValue().asText());
            }
        });
        try (CatalogStorage storage = Backends.open(catalogUri, Map.of())) {
            storage.records().delete(RecordLocation.of(id, fields, 1,
                    () -> List.of(new io.tessera.catalog.index.IndexRange(0, Long.MAX_VALUE))));
        }
        VerifyReport r = catalog.verify("bare", ZOOM);
        assertFalse(r.ok());
        assertEquals(4, r.missingRecords(), "every record of the inventory is reported: " + r.problems());
        // Without an inventory (as GeoTrellis writes layers) the layer still fails: it has no record at all.
        try (CatalogStorage storage = Backends.open(catalogUri, Map.of())) {
            storage.attributes().delete(id, "recordInventory");
        }
        try (Catalog c = Catalog.open(FaultyStorage.wrap(catalogUri, Long.MAX_VALUE).uri())) {
            VerifyReport bare = c.verify("bare", ZOOM);
            assertFalse(bare.ok());
            assertTrue(bare.problems().get(0).contains("no records at all"), bare.problems().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(IndexMethod.class)
    void reindexSpatialWithEveryMethod(IndexMethod method) {
        TileLayer<SpatialKey> s = SampleLayers.spatial(2, 3, 6, 5);
        catalog.write("ri", s, WriteOptions.index(method == IndexMethod.ZORDER ? IndexMethod.HILBERT : IndexMethod.ZORDER));
        catalog.attributeStore().layer("ri", ZOOM).write("notes", 1);
        catalog.reindex("ri", ZOOM, WriteOptions.index(method));
        assertSameTiles(s, catalog.query("ri", ZOOM, SpatialKey.class));
        assertEquals(method.id(), catalog.attributeStore().layer("ri", ZOOM).read("keyIndex").get("type").asText());
        assertEquals(1, catalog.attributeStore().layer("ri", ZOOM).read("notes").asInt());
        assertEquals(List.of(new LayerId("ri", ZOOM)), catalog.layers(), "no temporary layer is left");
    }

    /** Issue 10: a reindex formerly showed a "-reindex-" layer for its whole run, and a kill could leave only that. */
    @Test
    void reindexShowsNoTemporaryLayer() throws Exception {
        TileLayer<SpatialKey> s = SampleLayers.spatial(0, 0, 11, 11);
        catalog.write("ri2", s);
        catalog.attributeStore().layer("ri2", ZOOM).write("notes", 7);
        Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (running.get()) {
                catalog.layers().forEach(l -> seen.add(l.name()));
            }
        });
        watcher.start();
        try {
            catalog.reindex("ri2", ZOOM, WriteOptions.index(IndexMethod.HILBERT));
        } finally {
            running.set(false);
            watcher.join();
        }
        assertEquals(Set.of("ri2"), seen, "only the layer itself was ever listed");
        assertEquals("hilbert", catalog.attributeStore().layer("ri2", ZOOM).read("keyIndex").get("type").asText());
        assertSameTiles(s, catalog.query("ri2", ZOOM, SpatialKey.class));
        assertEquals(7, catalog.attributeStore().layer("ri2", ZOOM).read("notes").asInt());
        assertTrue(catalog.verify("ri2", ZOOM).ok());
    }

    @Test
    void reindexSpaceTime() {
        TileLayer<SpaceTimeKey> s = SampleLayers.spaceTime(0, 0, 2, 1, INSTANTS);
        catalog.write("rst", s);
        catalog.reindex("rst", ZOOM, WriteOptions.index(IndexMethod.HILBERT).withHilbertTimeBits(4));
        assertSameTiles(s, catalog.query("rst", ZOOM, SpaceTimeKey.class));
        catalog.reindex("rst", ZOOM, WriteOptions.DEFAULT.withTimeResolution(TimeUnit.HOURS, 6));
        assertSameTiles(s, catalog.query("rst", ZOOM, SpaceTimeKey.class));
    }

    // ---- update and overwrite ----

    @Test
    void updateMergesAndGrowsMetadata() {
        catalog.write("up", SampleLayers.spatial(0, 0, 3, 3), WriteOptions.DEFAULT);
        catalog.update("up", SampleLayers.spatial(2, 2, 3, 3, 5));
        Map<SpatialKey, MultibandTile> got = byKey(catalog.query("up", ZOOM, SpatialKey.class));
        assertEquals(16, got.size());
        assertTrue(sameCells(SampleLayers.tile(new SpatialKey(3, 3), 5), got.get(new SpatialKey(3, 3))), "new wins");
        assertTrue(sameCells(SampleLayers.tile(new SpatialKey(0, 0), 0), got.get(new SpatialKey(0, 0))), "others kept");
        catalog.overwrite("up", SampleLayers.spatial(0, 0, 0, 0, 9));
        assertTrue(sameCells(SampleLayers.tile(new SpatialKey(0, 0), 9), catalog.readValue("up", ZOOM, new SpatialKey(0, 0)).orElseThrow()));
    }

    /** Issue 10: 100 tiles, the 91st bad; formerly 64 tiles were replaced before the error. */
    @Test
    void aFailingUpdateChangesNoTile() {
        TileLayer<SpatialKey> before = SampleLayers.spatial(0, 0, 9, 9);
        KeyBounds<SpatialKey> wide = new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(15, 15));
        catalog.write("half", before, WriteOptions.DEFAULT.withIndexBounds(wide));
        List<KeyedTile<SpatialKey>> fresh = new ArrayList<>(SampleLayers.spatial(0, 0, 9, 9, 7).tiles());
        KeyedTile<SpatialKey> ninetyFirst = fresh.get(90);
        MultibandTile wrongType = MultibandTile.of(ninetyFirst.tile().bands().stream()
                .map(b -> (io.tessera.catalog.raster.Tile) new io.tessera.catalog.raster.IntArrayTile(
                        new int[b.size()], b.cols(), b.rows(), io.tessera.catalog.raster.CellType.INT32)).toList());
        List<KeyedTile<SpatialKey>> badCell = new ArrayList<>(fresh);
        badCell.set(90, new KeyedTile<>(ninetyFirst.key(), wrongType));
        TileLayerMetadata<SpatialKey> md = before.metadata();
        assertThrows(IllegalArgumentException.class,
                () -> catalog.update("half", TileLayer.of(KeyType.SPATIAL, md, badCell).atZoom(ZOOM)));
        List<KeyedTile<SpatialKey>> badKey = new ArrayList<>(fresh);
        badKey.set(90, new KeyedTile<>(new SpatialKey(16, 0), ninetyFirst.tile()));
        assertThrows(LayerOutOfKeyBoundsException.class,
                () -> catalog.overwrite("half", TileLayer.of(KeyType.SPATIAL, md, badKey).atZoom(ZOOM)));
        assertSameTiles(before, catalog.query("half", ZOOM, SpatialKey.class));
        assertEquals(md, catalog.readMetadata("half", ZOOM));
    }

    /** Issue 10: a tile beyond the declared bounds (inside the key index) was stored yet invisible to queries. */
    @Test
    void updatedTilesBeyondTheDeclaredBoundsBecomeVisible() {
        KeyBounds<SpatialKey> wide = new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(15, 15));
        catalog.write("grow", SampleLayers.spatial(0, 0, 3, 3), WriteOptions.DEFAULT.withIndexBounds(wide));
        SpatialKey far = new SpatialKey(12, 13);
        KeyedTile<SpatialKey> beyond = new KeyedTile<>(far, SampleLayers.tile(far, 4));
        TileLayerMetadata<SpatialKey> declared = SampleLayers.metadata(KeyBounds.of(new SpatialKey(1, 1)));
        catalog.update("grow", TileLayer.of(KeyType.SPATIAL, declared, List.of(beyond)).atZoom(ZOOM));
        TileLayerMetadata<?> md = catalog.readMetadata("grow", ZOOM);
        assertEquals(new KeyBounds<>(new SpatialKey(0, 0), far), md.keyBounds());
        assertTrue(md.extent().contains(SampleLayers.layout().mapTransform().keyToExtent(far)), "extent covers it");
        assertTrue(byKey(catalog.query("grow", ZOOM, SpatialKey.class)).containsKey(far), "a whole-layer query sees it");
        assertTrue(catalog.verify("grow", ZOOM).ok());
    }

    @Test
    void updateOutsideTheIndexBoundsIsRejected() {
        catalog.write("oob", SampleLayers.spatial(2, 2, 4, 4), WriteOptions.index(IndexMethod.HILBERT));
        assertThrows(LayerOutOfKeyBoundsException.class, () -> catalog.update("oob", SampleLayers.spatial(1, 1, 1, 1)));
        assertThrows(LayerOutOfKeyBoundsException.class, () -> catalog.overwrite("oob", SampleLayers.spatial(5, 5, 5, 5)));
        assertEquals(9, catalog.query("oob", ZOOM).count());
    }

    /** GeoTrellis's spec: an index wider than the data lets updates add keys beyond the first write. */
    @ParameterizedTest
    @EnumSource(IndexMethod.class)
    void indexWithWiderBoundsTakesShiftedUpdates(IndexMethod method) {
        TileLayer<SpatialKey> s = SampleLayers.spatial(0, 0, 4, 4);
        KeyBounds<SpatialKey> wide = new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(24, 24));
        catalog.write("wide", s, WriteOptions.index(method).withIndexBounds(wide));
        catalog.update("wide", SampleLayers.spatial(10, 10, 14, 14));
        assertEquals(50, catalog.query("wide", ZOOM).count(), "twice the sample");
        assertEquals(new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(14, 14)), catalog.readMetadata("wide", ZOOM).keyBounds());
        catalog.overwrite("wide", SampleLayers.spatial(20, 20, 24, 24));
        assertEquals(75, catalog.query("wide", ZOOM).count());
        assertThrows(LayerOutOfKeyBoundsException.class, () -> catalog.update("wide", SampleLayers.spatial(25, 0, 25, 0)));
        assertThrows(IllegalArgumentException.class, () -> catalog.write("narrow", s,
                WriteOptions.DEFAULT.withIndexBounds(new KeyBounds<>(new SpatialKey(1, 1), new SpatialKey(9, 9)))));
    }

    @Test
    void updateWithAnotherLayoutIsRejectedBeforeWriting() {
        catalog.write("lay", SampleLayers.spatial(0, 0, 1, 1));
        TileLayer<SpatialKey> other = SampleLayers.spatial(0, 0, 0, 0, 3);
        TileLayerMetadata<SpatialKey> md = other.metadata();
        TileLayerMetadata<SpatialKey> wrongCrs = new TileLayerMetadata<>(md.cellType(), md.layout(), md.extent(),
                CRS.LAT_LNG, md.bounds());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> catalog.update("lay", TileLayer.of(KeyType.SPATIAL, wrongCrs, other.tiles()).atZoom(ZOOM)));
        assertTrue(e.getMessage().contains("cannot update layer"), e.getMessage());
        assertTrue(sameCells(SampleLayers.tile(new SpatialKey(0, 0), 0),
                catalog.readValue("lay", ZOOM, new SpatialKey(0, 0)).orElseThrow()), "no tile was written");
    }

    @Test
    void emptyUpdateChangesNothing() {
        TileLayer<SpatialKey> s = SampleLayers.spatial(0, 0, 1, 1);
        catalog.write("e", s);
        TileLayer<SpatialKey> empty = TileLayer.of(KeyType.SPATIAL, s.metadata().withEmptyBounds(), List.of()).atZoom(ZOOM);
        catalog.update("e", empty);
        catalog.overwrite("e", empty);
        assertSameTiles(s, catalog.query("e", ZOOM, SpatialKey.class));
        assertEquals(s.metadata(), catalog.readMetadata("e", ZOOM));
    }

    /** GeoTrellis's "metatile" case: several instants share one record; an update keeps the others. */
    @Test
    void updateOfOneInstantInASharedRecord() {
        List<Instant> days = new ArrayList<>();
        for (int d = 1; d <= 4; d++) {
            days.add(Instant.parse("2016-01-0" + d + "T12:00:00Z"));
        }
        TileLayer<SpaceTimeKey> four = SampleLayers.spaceTime(0, 0, 0, 0, days);
        catalog.write("meta", four, WriteOptions.DEFAULT.withTimeResolution(TimeUnit.YEARS, 1));
        SpaceTimeKey last = SpaceTimeKey.of(0, 0, days.get(3));
        KeyedTile<SpaceTimeKey> five = new KeyedTile<>(last, SampleLayers.tile(new SpatialKey(9, 9), 5));
        catalog.update("meta", TileLayer.of(KeyType.SPACE_TIME, SampleLayers.metadata(KeyBounds.of(last)), List.of(five)).atZoom(ZOOM));
        Map<SpaceTimeKey, MultibandTile> got = byKey(catalog.query("meta", ZOOM, SpaceTimeKey.class));
        assertEquals(4, got.size());
        assertTrue(sameCells(five.tile(), got.get(last)));
        SpaceTimeKey first = SpaceTimeKey.of(0, 0, days.get(0));
        assertTrue(sameCells(SampleLayers.tile(first, 0), got.get(first)));
    }

    // ---- attributes ----

    @Test
    void attributesReadWriteDelete() {
        AttributeStore store = catalog.attributeStore();
        LayerAttributes a = store.layer("boop-epsg-bop", 34);
        a.write("val", Map.of("first", 113, "second", "44two"));
        assertEquals(113, a.read("val").get("first").asInt());
        assertEquals("44two", a.read("val", Map.class).get("second"));
        assertTrue(a.delete("val"));
        assertThrows(AttributeNotFoundException.class, () -> a.read("val"));
        assertFalse(store.contains("boop-epsg-bop", 34));
    }

    @Test
    void attributeStoreSpec() {
        catalog.write("test1", SampleLayers.spatial(0, 0, 0, 0).atZoom(1));
        catalog.write("test2", SampleLayers.spatial(0, 0, 0, 0).atZoom(2));
        catalog.write("test3", SampleLayers.spatial(0, 0, 0, 0).atZoom(3));
        AttributeStore store = catalog.attributeStore();
        assertTrue(store.contains("test1", 1) && store.contains("test2", 2) && store.contains("test3", 3));
        assertEquals(List.of(new LayerId("test1", 1), new LayerId("test2", 2), new LayerId("test3", 3)), store.layers());
        store.layer("test3", 3).write("foo", Map.of("x", 1, "y", "thing"));
        assertEquals(Map.of("x", 1, "y", "thing"), store.layer("test3", 3).read("foo", Map.class));
        assertEquals(List.of("foo", "header", "keyIndex", "metadata", "schema"), store.layer("test3", 3).names(),
                "the four parts of the definition and the user attribute, on every backend");
        for (LayerId id : store.layers()) {
            catalog.delete(id.name(), id.zoom());
        }
        assertTrue(store.layers().isEmpty());
    }

    @Test
    void metadataIsProtected() {
        catalog.write("p", SampleLayers.spatial(0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> catalog.attributeStore().layer("p", ZOOM).write("metadata", 1));
        assertThrows(IllegalArgumentException.class, () -> catalog.attributeStore().layer("p", ZOOM).delete("metadata"));
        assertTrue(catalog.exists("p", ZOOM));
    }

    /** Helper for backends' own tests: the keys of a layer. */
    protected static <K extends LayerKey> Set<K> keys(TileLayer<K> layer) {
        return layer.tiles().stream().map(KeyedTile::key).collect(Collectors.toSet());
    }
}
