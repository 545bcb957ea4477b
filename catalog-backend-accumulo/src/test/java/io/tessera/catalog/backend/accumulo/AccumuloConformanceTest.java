package io.tessera.catalog.backend.accumulo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.table.TwinTables;
import io.tessera.catalog.testkit.CatalogConformanceSuite;
import io.tessera.catalog.testkit.StorageContractSuite;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.accumulo.core.client.AccumuloClient;
import org.apache.accumulo.core.client.Scanner;
import org.apache.accumulo.core.client.TableNotFoundException;
import org.apache.accumulo.core.data.Key;
import org.apache.accumulo.core.data.Value;
import org.apache.accumulo.core.security.Authorizations;
import org.apache.hadoop.io.Text;
import org.junit.jupiter.api.Nested;

/** The conformance suite and the storage contract on a real Accumulo (MiniAccumuloCluster). */
class AccumuloConformanceTest {

    @Nested
    class CatalogOnAccumulo extends CatalogConformanceSuite {
        @Override
        protected String newCatalogUri() {
            return AccumuloTestServer.get().newCatalogUri();
        }

        /** The entries of the layer's column family in the tile table (and its reindex twin) are exactly its records. */
        @Override
        protected void assertOnlyTheLayersRecords(String uri, LayerId id) throws IOException {
            Matcher m = Pattern.compile("layers=(\\w+)").matcher(uri);
            m.find();
            long expected;
            try (Catalog c = Catalog.open(uri)) {
                expected = c.recordCount(id.name(), id.zoom()).orElseThrow();
            }
            assertEquals(expected, entries(m.group(1), id) + entries(TwinTables.twin(m.group(1)), id),
                    "entries of " + id + " in the tile tables");
        }
    }

    /** Entries of a layer's column family in a table, zero when there is no such table. */
    static long entries(String table, LayerId id) throws IOException {
        try (AccumuloClient c = AccumuloTestServer.get().client()) {
            if (!c.tableOperations().exists(table)) {
                return 0;
            }
            long n = 0;
            try (Scanner s = c.createScanner(table, Authorizations.EMPTY)) {
                s.fetchColumnFamily(new Text(id.name() + ":" + id.zoom()));
                for (Map.Entry<Key, Value> ignored : s) {
                    n++;
                }
            }
            return n;
        } catch (TableNotFoundException e) {
            throw new IOException(e);
        }
    }

    @Nested
    class StorageOnAccumulo extends StorageContractSuite {
        @Override
        protected String newCatalogUri() {
            return AccumuloTestServer.get().newCatalogUri();
        }
    }
}
