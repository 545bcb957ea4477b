package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.testkit.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS for this module's tests: one NameNode and one DataNode (Hadoop's MiniDFSCluster),
 * started on first use inside the test JVM, every port on 127.0.0.1, and shut down with the JVM —
 * it lives in this process, so a killed test run cannot leave it behind.
 */
public final class HdfsTestServer {

    private static final AtomicInteger CATALOGS = new AtomicInteger();
    private static final TestServer<HdfsTestServer> SERVER = new TestServer<>(HdfsTestServer::start);

    private final MiniDFSCluster cluster;

    private HdfsTestServer(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    /** The running server, started on first call. */
    public static HdfsTestServer get() {
        return SERVER.get();
    }

    private static HdfsTestServer start() {
        try {
            Path base = Files.createTempDirectory("minidfs");
            Configuration conf = new Configuration();
            conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
            // Tests roll MapFiles at small block sizes to get many files out of a few records.
            conf.setLong("dfs.namenode.fs-limits.min-block-size", 4096);
            MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
            cluster.waitActive();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> cluster.shutdown(true), "minidfs-stop"));
            return new HdfsTestServer(cluster);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start MiniDFSCluster", e);
        }
    }

    /**
     * Runs the server alone, for benchmarks that measure a catalog on HDFS from another JVM: prints
     * its URI and serves until this process is stopped (the shutdown hook removes its data).
     */
    public static void main(String[] args) throws InterruptedException {
        TestServer.serve(() -> get().uri().toString());
    }

    /** {@code hdfs://127.0.0.1:<port>}. */
    public URI uri() {
        return URI.create("hdfs://127.0.0.1:" + cluster.getNameNodePort());
    }

    /** A directory no other test uses. */
    public String newDirectory() {
        return uri() + "/catalog-" + CATALOGS.incrementAndGet();
    }

    /**
     * A catalog URI of a new directory. A client waits 400 ms before it asks again whether a file it
     * closed is complete, which a one-DataNode cluster answers only just too late for the first ask;
     * the tests write thousands of small files, so they ask again sooner.
     */
    public String newCatalogUri() {
        return newDirectory() + "?dfs.client.block.write.locateFollowingBlock.initial.delay.ms=5";
    }
}
