package io.tessera.catalog.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The URI and option handling every backend shares. */
class CatalogOptionsTest {

    @Test
    void userInformationIsSplitDecodedAndOverriddenByOptions() {
        CatalogOptions.Authority a = CatalogOptions.Authority.of("al%20ice:p%40ss@h1,h2:9", Map.of());
        assertEquals(Optional.of("al ice"), a.user());
        assertEquals(Optional.of("p@ss"), a.password());
        assertEquals("h1,h2:9", a.hosts());

        CatalogOptions.Authority o = CatalogOptions.Authority.of("u:p@h", Map.of("user", "v", "password", "q"));
        assertEquals(Optional.of("v"), o.user());
        assertEquals(Optional.of("q"), o.password());

        CatalogOptions.Authority none = CatalogOptions.Authority.of("h", Map.of());
        assertEquals(Optional.empty(), none.user());
        assertEquals(Optional.empty(), none.password());
        assertEquals("h", none.hosts());
        assertEquals(Optional.empty(), CatalogOptions.Authority.of("u@h", Map.of()).password(), "a user alone");
    }

    @Test
    void messagesNeverShowAPassword() {
        assertEquals("cassandra://u:***@h:9042/ks", CatalogOptions.shown(URI.create("cassandra://u:secret@h:9042/ks")));
        assertEquals("accumulo://u@h/i", CatalogOptions.shown(URI.create("accumulo://u@h/i")));
        String m = assertThrows(IllegalArgumentException.class,
                () -> CatalogOptions.hosts(URI.create("x://u:secret@h:0/i"), "h:0", 1, "x://h")).getMessage();
        assertTrue(m.contains("bad port"), m);
        assertFalse(m.contains("secret"), m);
    }
}
