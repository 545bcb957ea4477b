package io.tessera.catalog.backend.accumulo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URIs and options of Accumulo catalogs, and what a wrong one says. */
class AccumuloSettingsTest {

    @TempDir
    Path tmp;

    private static AccumuloSettings parse(String uri) {
        return AccumuloSettings.parse(URI.create(uri), Map.of());
    }

    private static String refused(String uri, Map<String, String> options) {
        return assertThrows(IllegalArgumentException.class, () -> AccumuloSettings.parse(URI.create(uri), options))
                .getMessage();
    }

    @Test
    void theDocumentedFormAndItsDefaults() {
        AccumuloSettings s = parse("accumulo://alice:s%40cret@zk1,zk2:2222/geo?attributes=attrs&layers=ns.tiles");
        assertEquals("zk1:2222,zk2:2222", s.zookeeperSpec());
        assertEquals("geo", s.instance());
        assertEquals("alice", s.user());
        assertEquals(Optional.of("s@cret"), s.password(), "the password is URI-decoded");
        assertEquals("attrs", s.attributeTable());
        assertEquals("ns.tiles", s.tileTable(), "a namespace prefix");

        AccumuloSettings d = parse("accumulo://zk/gis");
        assertEquals("zk:2181", d.zookeeperSpec(), "ZooKeeper's default client port");
        assertEquals("root", d.user(), "GeoTrellis's default user");
        assertEquals(Optional.empty(), d.password());
        assertEquals("metadata", d.attributeTable(), "GeoTrellis's geotrellis.accumulo.catalog default");
        assertEquals("tiles", d.tileTable());
        assertEquals(64, d.writeMemoryMiB());
        assertEquals(4, d.writeThreads());
        assertEquals(4, d.queryThreads());
        assertEquals(Duration.ofSeconds(60), d.timeout());
        assertEquals("accumulo://zk:2181/gis?attributes=metadata&layers=tiles", d.location());
    }

    @Test
    void theClientPropertiesCarryTheUriAndTheCredentialsAnEmptyPasswordByDefault() {
        AccumuloSettings s = parse("accumulo://zk:2000/gis?timeout=15s");
        Properties p = s.clientProperties();
        assertEquals("gis", p.getProperty("instance.name"));
        assertEquals("zk:2000", p.getProperty("instance.zookeepers"));
        assertEquals("15s", p.getProperty("instance.zookeepers.timeout"));
        assertFalse(s.fileAuthenticates(p));
        assertEquals("root", s.user());
        assertEquals(Optional.empty(), s.password(), "authenticated with an empty password, GeoTrellis's default");
    }

    @Test
    void aClientPropertiesFileGivesTheCredentialsUnlessTheUriHasAPassword() throws Exception {
        Path file = tmp.resolve("accumulo-client.properties");
        Files.writeString(file, "auth.type=password\nauth.principal=svc\nauth.token=from-file\nbatch.writer.threads.max=7\n");
        AccumuloSettings s = AccumuloSettings.parse(URI.create("accumulo://zk/gis"), Map.of("client-properties", file.toString()));
        Properties p = s.clientProperties();
        assertTrue(s.fileAuthenticates(p));
        assertEquals("svc", p.getProperty("auth.principal"));
        assertEquals("7", p.getProperty("batch.writer.threads.max"), "the file's other settings stay");
        assertEquals("gis", p.getProperty("instance.name"), "the URI names the instance");

        AccumuloSettings over = AccumuloSettings.parse(URI.create("accumulo://bob:pw@zk/gis"),
                Map.of("client-properties", file.toString()));
        assertFalse(over.fileAuthenticates(over.clientProperties()), "a password in the URI wins");
        assertEquals("bob", over.user());
    }

    @Test
    void optionsWinOverTheUri() {
        AccumuloSettings s = AccumuloSettings.parse(URI.create("accumulo://u:p@zk/gis?layers=a"),
                Map.of("layers", "b", "user", "v", "password", "q", "write-memory", "16", "query-threads", "8"));
        assertEquals("b", s.tileTable());
        assertEquals("v", s.user());
        assertEquals(Optional.of("q"), s.password());
        assertEquals(16, s.writeMemoryMiB());
        assertEquals(8, s.queryThreads());
    }

    @Test
    void wrongUrisSayWhatIsWrongAndTheForm() {
        String noInstance = refused("accumulo://zk", Map.of());
        assertTrue(noInstance.contains("names no Accumulo instance"), noInstance);
        assertTrue(noInstance.contains(AccumuloSettings.FORM), noInstance);
        String unknown = refused("accumulo://zk/gis?bogus=1", Map.of());
        assertTrue(unknown.contains("unknown option 'bogus'"), unknown);
        String badTable = refused("accumulo://zk/gis?layers=my-tiles", Map.of());
        assertTrue(badTable.contains("'my-tiles' is not a valid Accumulo table name"), badTable);
        String badPort = refused("accumulo://zk:99999/gis", Map.of());
        assertTrue(badPort.contains("bad port"), badPort);
        String noFile = refused("accumulo://zk/gis", Map.of("client-properties", tmp.resolve("missing").toString()));
        assertTrue(noFile.contains("not a readable file"), noFile);
        String memory = refused("accumulo://zk/gis?write-memory=0", Map.of());
        assertTrue(memory.contains("write-memory"), memory);
        assertFalse(refused("accumulo://u:secret@zk/gis?layers=a-b", Map.of()).contains("secret"),
                "never the password in a message");
    }
}
