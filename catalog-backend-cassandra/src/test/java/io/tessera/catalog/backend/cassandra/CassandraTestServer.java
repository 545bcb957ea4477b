package io.tessera.catalog.backend.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tessera.catalog.testkit.ForkedServer;
import io.tessera.catalog.testkit.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real Apache Cassandra 5.0 node for the module's tests (and the CLI's): started on first use in
 * a child JVM on 127.0.0.1 with free ports, data under {@code target/it-servers}, stopped by PID when
 * the test JVM ends and by {@link ForkedServer}'s watchdog should it be killed.
 */
public final class CassandraTestServer {

    /** The JVM flags Cassandra's own {@code jvm17-server.options} gives (not shipped in the jar). */
    private static final List<String> JAVA_17_FLAGS = List.of(
            "-Djdk.attach.allowAttachSelf=true",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true");

    /** The superuser Cassandra makes on first start. */
    static final String USER = "cassandra";
    static final String PASSWORD = "cassandra";
    /** The keyspace the tests' catalogs share. */
    static final String KEYSPACE = "tessera_it";

    private static final AtomicInteger CATALOGS = new AtomicInteger();
    private static final TestServer<CassandraTestServer> SERVER = new TestServer<>(CassandraTestServer::start);

    private final int port;
    private final ForkedServer process;

    private CassandraTestServer(int port, ForkedServer process) {
        this.port = port;
        this.process = process;
    }

    /** The running node, started on first call. */
    public static CassandraTestServer get() {
        return SERVER.get();
    }

    /**
     * Runs the node alone, for benchmarks that measure a catalog on Cassandra from another JVM: prints
     * a catalog URI on it and serves until this process is stopped (which stops the node).
     */
    public static void main(String[] args) throws InterruptedException {
        TestServer.serve(() -> get().newCatalogUri());
    }

    /** The CQL (native protocol) port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Whether the node is running. */
    boolean alive() {
        return process.alive();
    }

    /**
     * A catalog URI of tables no other call has named, in one shared keyspace (a keyspace per catalog
     * would cost a schema change per test for nothing).
     */
    public String newCatalogUri() {
        int n = CATALOGS.incrementAndGet();
        return "cassandra://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + KEYSPACE + "?attributes=metadata_" + n
                + "&layers=tiles_" + n;
    }

    /** A session of the superuser, for tests that look at the tables themselves. */
    public CqlSession session() {
        return CqlSession.builder().addContactPoint(new InetSocketAddress("127.0.0.1", port))
                .withLocalDatacenter("datacenter1").withAuthCredentials(USER, PASSWORD).build();
    }

    private static CassandraTestServer start() {
        Path servers = Path.of(System.getProperty("it.servers.dir", "target/it-servers"));
        Path classPathFile = Path.of(System.getProperty("it.cassandra.classpath", "target/it-servers/cassandra.classpath"));
        try {
            if (!Files.isRegularFile(classPathFile)) {
                throw new IllegalStateException("Cassandra's class path is not at " + classPathFile + "; run the tests"
                        + " through Maven (the Cassandra module's maven-antrun-plugin writes it in process-test-resources)");
            }
            String classPath = Files.readString(classPathFile).trim();
            int storagePort = ForkedServer.freePort();
            int nativePort = ForkedServer.freePort();
            Path dir = Files.createDirectories(servers.resolve("cassandra-" + nativePort));
            Path yaml = dir.resolve("cassandra.yaml");
            Files.writeString(yaml, String.join("\n",
                    "cluster_name: tessera-it",
                    "num_tokens: 1",
                    "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
                    "endpoint_snitch: SimpleSnitch",
                    "listen_address: 127.0.0.1",
                    "rpc_address: 127.0.0.1",
                    "storage_port: " + storagePort,
                    "native_transport_port: " + nativePort,
                    "start_native_transport: true",
                    "seed_provider:",
                    "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
                    "    parameters:",
                    "      - seeds: \"127.0.0.1:" + storagePort + "\"",
                    "commitlog_sync: periodic",
                    "commitlog_sync_period: 10000ms",
                    "concurrent_compactors: 1",
                    "auto_snapshot: false",
                    // Credentials are checked, so that tests of wrong ones mean something.
                    "authenticator: PasswordAuthenticator",
                    // Conformance tests race writers on purpose: lightweight transactions must not time out under load.
                    "cas_contention_timeout: 5000ms",
                    "write_request_timeout: 10000ms",
                    "read_request_timeout: 10000ms",
                    "data_file_directories: [" + dir.resolve("data") + "]",
                    "commitlog_directory: " + dir.resolve("commitlog"),
                    "saved_caches_directory: " + dir.resolve("saved_caches"),
                    "hints_directory: " + dir.resolve("hints"),
                    "cdc_raw_directory: " + dir.resolve("cdc_raw"), ""));
            Path logback = dir.resolve("logback.xml");
            Files.writeString(logback, """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d %-5level [%thread] %logger{20} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="OUT"/></root>
                      <logger name="org.apache.cassandra.service.CassandraDaemon" level="INFO"/>
                    </configuration>
                    """);
            List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx1g", "-XX:TieredStopAtLevel=1",
                    "-XX:+ExitOnOutOfMemoryError"));
            jvm.addAll(JAVA_17_FLAGS);
            jvm.addAll(List.of(
                    "-Dcassandra.config=" + yaml.toUri(),
                    "-Dcassandra-foreground=yes",
                    "-Dcassandra.storagedir=" + dir,
                    "-Dcassandra.logdir=" + dir.resolve("logs"),
                    "-Dlogback.configurationFile=" + logback,
                    "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                    "-Dcassandra.ring_delay_ms=100",
                    "-Dcassandra.superuser_setup_delay_ms=0",
                    "-Dcassandra.shutdown_announce_in_ms=0",
                    "-Dcassandra.unsafesystem=true"));
            ForkedServer server = ForkedServer.start("cassandra", jvm, classPath,
                    "org.apache.cassandra.service.CassandraDaemon", List.of(), nativePort, Duration.ofSeconds(180),
                    dir.resolve("cassandra.log"));
            CassandraTestServer node = new CassandraTestServer(nativePort, server);
            // The port opens before the default superuser exists; until it does, logins are refused.
            server.awaitReady("the default superuser accepted", Duration.ofSeconds(60), () -> {
                node.session().close();
                return true;
            });
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Cassandra", e);
        }
    }
}
