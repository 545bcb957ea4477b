package io.tessera.catalog.backend.s3;

import io.tessera.catalog.spi.CatalogStorage;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * One S3 bucket and prefix in GeoTrellis's S3 layout, with one SDK client shared by every call.
 *
 * <p>Retries are the SDK's standard strategy (it already classifies 500, 503 SlowDown, throttling
 * and I/O errors as retryable), tuned: 8 attempts, full-jitter exponential backoff from 50 ms capped
 * at 2 s (throttling from 200 ms), so a request gives up after at most about 9 s of waiting. The
 * retry-token circuit breaker is off because a whole-layer read under throttling must keep
 * retrying each request rather than fail the rest once the shared bucket runs dry.
 *
 * <p>Conditional writes (the commits) go through a second client on the same connections with the
 * SDK's retries off: {@link S3Objects} retries them itself, because only it can tell a 412 caused by
 * another writer from a 412 caused by its own earlier attempt whose answer was lost.
 */
final class S3CatalogStorage {

    /** Enough connections for the core's concurrent reads and writes without queueing on the pool. */
    static final int MAX_CONNECTIONS = 64;
    static final int MAX_ATTEMPTS = 8;

    private S3CatalogStorage() {
    }

    /** The catalog under {@code prefix} of {@code bucket}; closing it closes its clients. */
    static CatalogStorage open(String bucket, String prefix, S3Settings settings) {
        SdkHttpClient http = ApacheHttpClient.builder().maxConnections(MAX_CONNECTIONS).build();
        S3Client client;
        S3Client conditionalClient;
        try {
            client = client(settings, http, retryStrategy());
            conditionalClient = client(settings, http, AwsRetryStrategy.doNotRetry());
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
        S3Objects objects = new S3Objects(client, conditionalClient);
        S3AttributeStorage attributes = new S3AttributeStorage(objects, bucket, prefix);
        return CatalogStorage.of("s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix), "s3", attributes,
                new S3RecordStorage(objects, bucket, prefix), new S3Commits(objects, attributes), () -> {
                    client.close();
                    conditionalClient.close();
                    http.close();
                });
    }

    static RetryStrategy retryStrategy() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(50), Duration.ofSeconds(2)))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(200), Duration.ofSeconds(2)))
                .circuitBreakerEnabled(false)
                .build();
    }

    private static S3Client client(S3Settings s, SdkHttpClient http, RetryStrategy retries) {
        S3ClientBuilder b = S3Client.builder()
                .httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(retries));
        s.endpoint().ifPresent(b::endpointOverride);
        s.pathStyle().ifPresent(b::forcePathStyle);
        s.profile().ifPresent(p -> b.credentialsProvider(ProfileCredentialsProvider.create(p)));
        if (s.region().isPresent()) {
            b.region(Region.of(s.region().get()));
        } else if (s.endpoint().isPresent()) {
            // S3-compatible servers ignore the region but SigV4 needs one: use the chain's, else us-east-1.
            b.region(defaultRegion());
        }
        try {
            return b.build();
        } catch (SdkClientException e) {
            // Typically no region anywhere in the default chain: say how to give one.
            throw new IllegalArgumentException("cannot set up the S3 client: " + e.getMessage()
                    + "; set AWS_REGION or a profile region, or pass the region option (e.g. ?region=us-east-1)", e);
        }
    }

    /**
     * The region chain's answer, asked once per JVM: off EC2 the chain ends by probing the instance
     * metadata service, which costs over a second each time a catalog is opened.
     */
    private static Region defaultRegion() {
        return DefaultRegion.VALUE;
    }

    private static final class DefaultRegion {
        static final Region VALUE = lookup();

        private static Region lookup() {
            try {
                return new DefaultAwsRegionProviderChain().getRegion();
            } catch (RuntimeException e) {
                return Region.US_EAST_1;
            }
        }
    }
}
