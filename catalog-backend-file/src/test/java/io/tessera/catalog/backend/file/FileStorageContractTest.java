package io.tessera.catalog.backend.file;

import io.tessera.catalog.testkit.StorageContractSuite;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on local files. */
class FileStorageContractTest extends StorageContractSuite {

    @TempDir
    Path dir;

    private int n;

    @Override
    protected String newCatalogUri() {
        return dir.resolve("catalog-" + n++).toUri().toString();
    }
}
