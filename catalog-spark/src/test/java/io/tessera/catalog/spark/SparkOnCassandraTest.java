package io.tessera.catalog.spark;

import io.tessera.catalog.backend.cassandra.CassandraTestServer;

/** Spark on the Cassandra backend, against its real server. */
class SparkOnCassandraTest extends SparkCatalogSuite {

    @Override
    protected String newCatalogUri() {
        return CassandraTestServer.get().newCatalogUri();
    }
}
