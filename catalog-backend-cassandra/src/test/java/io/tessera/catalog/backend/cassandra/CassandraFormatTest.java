package io.tessera.catalog.backend.cassandra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.testkit.ForkedServer;
import io.tessera.catalog.testkit.SampleLayers;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What lands in Cassandra is GeoTrellis 3.x's layout (the format notes, §4): the tile table's CQL
 * schema, a record's row and key, the attribute rows and their JSON; a GeoTrellis 2.2 attribute
 * table is read and written in its own schema; and what cannot work says so in one line.
 */
class CassandraFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static CqlSession cql;

    @BeforeAll
    static void connect() {
        cql = CassandraTestServer.get().session();
    }

    @AfterAll
    static void disconnect() {
        cql.close();
    }

    private static Map<String, String> columns(String table) {
        Map<String, String> out = new TreeMap<>();
        for (Row r : cql.execute("SELECT column_name, type, kind, position FROM system_schema.columns"
                + " WHERE keyspace_name = ? AND table_name = ?", CassandraTestServer.KEYSPACE, table)) {
            out.put(r.getString("column_name"), r.getString("type") + " " + r.getString("kind") + " " + r.getInt("position"));
        }
        return out;
    }

    /** The tests' keyspace, before a test makes a table in it as another program would. */
    private static void createKeyspace() {
        cql.execute("CREATE KEYSPACE IF NOT EXISTS " + CassandraTestServer.KEYSPACE
                + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
    }

    private static String table(String uri, String parameter) {
        Matcher m = Pattern.compile(parameter + "=([a-z0-9_]+)").matcher(uri);
        assertTrue(m.find());
        return m.group(1);
    }

    @Test
    void tablesRowsAndDocumentsAreGeoTrellisOwn() throws Exception {
        String uri = CassandraTestServer.get().newCatalogUri();
        try (Catalog catalog = Catalog.open(uri)) {
            catalog.write("landsat", SampleLayers.spatial(0, 0, 3, 3));
        }
        String tiles = table(uri, "layers");
        String attributes = table(uri, "attributes");
        assertEquals(Map.of("key", "varint partition_key 0", "name", "text clustering 0", "zoom", "int clustering 1",
                "value", "blob regular -1"), columns(tiles), "key varint, name text, zoom int, value blob, PRIMARY KEY (key, name, zoom)");
        assertEquals(Map.of("layername", "text partition_key 0", "layerzoom", "int clustering 0",
                "name", "text clustering 1", "value", "text regular -1"), columns(attributes));

        // SpatialKey(1, 2) under the z-order index is 0b1001 = 9: the row key is that BigInteger.
        Row row = cql.execute("SELECT value FROM " + CassandraTestServer.KEYSPACE + "." + tiles
                + " WHERE key = ? AND name = ? AND zoom = ?", BigInteger.valueOf(9), "landsat", SampleLayers.ZOOM).one();
        assertNotNull(row, "the record of key (1, 2) is the row (9, 'landsat', 4)");
        ByteBuffer value = row.getByteBuffer(0);
        assertArrayEquals(new byte[] {0x78, (byte) 0x9C}, new byte[] {value.get(0), value.get(1)}, "zlib, default level");
        long rows = cql.execute("SELECT count(*) FROM " + CassandraTestServer.KEYSPACE + "." + tiles).one().getLong(0);
        assertEquals(16, rows, "one row per record");

        Set<String> names = new TreeSet<>();
        for (Row r : cql.execute("SELECT name, value FROM " + CassandraTestServer.KEYSPACE + "." + attributes
                + " WHERE layerName = 'landsat' AND layerZoom = 4")) {
            names.add(r.getString(0));
            JsonNode doc = JSON.readTree(r.getString(1));
            assertEquals(JSON.readTree("{\"name\":\"landsat\",\"zoom\":4}"), doc.get(0), "[layerId, value]");
            if (r.getString(0).equals("header")) {
                assertEquals("cassandra", doc.get(1).get("format").asText());
                assertEquals(CassandraTestServer.KEYSPACE, doc.get(1).get("keyspace").asText());
                assertEquals(tiles, doc.get(1).get("tileTable").asText());
                assertEquals("geotrellis.layer.SpatialKey", doc.get(1).get("keyClass").asText());
            }
        }
        assertEquals(Set.of("header", "keyIndex", "metadata", "recordInventory", "schema"), names,
                "GeoTrellis's four discrete documents, and the record inventory GeoTrellis ignores");
    }

    @Test
    void aGeoTrellis22AttributeTableIsReadAndWrittenInItsOwnSchema() {
        String uri = CassandraTestServer.get().newCatalogUri();
        String attributes = table(uri, "attributes");
        createKeyspace();
        cql.execute("CREATE TABLE " + CassandraTestServer.KEYSPACE + "." + attributes
                + " (layerId text, name text, value text, PRIMARY KEY (layerId, name))");
        try (Catalog catalog = Catalog.open(uri)) {
            catalog.write("old", SampleLayers.spatial(0, 0, 1, 1));
            catalog.attributeStore().layer("old", SampleLayers.ZOOM).write("note", "kept");
        }
        Set<String> keys = new TreeSet<>();
        for (Row r : cql.execute("SELECT layerId, name FROM " + CassandraTestServer.KEYSPACE + "." + attributes)) {
            keys.add(r.getString(0) + "/" + r.getString(1));
        }
        assertTrue(keys.containsAll(Set.of("old__.__4/header", "old__.__4/metadata", "old__.__4/keyIndex",
                "old__.__4/schema", "old__.__4/note")), keys.toString());
        try (Catalog again = Catalog.open(uri)) {
            assertEquals(List.of(new LayerId("old", SampleLayers.ZOOM)), again.layers());
            MultibandTile t = again.readValue("old", SampleLayers.ZOOM, new SpatialKey(1, 1)).orElseThrow();
            assertTrue(SampleLayers.sameCells(SampleLayers.tile(new SpatialKey(1, 1), 0), t));
            assertEquals("kept", again.attributeStore().layer("old", SampleLayers.ZOOM).read("note", String.class));
        }
    }

    @Test
    void aTileTableOfAnotherSchemaIsRefusedByName() {
        String uri = CassandraTestServer.get().newCatalogUri();
        String tiles = table(uri, "layers");
        createKeyspace();
        cql.execute("CREATE TABLE " + CassandraTestServer.KEYSPACE + "." + tiles + " (k int PRIMARY KEY, v text)");
        try (Catalog catalog = Catalog.open(uri)) {
            CatalogException e = assertThrows(CatalogException.class,
                    () -> catalog.write("x", SampleLayers.spatial(0, 0, 1, 1)));
            assertTrue(e.getMessage().contains("is not a GeoTrellis tile table"), e.getMessage());
            assertTrue(catalog.layers().isEmpty(), "nothing was created");
        }
    }

    @Test
    void aCatalogThatDoesNotExistIsAnErrorNotAnEmptyList() {
        String uri = CassandraTestServer.get().newCatalogUri();
        try (Catalog catalog = Catalog.open(uri)) {
            CatalogException e = assertThrows(CatalogException.class, catalog::layers);
            assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        }
    }

    @Test
    void wrongCredentialsAndAnUnreachableHostAreClearErrors() {
        int port = CassandraTestServer.get().port();
        CatalogException refused = assertThrows(CatalogException.class,
                () -> Catalog.open("cassandra://cassandra:wrong@127.0.0.1:" + port + "/ks").close());
        assertTrue(refused.getMessage().contains("refused the credentials"), refused.getMessage());
        long t0 = System.nanoTime();
        CatalogException unreachable = assertThrows(CatalogException.class,
                () -> Catalog.open("cassandra://127.0.0.1:" + ForkedServer.freePort() + "/ks").close());
        assertTrue(unreachable.getMessage().contains("cannot reach Cassandra at cassandra://127.0.0.1:"),
                unreachable.getMessage());
        assertTrue(System.nanoTime() - t0 < 30_000_000_000L, "within the connect timeout, not a hang");
    }
}
