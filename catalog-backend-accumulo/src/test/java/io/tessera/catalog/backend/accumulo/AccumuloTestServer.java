package io.tessera.catalog.backend.accumulo;

import io.tessera.catalog.testkit.ForkedServer;
import io.tessera.catalog.testkit.TestServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.accumulo.core.client.Accumulo;
import org.apache.accumulo.core.client.AccumuloClient;

/**
 * A real Accumulo for tests: MiniAccumuloCluster 2.1 (ZooKeeper, a manager, a tablet server and a
 * garbage collector, each a JVM of its own) run from a child JVM ({@link MiniAccumuloMain}) on the
 * class path this module's build wrote, every socket on 127.0.0.1. Started once per test JVM;
 * stopped with it, and by the child itself — forked servers included — when the test JVM is killed.
 */
public final class AccumuloTestServer {

    /** MiniAccumuloCluster's instance name. */
    public static final String INSTANCE = "miniInstance";
    public static final String USER = "root";
    public static final String PASSWORD = "tessera-secret";

    private static final AtomicInteger CATALOGS = new AtomicInteger();
    private static final TestServer<AccumuloTestServer> SERVER = new TestServer<>(AccumuloTestServer::start);

    private final int port;

    private AccumuloTestServer(int port) {
        this.port = port;
    }

    /** The running server, started on first call. */
    public static AccumuloTestServer get() {
        return SERVER.get();
    }

    /**
     * Runs the server alone, for benchmarks that measure a catalog on Accumulo from another JVM:
     * prints a catalog URI on it and serves until this process is stopped (which stops the server).
     */
    public static void main(String[] args) throws InterruptedException {
        TestServer.serve(() -> get().newCatalogUri());
    }

    /** ZooKeeper's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** ZooKeeper as the client names it. */
    public String zookeepers() {
        return "127.0.0.1:" + port;
    }

    /** A catalog URI of tables no other call has named. */
    public String newCatalogUri() {
        int n = CATALOGS.incrementAndGet();
        return "accumulo://" + USER + ":" + PASSWORD + "@" + zookeepers() + "/" + INSTANCE + "?attributes=metadata_" + n
                + "&layers=tiles_" + n;
    }

    /** A client of the plain Accumulo API, for tests that look at the tables themselves. */
    public AccumuloClient client() {
        return Accumulo.newClient().to(INSTANCE, zookeepers()).as(USER, PASSWORD).build();
    }

    /** ZooKeeper answers before the tablet server serves: ready is when a table can be made and dropped. */
    private boolean ready() throws Exception {
        try (AccumuloClient c = client()) {
            String probe = "tessera_ready_probe";
            if (c.tableOperations().exists(probe)) {
                c.tableOperations().delete(probe);
            }
            c.tableOperations().create(probe);
            c.tableOperations().delete(probe);
            return true;
        }
    }

    private static AccumuloTestServer start() {
        Path servers = Path.of(System.getProperty("it.servers.dir", "target/it-servers"));
        Path classPathFile = Path.of(System.getProperty("it.accumulo.classpath", "target/it-servers/accumulo.classpath"));
        try {
            if (!Files.isRegularFile(classPathFile)) {
                throw new IllegalStateException("Accumulo's class path is not at " + classPathFile + "; run the tests"
                        + " through Maven (the Accumulo module's maven-dependency-plugin writes it in"
                        + " process-test-resources)");
            }
            // The child runs MiniAccumuloMain from this module's test classes, on the module's test class path.
            String classPath = Files.readString(classPathFile).trim() + File.pathSeparator
                    + ForkedServer.codeOf(AccumuloTestServer.class);
            int zkPort = ForkedServer.freePort();
            Path dir = Files.createDirectories(servers.resolve("accumulo-" + zkPort)).toAbsolutePath();
            List<String> jvm = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + dir);
            ForkedServer server = ForkedServer.start("accumulo", jvm, classPath,
                    "io.tessera.catalog.backend.accumulo.MiniAccumuloMain",
                    List.of(dir.resolve("mac").toString(), Integer.toString(zkPort), PASSWORD),
                    zkPort, Duration.ofSeconds(120), dir.resolve("accumulo.log"));
            AccumuloTestServer accumulo = new AccumuloTestServer(zkPort);
            server.awaitReady("a table made and dropped", Duration.ofSeconds(180), accumulo::ready);
            return accumulo;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Accumulo", e);
        }
    }
}
