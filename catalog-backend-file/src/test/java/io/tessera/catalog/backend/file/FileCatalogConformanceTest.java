package io.tessera.catalog.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.testkit.CatalogConformanceSuite;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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

    /** No staging directory of a loser or a killed writer is left beside the layer's records. */
    @Override
    protected void assertOnlyTheLayersRecords(String uri, LayerId id) throws IOException {
        try (Stream<Path> left = Files.list(Path.of(URI.create(uri)).resolve(id.name()))) {
            assertEquals(List.of(Integer.toString(id.zoom())), left.map(p -> p.getFileName().toString()).toList());
        }
    }
}
