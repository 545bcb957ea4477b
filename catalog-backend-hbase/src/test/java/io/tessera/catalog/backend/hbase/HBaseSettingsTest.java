package io.tessera.catalog.backend.hbase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** URIs and options of HBase catalogs, and what a wrong one says. */
class HBaseSettingsTest {

    private static HBaseSettings parse(String uri) {
        return HBaseSettings.parse(URI.create(uri), Map.of());
    }

    @Test
    void theDocumentedFormAndItsDefaults() {
        HBaseSettings s = parse("hbase://zk1?master=m1&attributes=attrs&layers=ns:tiles");
        assertEquals("zk1:2181", s.quorumSpec(), "ZooKeeper's default client port");
        assertEquals(Optional.of("m1"), s.master());
        assertEquals("attrs", s.attributeTable());
        assertEquals("ns:tiles", s.tileTable(), "a namespace prefix");
        assertEquals(8, s.writeBufferMiB());
        assertEquals(Duration.ofSeconds(60), s.operationTimeout());

        HBaseSettings d = parse("hbase://zk");
        assertEquals("metadata", d.attributeTable(), "GeoTrellis's geotrellis.hbase.catalog default");
        assertEquals("tiles", d.tileTable());
        assertEquals(Optional.empty(), d.master());
        assertEquals("hbase://zk:2181?attributes=metadata&layers=tiles", d.location());
    }

    @Test
    void theSeedsTwoQuestionMarkSpellingMeansTheSame() {
        HBaseSettings s = parse("hbase://zk:2182?master=m?attributes=a?layers=t");
        assertEquals(Optional.of("m"), s.master());
        assertEquals("a", s.attributeTable());
        assertEquals("t", s.tileTable());
        assertEquals("zk:2182", s.quorumSpec());
    }

    @Test
    void severalZooKeepersShareTheLastPortUnlessTheyHaveTheirOwn() {
        assertEquals("zk1:2222,zk2:2222,zk3:2222", parse("hbase://zk1,zk2,zk3:2222").quorumSpec());
        assertEquals("zk1:2000,zk2:2181", parse("hbase://zk1:2000,zk2").quorumSpec());
    }

    @Test
    void optionsWinOverTheUriAndHBaseSettingsPassThrough() {
        HBaseSettings s = HBaseSettings.parse(URI.create("hbase://zk?layers=t&hbase.client.retries.number=3"),
                Map.of("layers", "u", "write-buffer", "32", "operation-timeout", "5s", "zookeeper.session.timeout", "9000"));
        assertEquals("u", s.tileTable());
        assertEquals(32, s.writeBufferMiB());
        assertEquals(Duration.ofSeconds(5), s.operationTimeout());
        assertEquals(Map.of("hbase.client.retries.number", "3", "zookeeper.session.timeout", "9000"), s.configuration());
    }

    @Test
    void wrongUrisSayWhatIsWrongAndTheForm() {
        Map<String, String> cases = Map.of(
                "hbase:///", "names no ZooKeeper host",
                "hbase://zk:0", "bad port '0'",
                "hbase://zk?layers=bad/name", "is not a valid HBase table name",
                "hbase://zk?colour=blue", "unknown option 'colour'",
                "hbase://zk?write-buffer=0", "write-buffer must be a whole number",
                "hbase://zk?operation-timeout=soon", "operation-timeout must be a positive duration",
                "hbase://zk/path", "has a path",
                "hbase://user@zk", "has user information");
        cases.forEach((uri, says) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(uri), uri);
            assertTrue(e.getMessage().contains(says), uri + ": " + e.getMessage());
        });
    }
}
