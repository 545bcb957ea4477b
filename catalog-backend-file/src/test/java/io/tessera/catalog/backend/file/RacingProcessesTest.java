package io.tessera.catalog.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.exceptions.LayerExistsException;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.testkit.SampleLayers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: two processes creating the same layer at once, with different tiles. Formerly one
 * reported success while the stored tiles were the loser's, or a part of the winner's. Now exactly
 * one wins and the layer holds exactly its tiles, and the loser leaves nothing behind.
 */
class RacingProcessesTest {

    static final int LOST = 3;

    @TempDir
    Path dir;

    /** A child: waits for the start file, then writes a 20x20 layer with its seed, slowly. */
    public static void main(String[] args) throws Exception {
        Path go = Path.of(args[2]);
        while (!Files.exists(go)) {
            Thread.sleep(5);
        }
        TileLayer<SpatialKey> layer = SampleLayers.spatial(0, 0, 19, 19, Integer.parseInt(args[1]));
        try (Catalog c = Catalog.open(args[0])) {
            c.write("race", TileLayer.lazy(KeyType.SPATIAL, layer.metadata(), () -> layer.stream().peek(t -> ChildJvm.pause(1)))
                    .atZoom(SampleLayers.ZOOM));
        } catch (LayerExistsException e) {
            System.exit(LOST);
        }
    }


    @Test
    void exactlyOneProcessWinsWithExactlyItsTiles() throws Exception {
        String uri = dir.resolve("catalog").toUri().toString();
        Path go = dir.resolve("go");
        List<Process> children = new ArrayList<>();
        for (int seed = 1; seed <= 2; seed++) {
            children.add(ChildJvm.start(RacingProcessesTest.class, dir.resolve("child-" + seed + ".log"), uri,
                    Integer.toString(seed), go.toString()));
        }
        List<Integer> codes = new ArrayList<>();
        try {
            Files.writeString(go, "go");
            for (Process p : children) {
                assertTrue(p.waitFor(120, TimeUnit.SECONDS), "a writer did not finish");
                codes.add(p.exitValue());
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
        assertTrue(codes.contains(0) && codes.contains(LOST), "one wins, one is told the layer exists: " + codes
                + " " + Files.readString(dir.resolve("child-1.log")) + Files.readString(dir.resolve("child-2.log")));
        int winnerSeed = codes.indexOf(0) + 1;
        TileLayer<SpatialKey> expected = SampleLayers.spatial(0, 0, 19, 19, winnerSeed);
        try (Catalog c = Catalog.open(uri)) {
            List<KeyedTile<SpatialKey>> stored = c.query("race", SampleLayers.ZOOM, SpatialKey.class).tiles();
            assertEquals(400, stored.size());
            for (KeyedTile<SpatialKey> t : stored) {
                assertTrue(SampleLayers.sameCells(SampleLayers.tile(t.key(), winnerSeed), t.tile()),
                        "tile " + t.key() + " is the winner's");
            }
            assertTrue(c.verify("race", SampleLayers.ZOOM).ok());
            assertEquals(expected.metadata(), c.readMetadata("race", SampleLayers.ZOOM));
        }
        try (Stream<Path> left = Files.list(dir.resolve("catalog").resolve("race"))) {
            assertEquals(List.of(Integer.toString(SampleLayers.ZOOM)), left.map(p -> p.getFileName().toString()).toList(),
                    "the loser's staged tiles are gone");
        }
    }
}
