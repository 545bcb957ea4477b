package io.tessera.catalog.spark;

import io.tessera.catalog.backend.hbase.HBaseTestServer;

/** Spark on the HBase backend, against its real server. */
class SparkOnHBaseTest extends SparkCatalogSuite {

    @Override
    protected String newCatalogUri() {
        return HBaseTestServer.get().newCatalogUri();
    }
}
