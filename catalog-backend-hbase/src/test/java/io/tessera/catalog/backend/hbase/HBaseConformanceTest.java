package io.tessera.catalog.backend.hbase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.table.TwinTables;
import io.tessera.catalog.testkit.CatalogConformanceSuite;
import io.tessera.catalog.testkit.StorageContractSuite;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.PrefixFilter;
import org.apache.hadoop.hbase.util.Bytes;
import org.junit.jupiter.api.Nested;

/** The conformance suite and the storage contract on a real HBase. */
class HBaseConformanceTest {

    @Nested
    class CatalogOnHBase extends CatalogConformanceSuite {
        @Override
        protected String newCatalogUri() {
            return HBaseTestServer.get().newCatalogUri();
        }

        /** The rows under the layer's prefix in the tile table (and its reindex twin) are exactly its records. */
        @Override
        protected void assertOnlyTheLayersRecords(String uri, LayerId id) throws IOException {
            Matcher m = Pattern.compile("layers=([A-Za-z0-9_]+)").matcher(uri);
            m.find();
            long expected;
            try (Catalog c = Catalog.open(uri)) {
                expected = c.recordCount(id.name(), id.zoom()).orElseThrow();
            }
            assertEquals(expected, rows(m.group(1), id) + rows(TwinTables.twin(m.group(1)), id),
                    "rows of " + id + " in the tile tables");
        }
    }

    /** Rows under a layer's GeoTrellis prefix in a table, zero when there is no such table. */
    static long rows(String table, LayerId id) throws IOException {
        try (Connection c = HBaseTestServer.get().connection(); Admin admin = c.getAdmin()) {
            if (!admin.tableExists(TableName.valueOf(table))) {
                return 0;
            }
            byte[] prefix = Bytes.toBytes(id.name() + "__.__" + id.zoom() + "|");
            long n = 0;
            try (Table t = c.getTable(TableName.valueOf(table));
                    ResultScanner s = t.getScanner(new Scan().setFilter(new PrefixFilter(prefix)))) {
                for (Result ignored : s) {
                    n++;
                }
            }
            return n;
        }
    }

    @Nested
    class StorageOnHBase extends StorageContractSuite {
        @Override
        protected String newCatalogUri() {
            return HBaseTestServer.get().newCatalogUri();
        }
    }
}
