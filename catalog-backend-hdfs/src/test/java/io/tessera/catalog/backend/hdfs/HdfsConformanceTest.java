package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.testkit.CatalogConformanceSuite;
import io.tessera.catalog.testkit.StorageContractSuite;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite and the storage contract on a real HDFS (MiniDFSCluster, {@code hdfs://}),
 * and the storage contract on Hadoop's local file system ({@code hdfs+file://}). Above the storage
 * contract both run the same code, so the whole suite runs once, on the real HDFS: what differs
 * between the two file systems (renames, locks, listings) is what the contract asserts.
 */
class HdfsConformanceTest {

    @TempDir
    static Path local;

    private static final AtomicInteger CATALOGS = new AtomicInteger();

    /** A new catalog on Hadoop's local file system. */
    private static String localCatalogUri() {
        return "hdfs+file://" + local.resolve("catalog-" + CATALOGS.incrementAndGet()).toAbsolutePath();
    }

    @Nested
    class CatalogOnHdfs extends CatalogConformanceSuite {
        @Override
        protected String newCatalogUri() {
            return HdfsTestServer.get().newCatalogUri();
        }
    }

    @Nested
    class StorageOnHdfs extends StorageContractSuite {
        @Override
        protected String newCatalogUri() {
            return HdfsTestServer.get().newCatalogUri();
        }
    }

    @Nested
    class StorageOnTheLocalFileSystem extends StorageContractSuite {
        @Override
        protected String newCatalogUri() {
            return localCatalogUri();
        }
    }
}
