package io.tessera.catalog.backend.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mistyped Hadoop catalog URIs and options get one line saying what is wrong and what is expected. */
class HdfsUriErrorsTest {

    @TempDir
    Path dir;

    private static String message(String uri, Map<String, String> options) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalog.open(uri, options));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void badUrisAndOptionsAreRefusedWithTheExpectedForm() {
        assertTrue(message("hdfs:///catalog", Map.of()).contains("names no NameNode; expected hdfs://namenode:port/"));
        assertTrue(message("hdfs+file:relative", Map.of()).contains("has no absolute path"));
        String local = "hdfs+file://" + dir.toAbsolutePath();
        assertTrue(message(local + "?interval=0", Map.of()).contains("option interval must be a whole number of at least 1"));
        assertTrue(message(local, Map.of("maxOpenFiles", "many")).contains("option maxOpenFiles must be a whole number"));
        assertTrue(message(local, Map.of("colour", "red")).contains("unknown option 'colour'"));
        assertTrue(message(local + "?broken", Map.of()).contains("is not name=value"));
    }

    @Test
    void optionsWinOverTheUriAndHadoopPropertiesAreAccepted() {
        String local = "hdfs+file://" + dir.toAbsolutePath() + "?interval=0";
        try (Catalog c = Catalog.open(local, Map.of("interval", "8", "dfs.replication", "1"))) {
            assertEquals(0, c.layers().size());
        }
    }
}
