package io.tessera.catalog.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.testkit.ChildJvm;
import io.tessera.catalog.testkit.SampleLayers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write killed with SIGKILL part-way (a real process, not an exception) leaves no layer that
 * reads as complete, and the same layer can be written afterwards without stray tiles.
 */
class KilledWriteTest {

    @TempDir
    Path dir;

    /** The child process: writes a 40x40-tile layer slowly, so the parent can kill it mid-way. */
    public static void main(String[] args) {
        try (Catalog c = Catalog.open(args[0])) {
            TileLayer<SpatialKey> big = SampleLayers.spatial(0, 0, 39, 39);
            c.write("victim", TileLayer.lazy(KeyType.SPATIAL, big.metadata(), () -> big.stream().peek(t -> ChildJvm.pause(2)))
                    .atZoom(SampleLayers.ZOOM));
        }
    }


    @Test
    void killedWriterLeavesNoVisibleLayer() throws Exception {
        String uri = dir.toUri().toString();
        Path tiles = dir.resolve("victim").resolve(Integer.toString(SampleLayers.ZOOM));
        Path name = dir.resolve("victim");
        Process child = ChildJvm.start(KilledWriteTest.class, dir.resolve("child.log"), uri);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count(staged(name)) < 200) {
                assertTrue(child.isAlive(), "the writer ended before it could be killed: " + Files.readString(dir.resolve("child.log")));
                assertTrue(System.nanoTime() < deadline, "the writer wrote too slowly");
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertTrue(count(staged(name)) < 1600, "killed part-way");
        assertEquals(0, count(tiles), "nothing reached the layer's directory");
        assertFalse(Files.exists(dir.resolve("attributes/victim__.__" + SampleLayers.ZOOM + "__.__metadata.json")));
        try (Catalog c = Catalog.open(uri)) {
            assertFalse(c.exists("victim", SampleLayers.ZOOM));
            assertTrue(c.layers().isEmpty());
            c.write("victim", SampleLayers.spatial(0, 0, 2, 2));
            assertEquals(9, c.query("victim", SampleLayers.ZOOM).count());
            assertEquals(9, count(tiles));
            assertFalse(Files.isDirectory(staged(name)), "the dead writer's staged tiles were cleared");
        }
    }

    /** The staging directory of the layer's writer, or a path that does not exist. */
    private static Path staged(Path name) throws IOException {
        if (!Files.isDirectory(name)) {
            return name.resolve("none");
        }
        try (Stream<Path> s = Files.list(name)) {
            return s.filter(p -> p.getFileName().toString().startsWith(".staging-")).findFirst()
                    .orElse(name.resolve("none"));
        }
    }

    private static long count(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        }
    }
}
