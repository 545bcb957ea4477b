package io.tessera.catalog.backend.s3;

import io.tessera.catalog.testkit.CatalogConformanceSuite;

/** The conformance suite on s3proxy, each test in its own prefix of one bucket. */
class S3CatalogConformanceTest extends CatalogConformanceSuite {

    @Override
    protected String newCatalogUri() {
        return S3TestServer.get().newCatalogUri();
    }
}
