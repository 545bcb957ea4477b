package io.tessera.catalog.testkit.specimen;

import io.tessera.catalog.testkit.StorageContractSuite;
import java.util.UUID;

/** The storage contract on the specimen backend. */
class SpecimenStorageContractTest extends StorageContractSuite {

    @Override
    protected String newCatalogUri() {
        return "specimen://" + UUID.randomUUID();
    }
}
