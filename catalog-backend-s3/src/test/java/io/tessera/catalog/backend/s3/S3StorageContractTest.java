package io.tessera.catalog.backend.s3;

import io.tessera.catalog.testkit.StorageContractSuite;

/** The storage contract on s3proxy. */
class S3StorageContractTest extends StorageContractSuite {

    @Override
    protected String newCatalogUri() {
        return S3TestServer.get().newCatalogUri();
    }
}
