package io.tessera.catalog.backend.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.testkit.CatalogConformanceSuite;
import io.tessera.catalog.testkit.StorageContractSuite;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;

/** The conformance suite and the storage contract on a real Cassandra node. */
class CassandraConformanceTest {

    @Nested
    class CatalogOnCassandra extends CatalogConformanceSuite {
        @Override
        protected String newCatalogUri() {
            return CassandraTestServer.get().newCatalogUri();
        }

        /** The layer's rows in the tile table (and its reindex twin) are exactly its records. */
        @Override
        protected void assertOnlyTheLayersRecords(String uri, LayerId id) {
            Matcher m = Pattern.compile("layers=([a-z0-9_]+)").matcher(uri);
            m.find();
            long expected;
            try (Catalog c = Catalog.open(uri)) {
                expected = c.recordCount(id.name(), id.zoom()).orElseThrow();
            }
            long rows = 0;
            try (CqlSession cql = CassandraTestServer.get().session()) {
                for (String table : new String[] {m.group(1), m.group(1) + "_reindexed"}) {
                    boolean exists = cql.execute("SELECT table_name FROM system_schema.tables WHERE keyspace_name = ?"
                            + " AND table_name = ?", CassandraTestServer.KEYSPACE, table).one() != null;
                    if (exists) {
                        rows += cql.execute("SELECT count(*) FROM " + CassandraTestServer.KEYSPACE + "." + table
                                + " WHERE name = ? AND zoom = ? ALLOW FILTERING", id.name(), id.zoom()).one().getLong(0);
                    }
                }
            }
            assertEquals(expected, rows, "rows of " + id + " in the tile tables");
        }
    }

    @Nested
    class StorageOnCassandra extends StorageContractSuite {
        @Override
        protected String newCatalogUri() {
            return CassandraTestServer.get().newCatalogUri();
        }
    }
}
