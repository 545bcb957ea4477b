package io.tessera.catalog.testkit;

import io.tessera.catalog.spi.Backends;
import io.tessera.catalog.spi.CatalogProvider;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.IndexListing;
import io.tessera.catalog.spi.RangeReads;
import io.tessera.catalog.spi.RecordStorage;
import io.tessera.catalog.spi.StoredRecord;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend's own storage on which some records are gone, as if deleted behind the catalog's back:
 * point reads of those indexes find nothing, scans skip them and listings leave them out. Everything
 * else is the real storage, abilities included. {@link #wrap} returns a {@code lost://n} URI served by
 * the {@link Provider} this test kit registers.
 */
public final class LostRecords {

    private record Registration(String uri, Set<Long> lost) {
    }

    private static final Map<String, Registration> REGISTERED = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();

    private LostRecords() {
    }

    /** A URI of {@code catalogUri}'s storage without the records at {@code lost} indexes (of every layer). */
    public static String wrap(String catalogUri, Set<Long> lost) {
        String name = Integer.toString(NEXT.incrementAndGet());
        REGISTERED.put(name, new Registration(catalogUri, Set.copyOf(lost)));
        return "lost://" + name;
    }

    private static RecordStorage losing(RecordStorage inner, Set<Long> lost) {
        List<Class<?>> spi = new ArrayList<>(List.of(RecordStorage.class));
        if (inner instanceof RangeReads) {
            spi.add(RangeReads.class);
        }
        if (inner instanceof IndexListing) {
            spi.add(IndexListing.class);
        }
        return (RecordStorage) Proxy.newProxyInstance(LostRecords.class.getClassLoader(), spi.toArray(Class<?>[]::new),
                (proxy, method, args) -> {
                    if (method.getName().equals("read") && args.length == 2 && lost.contains((Long) args[1])) {
                        return Optional.empty();
                    }
                    Object result;
                    try {
                        result = method.invoke(inner, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof long[] listed) {
                        return Arrays.stream(listed).filter(i -> !lost.contains(i)).toArray();
                    }
                    if (result instanceof RangeReads.RecordCursor cursor) {
                        return skipping(cursor, lost);
                    }
                    return result;
                });
    }

    private static RangeReads.RecordCursor skipping(RangeReads.RecordCursor cursor, Set<Long> lost) {
        return new RangeReads.RecordCursor() {
            private StoredRecord next;

            @Override
            public boolean hasNext() {
                while (next == null && cursor.hasNext()) {
                    StoredRecord r = cursor.next();
                    if (!lost.contains(r.index())) {
                        next = r;
                    }
                }
                return next != null;
            }

            @Override
            public StoredRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                StoredRecord r = next;
                next = null;
                return r;
            }

            @Override
            public void close() {
                cursor.close();
            }
        };
    }

    /** Serves {@code lost://n} URIs made by {@link #wrap}. */
    public static final class Provider implements CatalogProvider {

        @Override
        public Set<String> schemes() {
            return Set.of("lost");
        }

        @Override
        public CatalogStorage open(URI uri, Map<String, String> options) {
            Registration r = REGISTERED.get(uri.getAuthority());
            if (r == null) {
                throw new IllegalArgumentException("no catalog registered as " + uri + "; make one with LostRecords.wrap");
            }
            CatalogStorage inner = Backends.open(r.uri(), options);
            return new WrappedStorage(uri.toString(), inner, inner.attributes(), losing(inner.records(), r.lost()),
                    inner.commits());
        }
    }
}
