package io.tessera.catalog.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.WriterIdentity;
import io.tessera.catalog.testkit.CatalogConformanceSuite;
import io.tessera.catalog.testkit.SampleLayers;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite on a local file catalog. */
class FileCatalogConformanceTest extends CatalogConformanceSuite {

    @TempDir
    Path dir;

    private int catalogs;

    @Override
    protected String newCatalogUri() {
        return dir.resolve("catalog-" + ++catalogs).toUri().toString();
    }

    /**
     * A writer killed after it made its staging directory but before it wrote the note naming itself
     * in it is still known by the directory's name: the next create of the layer sweeps it.
     */
    @Test
    void aStagingDirectoryWithoutItsNoteIsSweptOnceItsWriterIsDead() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String dead = WriterIdentity.localHost() + " " + gone.pid() + " -";
        Path layerDir = Path.of(URI.create(catalogUri)).resolve("swept");
        Path left = Files.createDirectories(layerDir.resolve(".staging-" + SampleLayers.ZOOM + "-"
                + UUID.randomUUID() + "-by-" + HexFormat.of().formatHex(dead.getBytes(StandardCharsets.UTF_8))));
        Files.write(left.resolve("7"), new byte[] {1, 2, 3});
        catalog.write("swept", SampleLayers.spatial(0, 0, 1, 1));
        assertOnlyTheLayersRecords(catalogUri, new LayerId("swept", SampleLayers.ZOOM));
    }

    /** No staging directory of a loser or a killed writer is left beside the layer's records. */
    @Override
    protected void assertOnlyTheLayersRecords(String uri, LayerId id) throws IOException {
        try (Stream<Path> left = Files.list(Path.of(URI.create(uri)).resolve(id.name()))) {
            assertEquals(List.of(Integer.toString(id.zoom())), left.map(p -> p.getFileName().toString()).toList());
        }
    }
}
