package io.tessera.catalog.spark;

import io.tessera.catalog.backend.s3.S3TestServer;

/** Spark on the S3 backend, against s3proxy. */
class SparkOnS3Test extends SparkCatalogSuite {

    @Override
    protected String newCatalogUri() {
        return S3TestServer.get().newCatalogUri();
    }
}
