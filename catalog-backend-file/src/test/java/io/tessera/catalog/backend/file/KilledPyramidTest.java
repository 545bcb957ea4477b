package io.tessera.catalog.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.testkit.ChildJvm;
import io.tessera.catalog.testkit.SampleLayers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: a pyramid write killed with SIGKILL part-way formerly left its finer levels visible,
 * and running it again failed with "already exists". Now no level (or, killed in the last
 * milliseconds, every level) is visible, and the same write runs again as it is.
 */
class KilledPyramidTest {

    @TempDir
    Path dir;

    static List<TileLayer<SpatialKey>> levels(boolean slow) {
        return List.of(level(0, 0, 23, 23, 3, slow), level(0, 0, 11, 11, 2, slow), level(0, 0, 5, 5, 1, slow));
    }

    private static TileLayer<SpatialKey> level(int c0, int r0, int c1, int r1, int zoom, boolean slow) {
        TileLayer<SpatialKey> l = SampleLayers.spatial(c0, r0, c1, r1);
        return TileLayer.lazy(KeyType.SPATIAL, l.metadata(), () -> l.stream().peek(t -> {
            if (slow) {
                ChildJvm.pause(2);
            }
        })).atZoom(zoom);
    }

    /** The child process: writes the pyramid slowly, so the parent can kill it anywhere before its commits (756 tiles). */
    public static void main(String[] args) {
        try (Catalog c = Catalog.open(args[0])) {
            c.writePyramid("pyr", levels(true));
        }
    }


    @Test
    void aKilledPyramidLeavesNoLevelAndRunsAgain() throws Exception {
        String uri = dir.toUri().toString();
        long seed = System.nanoTime();
        int killAfter = 20 + new Random(seed).nextInt(700);
        Process child = ChildJvm.start(KilledPyramidTest.class, dir.resolve("child.log"), uri);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (staged(dir.resolve("pyr")) < killAfter) {
                assertTrue(child.isAlive(), "the writer ended before it could be killed: " + Files.readString(dir.resolve("child.log")));
                assertTrue(System.nanoTime() < deadline, "the writer wrote too slowly");
                Thread.sleep(5);
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        try (Catalog c = Catalog.open(uri)) {
            assertEquals(List.of(), c.layers(), "killed after " + killAfter + " staged tiles (seed " + seed + "): no level");
            c.writePyramid("pyr", levels(false));
            assertEquals(List.of(new LayerId("pyr", 1), new LayerId("pyr", 2), new LayerId("pyr", 3)), c.layers());
            assertEquals(576, c.query("pyr", 3).count());
            assertEquals(144, c.query("pyr", 2).count());
            assertEquals(36, c.query("pyr", 1).count());
        }
        try (Stream<Path> left = Files.list(dir.resolve("pyr"))) {
            assertEquals(List.of("1", "2", "3"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the killed writer's staged tiles were swept");
        }
    }

    /** Tiles staged so far in every staging directory of the layer name. */
    private static long staged(Path name) throws IOException {
        if (!Files.isDirectory(name)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> dirs = Files.list(name)) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith(".staging-")).toList()) {
                try (Stream<Path> files = Files.list(d)) {
                    n += files.filter(p -> !p.getFileName().toString().startsWith(".")).count();
                } catch (java.nio.file.NoSuchFileException gone) {
                    // renamed meanwhile
                }
            }
        }
        return n;
    }
}
