package io.tessera.catalog.testkit;

import java.util.function.Supplier;

/**
 * A backend module's test server, started once per JVM on first use and shared by every test class:
 * a start that failed is remembered and reported to every later caller instead of being tried (and
 * leaving servers behind) again.
 *
 * @param <S> the server
 */
public final class TestServer<S> {

    private final Supplier<S> start;
    private S running;
    private RuntimeException failed;

    /** @param start starts the server, throwing when it cannot */
    public TestServer(Supplier<S> start) {
        this.start = start;
    }

    /** The running server, started on first call. */
    public synchronized S get() {
        if (failed != null) {
            throw failed;
        }
        if (running == null) {
            try {
                running = start.get();
            } catch (RuntimeException e) {
                failed = e;
                throw e;
            }
        }
        return running;
    }

    /**
     * Serves a server alone, for benchmarks that measure a catalog on it from another JVM: prints a
     * catalog URI on it and waits until this process is stopped (which stops the server).
     */
    public static void serve(Supplier<String> catalogUri) throws InterruptedException {
        System.out.println(catalogUri.get());
        System.out.flush();
        Thread.currentThread().join();
    }
}
