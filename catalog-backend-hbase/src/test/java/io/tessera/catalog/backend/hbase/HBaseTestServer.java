package io.tessera.catalog.backend.hbase;

import io.tessera.catalog.testkit.ForkedServer;
import io.tessera.catalog.testkit.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;

/**
 * A real HBase for tests: a master, a region server and ZooKeeper in one child JVM, as HBase runs
 * standalone ({@code HMaster start} with no distributed cluster configured: the same mini ZooKeeper
 * and local cluster HBase's own test utility starts), on the local file system, every socket on
 * 127.0.0.1 and the web UIs off. Started once per test JVM; stopped with it, and by the child
 * itself when the test JVM is killed.
 */
public final class HBaseTestServer {

    /** The JVM flags HBase's own scripts give on JDK 17. */
    private static final List<String> JAVA_17_FLAGS = List.of(
            "-Dorg.apache.hbase.thirdparty.io.netty.tryReflectionSetAccessible=true",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED", "--add-opens", "java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED");

    private static final AtomicInteger CATALOGS = new AtomicInteger();
    private static final TestServer<HBaseTestServer> SERVER = new TestServer<>(HBaseTestServer::start);

    private final int port;

    private HBaseTestServer(int port) {
        this.port = port;
    }

    /** The running server, started on first call. */
    public static HBaseTestServer get() {
        return SERVER.get();
    }

    /**
     * Runs the server alone, for benchmarks that measure a catalog on HBase from another JVM: prints a
     * catalog URI on it and serves until this process is stopped (which stops the server).
     */
    public static void main(String[] args) throws InterruptedException {
        TestServer.serve(() -> get().newCatalogUri());
    }

    /** ZooKeeper's client port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** A catalog URI of tables no other call has named. */
    public String newCatalogUri() {
        int n = CATALOGS.incrementAndGet();
        return "hbase://127.0.0.1:" + port + "?attributes=metadata_" + n + "&layers=tiles_" + n;
    }

    /** A connection of the plain HBase client, for tests that look at the tables themselves. */
    public Connection connection() throws IOException {
        Configuration conf = HBaseConfiguration.create();
        conf.set("hbase.zookeeper.quorum", "127.0.0.1:" + port);
        conf.setInt("hbase.zookeeper.property.clientPort", port);
        return ConnectionFactory.createConnection(conf);
    }

    /**
     * ZooKeeper answers before the master has a region server and has finished starting: ready is
     * when a table can be made and dropped (otherwise the first test pays the master's start-up).
     */
    private boolean ready() throws IOException {
        try (Connection c = connection(); Admin admin = c.getAdmin()) {
            if (admin.getRegionServers().isEmpty() || !admin.isTableAvailable(TableName.META_TABLE_NAME)) {
                return false;
            }
            TableName probe = TableName.valueOf("tessera_ready_probe");
            admin.createTable(TableDescriptorBuilder.newBuilder(probe).setColumnFamily(ColumnFamilyDescriptorBuilder.of("f"))
                    .build());
            admin.disableTable(probe);
            admin.deleteTable(probe);
            return true;
        }
    }

    private static HBaseTestServer start() {
        Path servers = Path.of(System.getProperty("it.servers.dir", "target/it-servers"));
        Path classPathFile = Path.of(System.getProperty("it.hbase.classpath", "target/it-servers/hbase.classpath"));
        try {
            if (!Files.isRegularFile(classPathFile)) {
                throw new IllegalStateException("HBase's class path is not at " + classPathFile + "; run the tests"
                        + " through Maven (the HBase module's maven-antrun-plugin writes it in process-test-resources)");
            }
            String classPath = Files.readString(classPathFile).trim();
            int zkPort = ForkedServer.freePort();
            Path dir = Files.createDirectories(servers.resolve("hbase-" + zkPort));
            Path log4j = dir.resolve("log4j.properties");
            Files.writeString(log4j, String.join("\n",
                    "log4j.rootLogger=WARN,out",
                    "log4j.appender.out=org.apache.log4j.ConsoleAppender",
                    "log4j.appender.out.layout=org.apache.log4j.PatternLayout",
                    "log4j.appender.out.layout.ConversionPattern=%d %p [%t] %c{1}: %m%n", ""));
            List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx2g", "-XX:TieredStopAtLevel=1",
                    "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=" + dir, "-Dlog4j.configuration=" + log4j.toUri()));
            jvm.addAll(JAVA_17_FLAGS);
            List<String> args = List.of(
                    "-Dhbase.cluster.distributed=false",
                    "-Dhbase.rootdir=" + dir.resolve("root").toUri(),
                    "-Dhbase.tmp.dir=" + dir.resolve("tmp"),
                    "-Dhbase.zookeeper.property.dataDir=" + dir.resolve("zookeeper"),
                    "-Dhbase.zookeeper.property.clientPort=" + zkPort,
                    "-Dhbase.zookeeper.quorum=127.0.0.1",
                    "-Dhbase.localcluster.assign.random.ports=true",
                    "-Dhbase.master.info.port=-1",
                    "-Dhbase.regionserver.info.port=-1",
                    "-Dhbase.master.ipc.address=127.0.0.1",
                    "-Dhbase.regionserver.ipc.address=127.0.0.1",
                    "-Dhbase.master.hostname=localhost",
                    "-Dhbase.regionserver.hostname=localhost",
                    // Tests make a few hundred small tables: small memstores, so that their sum fits the heap.
                    "-Dhbase.hregion.memstore.flush.size=" + (8 << 20),
                    "-Dhfile.block.cache.size=0.2",
                    // The local file system has no hflush/hsync.
                    "-Dhbase.unsafe.stream.capability.enforce=false",
                    "-Dhbase.wal.provider=filesystem",
                    "start");
            ForkedServer server = ForkedServer.start("hbase", jvm, classPath, "org.apache.hadoop.hbase.master.HMaster",
                    args, zkPort, Duration.ofSeconds(120), dir.resolve("hbase.log"));
            HBaseTestServer hbase = new HBaseTestServer(zkPort);
            server.awaitReady("a table made and dropped", Duration.ofSeconds(120), hbase::ready);
            return hbase;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start HBase", e);
        }
    }
}
