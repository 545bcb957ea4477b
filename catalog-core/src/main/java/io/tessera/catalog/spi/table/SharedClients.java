package io.tessera.catalog.spi.table;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Clients shared by the catalogs of one process that reach one cluster with the same connection
 * settings. A cluster client holds connection pools and the cluster's metadata and takes a second
 * or more to open, while applications (and the CLI's copies) open many catalogs on one cluster.
 * The last catalog to release a client closes it.
 *
 * @param <K> what makes two clients interchangeable (a record of the connection settings)
 * @param <C> the client
 */
public final class SharedClients<K, C extends AutoCloseable> {

    private static final class Shared<C> {
        final C client;
        int users;

        Shared(C client) {
            this.client = client;
        }
    }

    private final Map<K, Shared<C>> open = new HashMap<>();
    private final Predicate<C> usable;

    /**
     * @param usable whether a client can still serve (not closed behind the registry's back)
     */
    public SharedClients(Predicate<C> usable) {
        this.usable = usable;
    }

    /** The client for {@code key}, opened with {@code opener} when there is none that can serve. */
    public synchronized C acquire(K key, Supplier<C> opener) {
        Shared<C> s = open.get(key);
        if (s == null || !usable.test(s.client)) {
            s = new Shared<>(opener.get());
            open.put(key, s);
        }
        s.users++;
        return s.client;
    }

    /**
     * Gives a client back; the last user closes it.
     *
     * @throws IllegalStateException when closing the client fails
     */
    public synchronized void release(K key) {
        Shared<C> s = open.get(key);
        if (s != null && --s.users == 0) {
            open.remove(key);
            try {
                s.client.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close a cluster client: " + e.getMessage(), e);
            }
        }
    }
}
