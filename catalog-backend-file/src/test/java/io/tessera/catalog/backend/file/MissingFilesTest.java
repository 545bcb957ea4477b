package io.tessera.catalog.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.model.VerifyReport;
import io.tessera.catalog.testkit.SampleLayers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: tile files deleted behind the catalog's back — one file, or the whole zoom directory —
 * passed {@code verify}. The record inventory makes both visible, and reads fail instead of
 * returning fewer tiles.
 */
class MissingFilesTest {

    @TempDir
    Path dir;

    @Test
    void oneDeletedTileFileIsReported() throws Exception {
        try (Catalog c = Catalog.open(dir.toUri().toString())) {
            c.write("l", SampleLayers.spatial(0, 0, 3, 3));
            Path zoom = dir.resolve("l").resolve(Integer.toString(SampleLayers.ZOOM));
            Path victim;
            try (Stream<Path> files = Files.list(zoom)) {
                victim = files.sorted().skip(3).findFirst().orElseThrow();
            }
            Files.delete(victim);
            VerifyReport r = c.verify("l", SampleLayers.ZOOM);
            assertFalse(r.ok());
            assertEquals(1, r.missingRecords());
            assertEquals(15, r.records());
            long index = Long.parseLong(victim.getFileName().toString());
            assertTrue(r.problems().get(0).contains("record " + index + " is missing"), r.problems().toString());
            CatalogException e = assertThrows(CatalogException.class, () -> c.query("l", SampleLayers.ZOOM).count());
            assertTrue(e.getMessage().contains("lost its record " + index), e.getMessage());
        }
    }

    @Test
    void aDeletedZoomDirectoryIsReported() throws Exception {
        try (Catalog c = Catalog.open(dir.toUri().toString())) {
            c.write("l", SampleLayers.spatial(0, 0, 3, 3));
            Path zoom = dir.resolve("l").resolve(Integer.toString(SampleLayers.ZOOM));
            try (Stream<Path> files = Files.walk(zoom)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            VerifyReport r = c.verify("l", SampleLayers.ZOOM);
            assertFalse(r.ok());
            assertEquals(16, r.missingRecords());
            c.delete("l", SampleLayers.ZOOM);
            assertFalse(c.exists("l", SampleLayers.ZOOM));
        }
    }
}
