package io.tessera.catalog.backend.s3;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A throttling server as the client sees it: registered as an SDK global interceptor (test
 * resources), and while armed it answers the first attempts of each GET under a path fragment
 * with 503 SlowDown and connection resets, alternately, before the request is sent. It also counts refused conditional puts. It runs inside the SDK's retry loop, so the
 * client's real retry strategy is what gets tested.
 *
 * <p>It can also lose the answer to a conditional request the server has already carried out (the
 * next one whose path contains a fragment): the client sees a 500 instead of the real response.
 */
public final class FaultInjector implements ExecutionInterceptor {

    private static volatile String pathFragment;
    private static volatile int failuresPerObject;
    private static final Map<String, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();
    static final AtomicInteger INJECTED = new AtomicInteger();
    /** Conditional puts the server refused with 412 (a create-only write that lost), armed or not. */
    static final AtomicInteger PRECONDITION_FAILED = new AtomicInteger();

    static void arm(String fragment, int failures) {
        ATTEMPTS.clear();
        INJECTED.set(0);
        failuresPerObject = failures;
        pathFragment = fragment;
    }

    static void disarm() {
        pathFragment = null;
    }

    private static volatile String loseAnswerOf;
    /** Answers lost so far. */
    static final AtomicInteger LOST = new AtomicInteger();

    /** Loses the answer to the next conditional request (If-None-Match or If-Match) on a path containing {@code fragment}. */
    static void loseNextConditionalAnswer(String fragment) {
        loseAnswerOf = fragment;
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        String fragment = loseAnswerOf;
        var req = context.httpRequest();
        boolean conditional = req.firstMatchingHeader("If-None-Match").isPresent()
                || req.firstMatchingHeader("If-Match").isPresent();
        if (fragment != null && conditional && req.encodedPath().contains(fragment)
                && context.httpResponse().isSuccessful()) {
            loseAnswerOf = null;
            LOST.incrementAndGet();
            return context.httpResponse().toBuilder().statusCode(500).build();
        }
        return context.httpResponse();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        if (context.exception() instanceof S3Exception e && e.statusCode() == 412) {
            PRECONDITION_FAILED.incrementAndGet();
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String fragment = pathFragment;
        var req = context.httpRequest();
        if (fragment == null || !req.method().name().equals("GET") || !req.encodedPath().contains(fragment)) {
            return;
        }
        int n = ATTEMPTS.computeIfAbsent(req.encodedPath(), k -> new AtomicInteger()).incrementAndGet();
        if (n <= failuresPerObject) {
            INJECTED.incrementAndGet();
            if (n % 2 == 0) {
                throw SdkClientException.create("injected network failure", new IOException("Connection reset (injected)"));
            }
            throw S3Exception.builder().statusCode(503).message("Please reduce your request rate. (injected)")
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("SlowDown").serviceName("S3")
                            .errorMessage("Please reduce your request rate.")
                            .sdkHttpResponse(SdkHttpResponse.builder().statusCode(503).build()).build())
                    .build();
        }
    }
}
