package io.tessera.catalog.store;

import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.format.LayerFormatException;
import io.tessera.catalog.format.WriteClaim;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.CommitOutcome;
import io.tessera.catalog.spi.LayerClaims;
import io.tessera.catalog.spi.WriterIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Turns at a layer id's rows on backends where every writer of the id writes the same rows
 * ({@link LayerClaims}): a writer creating a layer, or removing one's records, first holds the id's
 * claim. It waits while a live writer holds it, and takes it over from a writer that died (or has not
 * refreshed its claim for {@link WriterIdentity#ABANDONED_AFTER}), handing the dead writer's claim to
 * the caller to remove what that writer left. A held claim is refreshed every
 * {@link #REFRESH_EVERY} so that a long write on another host is never taken for abandoned. On other
 * backends a writer's records are its own until published, and claims are nothing.
 */
final class Claims {

    static final Duration REFRESH_EVERY = Duration.ofMinutes(10);
    private static final long FIRST_PAUSE_MILLIS = 20;
    private static final long LONGEST_PAUSE_MILLIS = 1000;
    private static final Duration RETRY_RELEASE_EVERY = Duration.ofSeconds(10);

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tessera-claims");
        t.setDaemon(true);
        return t;
    });

    private final Optional<LayerClaims> backend;
    private final String catalog;

    Claims(Optional<LayerClaims> backend, String catalog) {
        this.backend = backend;
        this.catalog = catalog;
    }

    /** A claim this writer holds (nothing on backends without claims); closing releases it. */
    static final class Held implements AutoCloseable {
        static final Held NOTHING = new Held(null, null, null);

        private final LayerClaims backend;
        private final LayerId id;
        private volatile WriteClaim claim;
        private volatile boolean lost;
        private final ScheduledFuture<?> refresh;

        private Held(LayerClaims backend, LayerId id, WriteClaim claim) {
            this.backend = backend;
            this.id = id;
            this.claim = claim;
            this.refresh = backend == null ? null : TIMER.scheduleAtFixedRate(this::refresh,
                    REFRESH_EVERY.toMillis(), REFRESH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }

        private synchronized void refresh() {
            if (lost) {
                return;
            }
            WriteClaim now = claim.refreshed();
            try {
                CommitOutcome o = backend.reclaim(id, claim.toBytes(), now.toBytes());
                if (o == CommitOutcome.COMMITTED || o == CommitOutcome.UNKNOWN && is(backend.claimOf(id), now)) {
                    claim = now;
                } else if (o == CommitOutcome.CONFLICT || !is(backend.claimOf(id), claim)) {
                    lost = true;
                }
            } catch (RuntimeException e) {
                // Tried again at the next refresh, long before anyone may take the claim over.
            }
        }

        /** The claim's id, which stays the same through refreshes; empty on backends without claims. */
        Optional<String> claimId() {
            return backend == null ? Optional.empty() : Optional.of(claim.id());
        }

        /**
         * @throws CatalogException when another writer took the claim over (this one was taken for dead)
         */
        void requireHeld(String catalog) {
            if (lost) {
                throw new CatalogException("layer " + id + " in " + catalog + " was taken over by another writer while"
                        + " this one held it (this writer did not refresh its claim for "
                        + WriterIdentity.ABANDONED_AFTER.toMinutes() + " minutes); nothing of this write was kept");
            }
        }

        /** Releases the claim; one that cannot be released now is released in the background. */
        @Override
        public void close() {
            if (backend == null) {
                return;
            }
            refresh.cancel(false);
            if (!release()) {
                TIMER.schedule(new Runnable() {
                    @Override
                    public void run() {
                        if (!release()) {
                            TIMER.schedule(this, RETRY_RELEASE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                        }
                    }
                }, RETRY_RELEASE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        /** True when the claim is no longer this writer's (released, or taken over). */
        private synchronized boolean release() {
            try {
                for (int attempt = 0; attempt < Commits.ATTEMPTS; attempt++) {
                    CommitOutcome o = backend.release(id, claim.toBytes());
                    if (o != CommitOutcome.UNKNOWN || !is(backend.claimOf(id), claim)) {
                        return true;
                    }
                }
                return false;
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    /**
     * Takes the claim on {@code id} for writing (or removing) the records of {@code layer}.
     *
     * @param abandoned given the claim of a writer that died, after it was taken over from it; removes
     *     what that writer may have written
     */
    Held take(LayerId id, LayerDescriptor<?> layer, Consumer<WriteClaim> abandoned) {
        if (backend.isEmpty()) {
            return Held.NOTHING;
        }
        LayerClaims b = backend.get();
        WriteClaim mine = new WriteClaim(UUID.randomUUID().toString(), WriterIdentity.current(), Instant.now(), layer);
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            CommitOutcome o = b.claim(id, mine.toBytes());
            Optional<byte[]> now = o == CommitOutcome.COMMITTED ? Optional.empty() : b.claimOf(id);
            if (o == CommitOutcome.COMMITTED || is(now, mine)) {
                return new Held(b, id, mine);
            }
            if (now.isPresent()) {
                Optional<WriteClaim> theirs = parse(id, now.get());
                if (theirs.isEmpty() || theirs.get().owner().abandoned(theirs.get().since())) {
                    CommitOutcome taken = b.reclaim(id, now.get(), mine.toBytes());
                    if (taken == CommitOutcome.COMMITTED
                            || taken == CommitOutcome.UNKNOWN && is(b.claimOf(id), mine)) {
                        Held held = new Held(b, id, mine);
                        try {
                            theirs.ifPresent(abandoned);
                        } catch (RuntimeException e) {
                            held.close();
                            throw e;
                        }
                        return held;
                    }
                    continue;
                }
                pause(id, pause);
                pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
            }
        }
    }

    /**
     * True when the claim on {@code id} is still the one whose id is {@code claimId} (held by the
     * owner of a shared create), or when the backend has no claims.
     */
    boolean stillHeld(LayerId id, String claimId) {
        if (backend.isEmpty()) {
            return true;
        }
        return backend.get().claimOf(id).flatMap(b -> parse(id, b)).filter(c -> c.id().equals(claimId)).isPresent();
    }

    /** A stored claim, or empty when it cannot be read (then nobody can prove it is held, and it is taken over). */
    private Optional<WriteClaim> parse(LayerId id, byte[] stored) {
        try {
            return Optional.of(WriteClaim.fromBytes(stored, "claim on layer " + id + " in " + catalog));
        } catch (LayerFormatException unreadable) {
            return Optional.empty();
        }
    }

    private static boolean is(Optional<byte[]> stored, WriteClaim claim) {
        return stored.isPresent() && Arrays.equals(stored.get(), claim.toBytes());
    }

    private void pause(LayerId id, long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("interrupted while waiting for another writer of layer " + id + " in " + catalog, e);
        }
    }
}
