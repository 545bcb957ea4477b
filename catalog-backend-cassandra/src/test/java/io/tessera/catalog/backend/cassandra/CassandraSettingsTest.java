package io.tessera.catalog.backend.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a catalog URI and its options mean, and the one-line errors for what they cannot mean. */
class CassandraSettingsTest {

    private static CassandraSettings parse(String uri, Map<String, String> options) {
        return CassandraSettings.parse(URI.create(uri), options);
    }

    private static String error(String uri, Map<String, String> options) {
        return assertThrows(IllegalArgumentException.class, () -> parse(uri, options)).getMessage();
    }

    @Test
    void theSeedsFormWithItsDefaults() {
        CassandraSettings s = parse("cassandra://db.example:9142/geo?attributes=metadata&layers=tiles", Map.of());
        assertEquals(List.of(InetSocketAddress.createUnresolved("db.example", 9142)), s.contactPoints());
        assertEquals("geo", s.keyspace());
        assertEquals("metadata", s.attributeTable());
        assertEquals("tiles", s.tileTable());
        assertEquals("datacenter1", s.localDatacenter());
        assertEquals("SimpleStrategy", s.replicationStrategy());
        assertEquals(1, s.replicationFactor());
        assertEquals(DefaultConsistencyLevel.LOCAL_QUORUM, s.consistency());
        assertEquals(Optional.empty(), s.user());
        assertEquals("cassandra://db.example:9142/geo?attributes=metadata&layers=tiles", s.location());
    }

    @Test
    void severalHostsShareTheLastPortUnlessTheyHaveTheirOwn() {
        CassandraSettings s = parse("cassandra://a,b:9000,c:9043/ks", Map.of());
        assertEquals(List.of(InetSocketAddress.createUnresolved("a", 9043), InetSocketAddress.createUnresolved("b", 9000),
                InetSocketAddress.createUnresolved("c", 9043)), s.contactPoints());
        assertEquals(9042, parse("cassandra://a,b/ks", Map.of()).contactPoints().get(1).getPort());
    }

    @Test
    void credentialsFromTheUriOrOptionsAndOptionsWin() {
        CassandraSettings s = parse("cassandra://me:s%40cret@h/ks", Map.of());
        assertEquals(Optional.of("me"), s.user());
        assertEquals(Optional.of("s@cret"), s.password());
        assertEquals(Optional.of("other"), parse("cassandra://me:pw@h/ks", Map.of("user", "other")).user());
        assertTrue(error("cassandra://me@h/ks", Map.of()).contains("give both"));
    }

    @Test
    void optionsWinOverTheQuery() {
        CassandraSettings s = parse("cassandra://h/ks?layers=a&consistency=one&request-timeout=500ms",
                Map.of("layers", "b", "replication-factor", "3", "datacenter", "dc2", "max-in-flight", "8"));
        assertEquals("b", s.tileTable());
        assertEquals(DefaultConsistencyLevel.ONE, s.consistency());
        assertEquals(Duration.ofMillis(500), s.requestTimeout());
        assertEquals(3, s.replicationFactor());
        assertEquals("dc2", s.localDatacenter());
        assertEquals(8, s.maxInFlight());
    }

    @Test
    void malformedUrisAndOptionsSayWhatIsWrong() {
        assertTrue(error("cassandra://h", Map.of()).contains("names no keyspace"));
        assertTrue(error("cassandra://h/my-keyspace", Map.of()).contains("keyspace name 'my-keyspace' is not a valid"));
        assertTrue(error("cassandra://h/ks?layers=1tiles", Map.of()).contains("tile table name '1tiles'"));
        assertTrue(error("cassandra://h:99999/ks", Map.of()).contains("bad port '99999'"));
        assertTrue(error("cassandra://h/ks?colour=red", Map.of()).contains("unknown option 'colour'"));
        assertTrue(error("cassandra://h/ks", Map.of("consistency", "most")).contains("consistency level"));
        assertTrue(error("cassandra://h/ks", Map.of("request-timeout", "soon")).contains("positive duration"));
        assertTrue(error("cassandra://h/ks", Map.of("replication-factor", "0")).contains("at least 1"));
        assertTrue(error("cassandra://h/ks?broken", Map.of()).contains("not name=value"));
    }
}
