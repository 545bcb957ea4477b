package io.tessera.catalog.testkit;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.CatalogProvider;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.CommitOutcome;
import io.tessera.catalog.spi.LayerCommits;
import io.tessera.catalog.spi.LayerDocuments;
import io.tessera.catalog.spi.RecordBatch;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A backend's own storage with its commit answers made unreliable, for testing how the core settles
 * {@link CommitOutcome#UNKNOWN}: {@link #wrap} registers a real catalog URI with a {@link Fault} and
 * returns a {@code flaky://n} URI that {@link io.tessera.catalog.Catalog#open} serves through the
 * {@link Provider} this test kit registers. Records and attributes go to the real backend untouched.
 */
public final class FlakyCommits implements LayerCommits {

    /** How commit answers go wrong. */
    public enum Fault {
        /** Every step takes effect, and then its answer is lost. */
        APPLY_THEN_UNKNOWN,
        /** The first step of each layer is lost before it reaches the store; later ones work. */
        UNKNOWN_ONCE_WITHOUT_APPLYING,
        /** Every create meets another writer's create of the same layer at that instant, and the answer is lost. */
        OTHER_WRITER_THEN_UNKNOWN,
        /** No step ever reaches the store, and every answer is lost. */
        ALWAYS_UNKNOWN_WITHOUT_APPLYING
    }

    private record Registration(String uri, Fault fault) {
    }

    private static final Map<String, Registration> REGISTERED = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();

    private final LayerCommits real;
    private final Fault fault;
    private final Set<LayerId> failedOnce = ConcurrentHashMap.newKeySet();

    private FlakyCommits(LayerCommits real, Fault fault) {
        this.real = real;
        this.fault = fault;
    }

    /** A URI that opens {@code catalogUri}'s storage with {@code fault} applied to its commits. */
    public static String wrap(String catalogUri, Fault fault) {
        String name = Integer.toString(NEXT.incrementAndGet());
        REGISTERED.put(name, new Registration(catalogUri, fault));
        return "flaky://" + name;
    }

    @Override
    public CommitOutcome create(LayerId id, LayerDocuments documents, RecordBatch records) {
        if (fault == Fault.OTHER_WRITER_THEN_UNKNOWN) {
            real.create(id, otherWriters(documents), records);
            return CommitOutcome.UNKNOWN;
        }
        return step(id, () -> real.create(id, documents, records));
    }

    @Override
    public CommitOutcome replace(LayerId id, LayerDocuments expected, LayerDocuments replacement) {
        return step(id, () -> real.replace(id, expected, replacement));
    }

    @Override
    public CommitOutcome replaceAll(LayerId id, LayerDocuments expected, LayerDocuments replacement,
            RecordBatch records) {
        return step(id, () -> real.replaceAll(id, expected, replacement, records));
    }

    @Override
    public CommitOutcome drop(LayerId id, LayerDocuments expected) {
        return step(id, () -> real.drop(id, expected));
    }

    private CommitOutcome step(LayerId id, Supplier<CommitOutcome> step) {
        switch (fault) {
            case APPLY_THEN_UNKNOWN -> {
                step.get();
                return CommitOutcome.UNKNOWN;
            }
            case UNKNOWN_ONCE_WITHOUT_APPLYING -> {
                return failedOnce.add(id) ? CommitOutcome.UNKNOWN : step.get();
            }
            case ALWAYS_UNKNOWN_WITHOUT_APPLYING -> {
                return CommitOutcome.UNKNOWN;
            }
            default -> {
                return step.get();
            }
        }
    }

    /** The same documents as another writer would make them: equal in meaning, different in bytes. */
    private static LayerDocuments otherWriters(LayerDocuments documents) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String name : documents.names()) {
            m.put(name, (new String(documents.get(name), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8));
        }
        return LayerDocuments.of(m);
    }

    /** Serves {@code flaky://n} URIs made by {@link #wrap}. */
    public static final class Provider implements CatalogProvider {

        @Override
        public Set<String> schemes() {
            return Set.of("flaky");
        }

        @Override
        public CatalogStorage open(URI uri, Map<String, String> options) {
            Registration r = REGISTERED.get(uri.getAuthority());
            if (r == null) {
                throw new IllegalArgumentException("no flaky catalog registered as " + uri + "; make one with FlakyCommits.wrap");
            }
            CatalogStorage inner = io.tessera.catalog.spi.Backends.open(r.uri(), options);
            FlakyCommits commits = new FlakyCommits(inner.commits(), r.fault());
            return new WrappedStorage(uri.toString(), inner, inner.attributes(), inner.records(), commits);
        }
    }
}
