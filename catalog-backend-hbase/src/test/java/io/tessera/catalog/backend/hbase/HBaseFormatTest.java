package io.tessera.catalog.backend.hbase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.query.LayerQuery;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.testkit.ForkedServer;
import io.tessera.catalog.testkit.GeoTrellisFixtures;
import io.tessera.catalog.testkit.SampleLayers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What lands in HBase is GeoTrellis 3.x's layout (the format notes, §5): row keys, families and
 * values, read with the plain HBase client; tables laid out by GeoTrellis read back exactly; layers
 * sharing a table never see each other; and what cannot work says so in one line.
 */
class HBaseFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EMPTY = new byte[0];

    private static Connection hbase;

    @BeforeAll
    static void connect() throws IOException {
        hbase = HBaseTestServer.get().connection();
    }

    @AfterAll
    static void disconnect() throws IOException {
        hbase.close();
    }

    private static String table(String uri, String parameter) {
        Matcher m = Pattern.compile(parameter + "=([A-Za-z0-9_:]+)").matcher(uri);
        assertTrue(m.find());
        return m.group(1);
    }

    private static Set<String> families(String table) throws IOException {
        try (Admin admin = hbase.getAdmin()) {
            Set<String> out = new TreeSet<>();
            for (byte[] f : admin.getDescriptor(TableName.valueOf(table)).getColumnFamilyNames()) {
                out.add(Bytes.toString(f));
            }
            return out;
        }
    }

    private static byte[] tileRow(String name, int zoom, long index) {
        return Bytes.add(Bytes.toBytes(name + "__.__" + zoom + "|"), Bytes.toBytes(index));
    }

    @Test
    void rowKeysFamiliesAndDocumentsAreGeoTrellisOwn() throws Exception {
        String uri = HBaseTestServer.get().newCatalogUri();
        try (Catalog catalog = Catalog.open(uri)) {
            catalog.write("landsat", SampleLayers.spatial(0, 0, 3, 3));
        }
        String tiles = table(uri, "layers");
        String attributes = table(uri, "attributes");
        assertEquals(Set.of("tiles"), families(tiles), "one column family, tiles");
        assertTrue(families(attributes).containsAll(Set.of("header", "metadata", "keyIndex", "schema")));

        try (Table t = hbase.getTable(TableName.valueOf(tiles))) {
            // SpatialKey(1, 2) under the z-order index is 0b1001 = 9: the row is the prefix and 9 in 8 bytes.
            Result r = t.get(new Get(Bytes.add(Bytes.toBytes("landsat__.__4|"), new byte[] {0, 0, 0, 0, 0, 0, 0, 9})));
            byte[] value = r.getValue(Bytes.toBytes("tiles"), EMPTY);
            assertNotNull(value, "the record of key (1, 2) is the row 'landsat__.__4|' + 9, family tiles, empty qualifier");
            assertEquals(1, r.rawCells().length, "one cell");
            assertArrayEquals(new byte[] {0x78, (byte) 0x9C}, new byte[] {value[0], value[1]}, "zlib, default level");
        }
        assertEquals(16, HBaseConformanceTest.rows(tiles, new LayerId("landsat", 4)), "one row per record");

        try (Table t = hbase.getTable(TableName.valueOf(attributes))) {
            Result r = t.get(new Get(Bytes.toBytes("landsat__.__4")));
            Set<String> names = new TreeSet<>();
            for (var cell : r.rawCells()) {
                String family = Bytes.toString(cell.getFamilyArray(), cell.getFamilyOffset(), cell.getFamilyLength());
                assertEquals(0, cell.getQualifierLength(), "empty qualifier in " + family);
                names.add(family);
                JsonNode doc = JSON.readTree(Bytes.toString(cell.getValueArray(), cell.getValueOffset(), cell.getValueLength()));
                assertEquals(JSON.readTree("{\"name\":\"landsat\",\"zoom\":4}"), doc.get(0), "[layerId, value]");
                if (family.equals("header")) {
                    assertEquals("hbase", doc.get(1).get("format").asText());
                    assertEquals(tiles, doc.get(1).get("tileTable").asText());
                    assertEquals("geotrellis.layer.SpatialKey", doc.get(1).get("keyClass").asText());
                }
            }
            assertEquals(Set.of("header", "keyIndex", "metadata", "recordInventory", "schema"), names,
                    "GeoTrellis's four discrete documents, and the record inventory GeoTrellis ignores");
        }
    }

    @Test
    void layersWhoseNamesShareAPrefixNeverSeeEachOthersRows() throws IOException {
        String uri = HBaseTestServer.get().newCatalogUri();
        String tiles = table(uri, "layers");
        try (Catalog catalog = Catalog.open(uri)) {
            catalog.write("a", SampleLayers.spatial(0, 0, 1, 1, 1).atZoom(1));
            catalog.write("a", SampleLayers.spatial(0, 0, 2, 2, 10).atZoom(10));
            catalog.write("ab", SampleLayers.spatial(0, 0, 0, 2, 2).atZoom(1));
            assertEquals(4, catalog.query("a", 1).tiles().size());
            assertEquals(9, catalog.query("a", 10).tiles().size());
            assertEquals(3, catalog.query("ab", 1).tiles().size());
            assertTrue(SampleLayers.sameCells(SampleLayers.tile(new SpatialKey(1, 1), 10),
                    catalog.readValue("a", 10, new SpatialKey(1, 1)).orElseThrow()));

            catalog.delete("a", 1);
            assertEquals(0, HBaseConformanceTest.rows(tiles, new LayerId("a", 1)));
            assertEquals(9, HBaseConformanceTest.rows(tiles, new LayerId("a", 10)), "zoom 10 untouched by zoom 1's delete");
            assertEquals(3, HBaseConformanceTest.rows(tiles, new LayerId("ab", 1)), "'ab' untouched by 'a''s delete");
            assertEquals(List.of(new LayerId("a", 10), new LayerId("ab", 1)), catalog.layers());
        }
    }

    /**
     * Every fixture layer laid out in HBase as GeoTrellis's HBase writer lays it out (its attribute
     * table made with {@code header} alone and a family added per new attribute name, its record
     * bytes, its documents) reads back exactly as the file catalog GeoTrellis wrote.
     */
    @Test
    void layersLaidOutByGeoTrellisReadBackExactly() throws IOException {
        String uri = HBaseTestServer.get().newCatalogUri();
        String tiles = table(uri, "layers");
        String attributes = table(uri, "attributes");
        GeoTrellisFixtures.Contents fixtures = GeoTrellisFixtures.read("hbase", tiles);
        try (Admin admin = hbase.getAdmin()) {
            admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(attributes))
                    .setColumnFamily(ColumnFamilyDescriptorBuilder.of("header")).build());
            admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(tiles))
                    .setColumnFamily(ColumnFamilyDescriptorBuilder.of("tiles")).build());
            for (String family : List.of("metadata", "keyIndex", "schema")) {
                admin.addColumnFamily(TableName.valueOf(attributes), ColumnFamilyDescriptorBuilder.of(family));
            }
            for (GeoTrellisFixtures.UserAttribute a : fixtures.attributes()) {
                // GeoTrellis adds a family of the attribute's name.
                admin.addColumnFamily(TableName.valueOf(attributes), ColumnFamilyDescriptorBuilder.of(a.name()));
            }
        }
        List<LayerId> ids = new ArrayList<>();
        try (Table attrs = hbase.getTable(TableName.valueOf(attributes));
                Table records = hbase.getTable(TableName.valueOf(tiles))) {
            for (GeoTrellisFixtures.UserAttribute a : fixtures.attributes()) {
                attrs.put(new Put(Bytes.toBytes(a.id().name() + "__.__" + a.id().zoom()))
                        .addColumn(Bytes.toBytes(a.name()), EMPTY, a.document()));
            }
            for (GeoTrellisFixtures.Layer layer : fixtures.layers()) {
                LayerId id = layer.id();
                ids.add(id);
                Put put = new Put(Bytes.toBytes(id.name() + "__.__" + id.zoom()));
                layer.documents().forEach((name, doc) -> put.addColumn(Bytes.toBytes(name), EMPTY, doc));
                attrs.put(put);
                for (Map.Entry<Long, byte[]> r : layer.records().entrySet()) {
                    records.put(new Put(tileRow(id.name(), id.zoom(), r.getKey())).addColumn(Bytes.toBytes("tiles"), EMPTY,
                            r.getValue()));
                }
            }
        }
        assertEquals(18, ids.size());
        GeoTrellisFixtures.assertReadsBackExactly(uri, ids);
    }

    /** A table split into regions inside a layer's rows: whole and windowed reads cross them in order. */
    @Test
    void aLayerOverSeveralRegionsReadsBackWholeAndInPart() throws IOException {
        String uri = HBaseTestServer.get().newCatalogUri();
        String tiles = table(uri, "layers");
        try (Admin admin = hbase.getAdmin()) {
            byte[][] splits = {tileRow("wide", 4, 5), tileRow("wide", 4, 20), tileRow("wide", 4, 33), tileRow("wide", 4, 60)};
            admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(tiles))
                    .setColumnFamily(ColumnFamilyDescriptorBuilder.of("tiles")).build(), splits);
        }
        try (Catalog catalog = Catalog.open(uri)) {
            var layer = SampleLayers.spatial(0, 0, 7, 7, 3);
            catalog.write("wide", layer);
            List<LayerKey> order = new ArrayList<>();
            Map<LayerKey, MultibandTile> got = new LinkedHashMap<>();
            for (KeyedTile<?> t : catalog.query("wide", SampleLayers.ZOOM).tiles()) {
                order.add(t.key());
                got.put(t.key(), t.tile());
            }
            assertEquals(64, got.size(), "every tile, across five regions");
            for (KeyedTile<SpatialKey> t : layer.tiles()) {
                assertTrue(SampleLayers.sameCells(t.tile(), got.get(t.key())), t.key() + "");
            }
            Extent corners = SampleLayers.layout().mapTransform().keyToExtent(2, 2)
                    .combine(SampleLayers.layout().mapTransform().keyToExtent(5, 5));
            double inset = corners.width() / 400;
            Extent window = new Extent(corners.xmin() + inset, corners.ymin() + inset, corners.xmax() - inset,
                    corners.ymax() - inset);
            Set<LayerKey> part = new TreeSet<>();
            for (KeyedTile<?> t : catalog.query("wide", SampleLayers.ZOOM, LayerQuery.intersecting(window)).tiles()) {
                part.add(t.key());
            }
            assertEquals(16, part.size(), "a window of 4 × 4 tiles whose ranges cross region boundaries: " + part);
        }
    }

    @Test
    void userAttributesAddAFamilyOnceEvenWhenWritersRace() throws Exception {
        String uri = HBaseTestServer.get().newCatalogUri();
        try (Catalog a = Catalog.open(uri); Catalog b = Catalog.open(uri)) {
            a.write("l", SampleLayers.spatial(0, 0, 0, 0));
            var first = CompletableFuture.runAsync(() -> a.attributeStore().layer("l", SampleLayers.ZOOM).write("note", "from a"));
            var second = CompletableFuture.runAsync(() -> b.attributeStore().layer("l", SampleLayers.ZOOM).write("note", "from b"));
            first.get();
            second.get();
            String note = a.attributeStore().layer("l", SampleLayers.ZOOM).read("note", String.class);
            assertTrue(note.equals("from a") || note.equals("from b"), note);
            assertTrue(families(table(uri, "attributes")).contains("note"), "the attribute's own family, as GeoTrellis adds it");
        }
    }

    @Test
    void aTileTableWithoutTheTilesFamilyIsRefusedByName() throws IOException {
        String uri = HBaseTestServer.get().newCatalogUri();
        try (Admin admin = hbase.getAdmin()) {
            admin.createTable(TableDescriptorBuilder.newBuilder(TableName.valueOf(table(uri, "layers")))
                    .setColumnFamily(ColumnFamilyDescriptorBuilder.of("cf")).build());
        }
        try (Catalog catalog = Catalog.open(uri)) {
            CatalogException e = assertThrows(CatalogException.class,
                    () -> catalog.write("x", SampleLayers.spatial(0, 0, 1, 1)));
            assertTrue(e.getMessage().contains("is not a GeoTrellis tile table"), e.getMessage());
            assertTrue(e.getMessage().contains("[cf]"), e.getMessage());
            assertTrue(catalog.layers().isEmpty(), "nothing was created");
        }
    }

    @Test
    void aCatalogThatDoesNotExistIsAnErrorNotAnEmptyList() {
        try (Catalog catalog = Catalog.open(HBaseTestServer.get().newCatalogUri())) {
            CatalogException e = assertThrows(CatalogException.class, catalog::layers);
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        }
    }

    @Test
    void aNamespacedTableAndTheSeedsSpellingWork() {
        int port = HBaseTestServer.get().port();
        String uri = "hbase://127.0.0.1:" + port + "?master=localhost?attributes=tessera_ns:meta?layers=tessera_ns:tiles";
        try (Catalog catalog = Catalog.open(uri)) {
            catalog.write("n", SampleLayers.spatial(0, 0, 1, 1));
        }
        try (Catalog again = Catalog.open("hbase://127.0.0.1:" + port + "?attributes=tessera_ns:meta&layers=tessera_ns:tiles")) {
            assertEquals(List.of(new LayerId("n", SampleLayers.ZOOM)), again.layers());
            assertEquals(4, again.query("n", SampleLayers.ZOOM).tiles().size());
        }
    }

    @Test
    void anUnreachableZooKeeperIsAClearErrorWithinBoundedTime() {
        long t0 = System.nanoTime();
        CatalogException e = assertThrows(CatalogException.class,
                () -> Catalog.open("hbase://127.0.0.1:" + ForkedServer.freePort() + "?operation-timeout=10s").close());
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertTrue(e.getMessage().startsWith("cannot reach HBase at hbase://127.0.0.1:"), e.getMessage());
        assertTrue(!e.getMessage().contains("Exception") && !e.getMessage().contains("\n"), e.getMessage());
        assertTrue(seconds < 40, "bounded, not an endless retry: " + seconds + " s");
    }
}
