package io.tessera.catalog.backend.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.IndexMethod;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.testkit.SampleLayers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records deflated at a chosen zlib level: the level shows in each record's zlib header (its second
 * byte: 01 fastest, 9C default, DA smallest), every level reads back the same tiles, and the default
 * stays GeoTrellis's.
 */
class CompressionLevelTest {

    @TempDir
    Path dir;

    /** The second zlib header byte of every record of a layer. */
    private Set<String> levels(String name, int zoom) {
        try (Stream<Path> files = Files.list(dir.resolve(name).resolve(Integer.toString(zoom)))) {
            return files.filter(Files::isRegularFile).map(f -> {
                try {
                    byte[] b = Files.readAllBytes(f);
                    assertEquals(0x78, b[0] & 0xff, f + " is a zlib stream");
                    return String.format("%02X", b[1] & 0xff);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertSameTiles(Catalog c, String name) {
        for (KeyedTile<SpatialKey> t : SampleLayers.spatial(0, 0, 3, 3).tiles()) {
            assertTrue(SampleLayers.sameCells(t.tile(), c.readValue(name, SampleLayers.ZOOM, t.key()).orElseThrow()),
                    name + " " + t.key());
        }
    }

    @Test
    void aWriteNamesItsLevelAndTheDefaultIsGeoTrellis() {
        try (Catalog c = Catalog.open(dir.toString())) {
            c.write("default", SampleLayers.spatial(0, 0, 3, 3));
            c.write("fast", SampleLayers.spatial(0, 0, 3, 3), WriteOptions.DEFAULT.withCompressionLevel(1));
            c.write("small", SampleLayers.spatial(0, 0, 3, 3), WriteOptions.DEFAULT.withCompressionLevel(9));
            c.write("stored", SampleLayers.spatial(0, 0, 3, 3), WriteOptions.DEFAULT.withCompressionLevel(0));
            assertEquals(Set.of("9C"), levels("default", SampleLayers.ZOOM), "zlib's default level, as GeoTrellis");
            assertEquals(Set.of("01"), levels("fast", SampleLayers.ZOOM));
            assertEquals(Set.of("DA"), levels("small", SampleLayers.ZOOM));
            assertEquals(Set.of("01"), levels("stored", SampleLayers.ZOOM), "level 0 has level 1's header");
            for (String name : List.of("default", "fast", "small", "stored")) {
                assertSameTiles(c, name);
                assertTrue(c.verify(name, SampleLayers.ZOOM).ok(), name);
            }
        }
    }

    @Test
    void theCatalogOptionSetsTheLevelOfEveryWriteThatNamesNone() throws IOException {
        try (Catalog c = Catalog.open(dir.toString(), Map.of(Catalog.COMPRESSION_LEVEL, "1"))) {
            c.write("l", SampleLayers.spatial(0, 0, 3, 3));
            assertEquals(Set.of("01"), levels("l", SampleLayers.ZOOM));
            c.write("w", SampleLayers.spatial(0, 0, 3, 3), WriteOptions.DEFAULT.withCompressionLevel(9));
            assertEquals(Set.of("DA"), levels("w", SampleLayers.ZOOM), "a write's own level wins");
            c.update("w", SampleLayers.spatial(0, 0, 0, 0, 7));
            assertEquals(Set.of("01", "DA"), levels("w", SampleLayers.ZOOM), "an update writes at the catalog's level");
        }
        try (Catalog c = Catalog.open(dir.toString())) {
            byte[] before = Files.readAllBytes(dir.resolve("l/4").resolve(firstRecord("l")));
            c.copy("l", SampleLayers.ZOOM, "copied");
            assertArrayEquals(before, Files.readAllBytes(dir.resolve("copied/4").resolve(firstRecord("copied"))),
                    "a copy keeps the records as they are");
            c.reindex("l", SampleLayers.ZOOM, WriteOptions.index(IndexMethod.HILBERT).withCompressionLevel(9));
            assertEquals(Set.of("DA"), levelsOfCurrent("l"), "a reindex writes at its own level");
            assertSameTiles(c, "l");
            c.copyTo(c, "copied", SampleLayers.ZOOM, "recoded", Optional.of(WriteOptions.index(IndexMethod.ROWMAJOR)));
            assertEquals(Set.of("9C"), levels("recoded", SampleLayers.ZOOM), "re-encoded at the target catalog's level");
            assertSameTiles(c, "recoded");
        }
    }

    /** The levels of the records of a layer where its header points now (a reindex moves them). */
    private Set<String> levelsOfCurrent(String name) {
        Path twin = dir.resolve(name).resolve(SampleLayers.ZOOM + "-reindexed");
        if (Files.isDirectory(twin)) {
            try (Stream<Path> files = Files.list(twin)) {
                return files.filter(Files::isRegularFile).map(f -> {
                    try {
                        return String.format("%02X", Files.readAllBytes(f)[1] & 0xff);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).collect(Collectors.toCollection(TreeSet::new));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return levels(name, SampleLayers.ZOOM);
    }

    private String firstRecord(String name) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(name).resolve(Integer.toString(SampleLayers.ZOOM)))) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
    }

    @Test
    void levelsOutsideZeroToNineAreRefusedByName() {
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> WriteOptions.DEFAULT.withCompressionLevel(10));
        assertTrue(w.getMessage().contains("compression level must be 0 (none) to 9 (smallest), got 10"), w.getMessage());
        IllegalArgumentException o = assertThrows(IllegalArgumentException.class,
                () -> Catalog.open(dir.toString(), Map.of(Catalog.COMPRESSION_LEVEL, "fast")));
        assertTrue(o.getMessage().contains("option compression-level must be a whole number from 0"), o.getMessage());
    }
}
