package io.tessera.catalog.backend.file;

import io.tessera.catalog.testkit.CatalogConformanceSuite;
import java.nio.file.Path;
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
}
