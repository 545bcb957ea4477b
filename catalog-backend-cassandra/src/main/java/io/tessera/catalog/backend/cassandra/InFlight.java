package io.tessera.catalog.backend.cassandra;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.servererrors.OverloadedException;
import com.datastax.oss.driver.api.core.servererrors.ReadTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.UnavailableException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import io.tessera.catalog.exceptions.CatalogIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Asynchronous requests with a bounded number in flight (GeoTrellis fans out without bound and
 * overloads the cluster on large layers). A request the cluster turns away for load — overloaded,
 * not enough replicas, a timeout — is sent again after a growing pause; one that still fails, or
 * fails otherwise, is kept and reported by {@link #await}. Requests must be idempotent (upserts and
 * deletes of whole rows are).
 */
final class InFlight {

    private static final int ATTEMPTS = 6;
    private static final long FIRST_PAUSE_MILLIS = 50;

    private final Semaphore permits;
    private final int limit;
    private final String what;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * @param what the work, for the error ("write the records of layer x")
     */
    InFlight(int limit, String what) {
        this.permits = new Semaphore(limit);
        this.limit = limit;
        this.what = what;
    }

    /** Sends a request, first waiting while {@code limit} are in flight; fails fast once one has failed. */
    void submit(Supplier<CompletionStage<AsyncResultSet>> request) {
        rethrow();
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogIOException("interrupted while waiting to " + what, e);
        }
        attempt(request, 1);
    }

    private void attempt(Supplier<CompletionStage<AsyncResultSet>> request, int attempt) {
        CompletionStage<AsyncResultSet> sent;
        try {
            sent = request.get();
        } catch (RuntimeException e) {
            done(e);
            return;
        }
        sent.whenComplete((rs, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause == null) {
                done(null);
            } else if (attempt < ATTEMPTS && refusedForLoad(cause)) {
                long pause = FIRST_PAUSE_MILLIS << (attempt - 1);
                CompletableFuture.delayedExecutor(pause, TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(request, attempt + 1));
            } else {
                done(cause);
            }
        });
    }

    /**
     * Runs one synchronous request (a point read) with the same patience: sent again after a growing
     * pause while the cluster turns it away for load.
     *
     * @throws CatalogIOException saying what failed once it still fails, or fails otherwise
     */
    static <T> T retrying(Supplier<T> request, String what) {
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !refusedForLoad(e)) {
                    throw failure(what, e);
                }
            }
            try {
                Thread.sleep(FIRST_PAUSE_MILLIS << (attempt - 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CatalogIOException("interrupted while waiting to " + what, e);
            }
        }
    }

    private static boolean refusedForLoad(Throwable t) {
        return t instanceof OverloadedException || t instanceof UnavailableException
                || t instanceof WriteTimeoutException || t instanceof ReadTimeoutException
                || t instanceof DriverTimeoutException;
    }

    private void done(Throwable error) {
        if (error != null) {
            failure.compareAndSet(null, error);
        }
        permits.release();
    }

    /** Waits until every request sent has finished. */
    void await() {
        try {
            permits.acquire(limit);
            permits.release(limit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogIOException("interrupted while waiting to " + what, e);
        }
        rethrow();
    }

    private void rethrow() {
        Throwable t = failure.get();
        if (t != null) {
            throw failure(what, t);
        }
    }

    private static CatalogIOException failure(String what, Throwable t) {
        String reason = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new CatalogIOException("cannot " + what + ": " + reason
                + (refusedForLoad(t) ? " (still refused after " + ATTEMPTS + " attempts: the cluster is overloaded)" : ""), t);
    }
}
