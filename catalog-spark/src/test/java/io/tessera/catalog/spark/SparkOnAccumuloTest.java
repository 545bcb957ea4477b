package io.tessera.catalog.spark;

import io.tessera.catalog.backend.accumulo.AccumuloTestServer;

/** Spark on the Accumulo backend, against its real server. */
class SparkOnAccumuloTest extends SparkCatalogSuite {

    @Override
    protected String newCatalogUri() {
        return AccumuloTestServer.get().newCatalogUri();
    }
}
