package io.tessera.catalog.spark;

import io.tessera.catalog.backend.hdfs.HdfsTestServer;

/** Spark on the Hdfs backend, against its real server. */
class SparkOnHdfsTest extends SparkCatalogSuite {

    @Override
    protected String newCatalogUri() {
        return HdfsTestServer.get().newCatalogUri();
    }
}
