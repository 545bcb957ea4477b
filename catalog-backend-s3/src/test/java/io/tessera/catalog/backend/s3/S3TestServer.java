package io.tessera.catalog.backend.s3;

import io.tessera.catalog.testkit.ForkedServer;
import io.tessera.catalog.testkit.TestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One s3proxy server (in-memory blob store) per test JVM, shared by every test class of the
 * module: started on first use in a child JVM on 127.0.0.1 with a free port, stopped by a shutdown
 * hook, and by the watchdog of {@link ForkedServer} should this JVM die without running hooks.
 */
public final class S3TestServer {

    static final String ACCESS_KEY = "it-access-key";
    static final String SECRET_KEY = "it-secret-key";
    public static final String BUCKET = "tessera-it";

    private static final TestServer<S3TestServer> SERVER = new TestServer<>(() -> {
        try {
            return start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start s3proxy: " + e, e);
        }
    });
    private static final AtomicInteger CATALOGS = new AtomicInteger();

    final int port;
    private final ForkedServer process;

    private S3TestServer(int port, ForkedServer process) {
        this.port = port;
        this.process = process;
    }

    /** The running server, started on first call, with {@link #BUCKET} created. */
    public static S3TestServer get() {
        return SERVER.get();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A catalog URI under a prefix no other call has returned. */
    public String newCatalogUri() {
        return "s3://" + BUCKET + "/catalog-" + CATALOGS.incrementAndGet() + "?endpoint=" + endpoint() + "&path-style=true";
    }

    S3Client client() {
        return S3Client.builder().endpointOverride(URI.create(endpoint())).region(Region.US_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    private static S3TestServer start() throws IOException {
        String jar = System.getProperty("it.s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("s3proxy jar not found at " + jar + "; run the tests through Maven"
                    + " (maven-dependency-plugin copies it in process-test-resources)");
        }
        Path dir = Path.of(System.getProperty("it.servers.dir", "target/it-servers"));
        Files.createDirectories(dir);
        int port = ForkedServer.freePort();
        Path props = dir.resolve("s3proxy-" + port + ".properties");
        Files.writeString(props, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=transient-nio2", ""));
        ForkedServer p = ForkedServer.start("s3proxy", List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), jar,
                "org.gaul.s3proxy.Main", List.of("--properties", props.toString()), port, Duration.ofSeconds(60),
                dir.resolve("s3proxy-" + port + ".log"));
        // The SDK's default credential chain reads these, as it would real AWS settings.
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        S3TestServer server = new S3TestServer(port, p);
        try (S3Client c = server.client()) {
            c.createBucket(b -> b.bucket(BUCKET));
        }
        return server;
    }

    boolean alive() {
        return process.alive();
    }
}
