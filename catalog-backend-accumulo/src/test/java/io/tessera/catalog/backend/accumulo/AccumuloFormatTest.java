package io.tessera.catalog.backend.accumulo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.query.LayerQuery;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.testkit.ForkedServer;
import io.tessera.catalog.testkit.GeoTrellisFixtures;
import io.tessera.catalog.testkit.SampleLayers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.accumulo.core.client.AccumuloClient;
import org.apache.accumulo.core.client.BatchWriter;
import org.apache.accumulo.core.client.Scanner;
import org.apache.accumulo.core.client.admin.NewTableConfiguration;
import org.apache.accumulo.core.client.admin.TimeType;
import org.apache.accumulo.core.data.Key;
import org.apache.accumulo.core.data.Mutation;
import org.apache.accumulo.core.data.Range;
import org.apache.accumulo.core.data.Value;
import org.apache.accumulo.core.security.Authorizations;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What lands in Accumulo is GeoTrellis 3.x's layout (the format notes, §6): row ids, column families
 * and values, read with the plain Accumulo client; tables laid out by GeoTrellis read back exactly;
 * layers sharing a table, and another application's entries there, never see each other; and what
 * cannot work says so in one line within a bounded time.
 */
class AccumuloFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EMPTY = new byte[0];

    private static AccumuloClient accumulo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void connect() {
        accumulo = AccumuloTestServer.get().client();
    }

    @AfterAll
    static void disconnect() {
        accumulo.close();
    }

    private static String table(String uri, String parameter) {
        Matcher m = Pattern.compile(parameter + "=([\\w.]+)").matcher(uri);
        assertTrue(m.find());
        return m.group(1);
    }

    private static byte[] row(long index) {
        byte[] row = new byte[8];
        for (int i = 0; i < 8; i++) {
            row[i] = (byte) (index >>> (56 - 8 * i));
        }
        return row;
    }

    /** Every entry of a table: row, family, qualifier and value, in key order. */
    private static List<Map.Entry<Key, Value>> entries(String table) throws Exception {
        List<Map.Entry<Key, Value>> out = new ArrayList<>();
        try (Scanner s = accumulo.createScanner(table, Authorizations.EMPTY)) {
            for (Map.Entry<Key, Value> e : s) {
                out.add(Map.entry(new Key(e.getKey()), new Value(e.getValue())));
            }
        }
        return out;
    }

    @Test
    void rowIdsFamiliesAndDocumentsAreGeoTrellisOwn() throws Exception {
        String uri = AccumuloTestServer.get().newCatalogUri();
        try (Catalog catalog = Catalog.open(uri)) {
            catalog.write("landsat", SampleLayers.spatial(0, 0, 3, 3));
        }
        String tiles = table(uri, "layers");
        String attributes = table(uri, "attributes");
        List<Map.Entry<Key, Value>> records = entries(tiles);
        assertEquals(16, records.size(), "one entry per record");
        for (Map.Entry<Key, Value> e : records) {
            assertEquals(8, e.getKey().getRow().getLength(), "the row is the index in 8 bytes");
            assertEquals("landsat:4", e.getKey().getColumnFamily().toString(), "the family is name:zoom");
            assertEquals(0, e.getKey().getColumnQualifier().getLength(), "empty qualifier");
            byte[] v = e.getValue().get();
            assertArrayEquals(new byte[] {0x78, (byte) 0x9C}, new byte[] {v[0], v[1]}, "zlib, default level");
        }
        // SpatialKey(1, 2) under the z-order index is 0b1001 = 9.
        try (Scanner s = accumulo.createScanner(tiles, Authorizations.EMPTY)) {
            s.setRange(Range.exact(new Text(row(9)), new Text("landsat:4")));
            assertEquals(1, s.stream().count(), "the record of key (1, 2) is row 9, family landsat:4");
        }

        Set<String> names = new TreeSet<>();
        for (Map.Entry<Key, Value> e : entries(attributes)) {
            assertEquals("landsat__.__4", e.getKey().getRow().toString(), "one row per layer");
            String family = e.getKey().getColumnFamily().toString();
            assertEquals(0, e.getKey().getColumnQualifier().getLength(), "empty qualifier in " + family);
            names.add(family);
            JsonNode doc = JSON.readTree(new String(e.getValue().get(), StandardCharsets.UTF_8));
            assertEquals(JSON.readTree("{\"name\":\"landsat\",\"zoom\":4}"), doc.get(0), "[layerId, value]");
            if (family.equals("header")) {
                assertEquals("accumulo", doc.get(1).get("format").asText());
                assertEquals(tiles, doc.get(1).get("tileTable").asText());
                assertEquals("geotrellis.layer.SpatialKey", doc.get(1).get("keyClass").asText());
            }
        }
        assertEquals(Set.of("header", "keyIndex", "metadata", "recordInventory", "schema"), names,
                "GeoTrellis's four discrete documents, and the record inventory GeoTrellis ignores");
    }

    /**
     * Layers of one table share its rows; their column families keep them apart, and another
     * application's entries in the table are never read or deleted.
     */
    @Test
    void layersAndAnotherApplicationsEntriesInOneTableNeverMeet() throws Exception {
        String uri = AccumuloTestServer.get().newCatalogUri();
        String tiles = table(uri, "layers");
        accumulo.tableOperations().create(tiles);
        try (BatchWriter w = accumulo.createBatchWriter(tiles)) {
            for (long i = 0; i < 100; i++) {
                Mutation m = new Mutation(row(i));
                m.put(new Text("a:1x"), new Text(), new Value("not a record".getBytes(StandardCharsets.UTF_8)));
                m.put(new Text("other-application"), new Text("q"), new Value(new byte[] {1, 2, 3}));
                w.addMutation(m);
            }
        }
        try (Catalog catalog = Catalog.open(uri)) {
            catalog.write("a", SampleLayers.spatial(0, 0, 1, 1, 1).atZoom(1));
            catalog.write("a", SampleLayers.spatial(0, 0, 2, 2, 10).atZoom(10));
            catalog.write("ab", SampleLayers.spatial(0, 0, 0, 2, 2).atZoom(1));
            assertEquals(4, catalog.query("a", 1).tiles().size());
            assertEquals(9, catalog.query("a", 10).tiles().size());
            assertEquals(3, catalog.query("ab", 1).tiles().size());
            assertTrue(SampleLayers.sameCells(SampleLayers.tile(new SpatialKey(1, 1), 10),
                    catalog.readValue("a", 10, new SpatialKey(1, 1)).orElseThrow()));
            assertTrue(catalog.verify("a", 1).ok());

            catalog.delete("a", 1);
            assertEquals(0, AccumuloConformanceTest.entries(tiles, new LayerId("a", 1)));
            assertEquals(9, AccumuloConformanceTest.entries(tiles, new LayerId("a", 10)), "zoom 10 untouched");
            assertEquals(3, AccumuloConformanceTest.entries(tiles, new LayerId("ab", 1)), "'ab' untouched");
            assertEquals(List.of(new LayerId("a", 10), new LayerId("ab", 1)), catalog.layers());
        }
        long foreign = entries(tiles).stream().map(e -> e.getKey().getColumnFamily().toString())
                .filter(f -> f.equals("other-application") || f.equals("a:1x")).count();
        assertEquals(200, foreign, "the other application's entries are all there");
    }

    /**
     * Every fixture layer laid out in Accumulo as GeoTrellis's Accumulo writer lays it out (tables of
     * wall-clock time, made by the plain client; its record bytes; its documents) reads back exactly
     * as the file catalog GeoTrellis wrote, and changes to it commit there too.
     */
    @Test
    void layersLaidOutByGeoTrellisReadBackExactly() throws Exception {
        String uri = AccumuloTestServer.get().newCatalogUri();
        String tiles = table(uri, "layers");
        String attributes = table(uri, "attributes");
        accumulo.tableOperations().create(attributes);
        accumulo.tableOperations().create(tiles);
        assertEquals(TimeType.MILLIS, accumulo.tableOperations().getTimeType(tiles), "GeoTrellis's tables keep wall-clock time");
        GeoTrellisFixtures.Contents fixtures = GeoTrellisFixtures.read("accumulo", tiles);
        List<LayerId> ids = new ArrayList<>();
        try (BatchWriter attrs = accumulo.createBatchWriter(attributes); BatchWriter records = accumulo.createBatchWriter(tiles)) {
            for (GeoTrellisFixtures.UserAttribute a : fixtures.attributes()) {
                Mutation m = new Mutation(a.id().name() + "__.__" + a.id().zoom());
                m.put(a.name().getBytes(StandardCharsets.UTF_8), EMPTY, a.document());
                attrs.addMutation(m);
            }
            for (GeoTrellisFixtures.Layer layer : fixtures.layers()) {
                LayerId id = layer.id();
                ids.add(id);
                Mutation m = new Mutation(id.name() + "__.__" + id.zoom());
                layer.documents().forEach((name, doc) -> m.put(name.getBytes(StandardCharsets.UTF_8), EMPTY, doc));
                attrs.addMutation(m);
                byte[] family = (id.name() + ":" + id.zoom()).getBytes(StandardCharsets.UTF_8);
                for (Map.Entry<Long, byte[]> r : layer.records().entrySet()) {
                    Mutation t = new Mutation(row(r.getKey()));
                    t.put(family, EMPTY, r.getValue());
                    records.addMutation(t);
                }
            }
        }
        assertEquals(18, ids.size());
        GeoTrellisFixtures.assertReadsBackExactly(uri, ids);
        try (Catalog ours = Catalog.open(uri)) {
            // Dropped and made again at once, in tables where a delete hides its millisecond's writes.
            for (int i = 0; i < 5; i++) {
                ours.delete("spatial-zorder", 3);
                ours.write("spatial-zorder", SampleLayers.spatial(0, 0, 1, 1, i).atZoom(3));
                assertTrue(ours.exists("spatial-zorder", 3), "round " + i);
                assertEquals(4, ours.query("spatial-zorder", 3).tiles().size(), "round " + i);
            }
        }
    }

    /**
     * A new table is pre-split where its first layer's indexes fall; whole and windowed reads cross
     * the tablets in order.
     */
    @Test
    void aNewTableIsPreSplitAndReadAcrossItsTablets() throws Exception {
        String uri = AccumuloTestServer.get().newCatalogUri();
        // 32 × 32 tiles: zoom 5 of the sample tiles' web-mercator layout.
        LayoutDefinition layout = new ZoomedLayoutScheme(CRS.WEB_MERCATOR, SampleLayers.TILE_SIZE).levelForZoom(5).layout();
        List<KeyedTile<SpatialKey>> tiles = new ArrayList<>();
        for (KeyedTile<SpatialKey> t : SampleLayers.spatial(0, 0, 31, 31, 3).tiles()) {
            tiles.add(t);
        }
        KeyBounds<SpatialKey> bounds = new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(31, 31));
        TileLayerMetadata<SpatialKey> md = new TileLayerMetadata<>(SampleLayers.CELL_TYPE, layout,
                layout.mapTransform().keyToExtent(0, 0).combine(layout.mapTransform().keyToExtent(31, 31)),
                CRS.WEB_MERCATOR, bounds);
        try (Catalog catalog = Catalog.open(uri)) {
            catalog.write("wide", TileLayer.of(KeyType.SPATIAL, md, tiles).atZoom(5));
            assertEquals(3, accumulo.tableOperations().listSplits(table(uri, "layers")).size(),
                    "1,024 indexes make four tablets of 256");
            Map<LayerKey, MultibandTile> got = new LinkedHashMap<>();
            for (KeyedTile<?> t : catalog.query("wide", 5).tiles()) {
                got.put(t.key(), t.tile());
            }
            assertEquals(1024, got.size(), "every tile, across four tablets");
            for (KeyedTile<SpatialKey> t : tiles) {
                assertTrue(SampleLayers.sameCells(t.tile(), got.get(t.key())), t.key() + "");
            }
            Extent corners = layout.mapTransform().keyToExtent(5, 5).combine(layout.mapTransform().keyToExtent(20, 20));
            double inset = corners.width() / 400;
            Extent window = new Extent(corners.xmin() + inset, corners.ymin() + inset, corners.xmax() - inset,
                    corners.ymax() - inset);
            List<LayerKey> part = new ArrayList<>();
            for (KeyedTile<?> t : catalog.query("wide", 5, LayerQuery.intersecting(window)).tiles()) {
                part.add(t.key());
                assertTrue(SampleLayers.sameCells(SampleLayers.tile(t.key(), 3), t.tile()), t.key() + "");
            }
            assertEquals(256, part.size(), "a window of 16 × 16 tiles over many ranges and tablets");
            assertEquals(256, new TreeSet<>(part).size(), "each once");
        }
    }

    @Test
    void aCatalogThatDoesNotExistIsAnErrorNotAnEmptyList() {
        try (Catalog catalog = Catalog.open(AccumuloTestServer.get().newCatalogUri())) {
            CatalogException e = assertThrows(CatalogException.class, catalog::layers);
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
            assertFalse(catalog.exists("x", 1));
        }
    }

    @Test
    void aNamespacedTableAndAClientPropertiesFileWork() throws Exception {
        AccumuloTestServer server = AccumuloTestServer.get();
        Path properties = tmp.resolve("accumulo-client.properties");
        Files.writeString(properties, "auth.type=password\nauth.principal=" + AccumuloTestServer.USER + "\nauth.token="
                + AccumuloTestServer.PASSWORD + "\n");
        String uri = "accumulo://" + server.zookeepers() + "/" + AccumuloTestServer.INSTANCE
                + "?attributes=tessera_ns.meta&layers=tessera_ns.tiles&client-properties=" + properties;
        try (Catalog catalog = Catalog.open(uri)) {
            catalog.write("n", SampleLayers.spatial(0, 0, 1, 1));
        }
        assertTrue(accumulo.tableOperations().exists("tessera_ns.tiles"));
        try (Catalog again = Catalog.open(server.newCatalogUri().replaceAll("attributes=\\w+&layers=\\w+",
                "attributes=tessera_ns.meta&layers=tessera_ns.tiles"))) {
            assertEquals(List.of(new LayerId("n", SampleLayers.ZOOM)), again.layers());
            assertEquals(4, again.query("n", SampleLayers.ZOOM).tiles().size());
        }
    }

    private static CatalogException refused(String uri) {
        long t0 = System.nanoTime();
        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.open(uri).close());
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertTrue(!e.getMessage().contains("Exception") && !e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().contains(AccumuloTestServer.PASSWORD), "never the password: " + e.getMessage());
        assertTrue(seconds < 40, "bounded, not an endless retry: " + seconds + " s");
        return e;
    }

    @Test
    void aWrongPasswordIsAClearErrorWithinBoundedTime() {
        String uri = "accumulo://root:not-" + AccumuloTestServer.PASSWORD + "@" + AccumuloTestServer.get().zookeepers()
                + "/" + AccumuloTestServer.INSTANCE;
        CatalogException e = refused(uri);
        assertTrue(e.getMessage().contains("wrong user or password"), e.getMessage());
    }

    @Test
    void aWrongInstanceNameIsAClearErrorWithinBoundedTime() {
        CatalogException e = refused("accumulo://root:x@" + AccumuloTestServer.get().zookeepers() + "/noSuchInstance?timeout=10s");
        assertTrue(e.getMessage().contains("knows no Accumulo instance named 'noSuchInstance'"), e.getMessage());
    }

    @Test
    void anUnreachableZooKeeperIsAClearErrorWithinBoundedTime() {
        CatalogException e = refused("accumulo://127.0.0.1:" + ForkedServer.freePort() + "/x?timeout=10s");
        assertTrue(e.getMessage().startsWith("cannot reach Accumulo at accumulo://127.0.0.1:"), e.getMessage());
    }

    /**
     * Tables made here keep logical time (a delete cannot hide a write of its own millisecond) and do
     * not compress their files (records are zlib streams already).
     */
    @Test
    void tablesMadeHereKeepLogicalTimeAndDoNotDeflateRecordsTwice() throws Exception {
        String uri = AccumuloTestServer.get().newCatalogUri();
        try (Catalog catalog = Catalog.open(uri)) {
            catalog.write("t", SampleLayers.spatial(0, 0, 0, 0));
        }
        assertEquals(TimeType.LOGICAL, accumulo.tableOperations().getTimeType(table(uri, "layers")));
        assertEquals(TimeType.LOGICAL, accumulo.tableOperations().getTimeType(table(uri, "attributes")));
        assertEquals(new NewTableConfiguration().getTimeType(), TimeType.MILLIS, "Accumulo's default, GeoTrellis's");
        assertEquals("none", accumulo.tableOperations().getConfiguration(table(uri, "layers")).get("table.file.compress.type"));
        assertEquals("8M", accumulo.tableOperations().getConfiguration(table(uri, "layers")).get("table.scan.max.memory"));
    }
}
