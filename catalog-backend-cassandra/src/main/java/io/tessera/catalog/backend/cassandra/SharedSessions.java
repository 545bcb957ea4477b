package io.tessera.catalog.backend.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sessions shared by the catalogs of one process that reach one cluster with the same connection
 * settings. A session holds a connection pool per node and the cluster's metadata, and takes a
 * second or more to open; applications (and the CLI's copies) open many catalogs on one cluster.
 * The last catalog to close a session closes it.
 */
final class SharedSessions {

    /** What makes two sessions interchangeable. */
    private record Key(List<InetSocketAddress> contactPoints, Optional<String> user, Optional<String> password,
            String localDatacenter, ConsistencyLevel consistency, Duration requestTimeout) {
        static Key of(CassandraSettings s) {
            return new Key(s.contactPoints(), s.user(), s.password(), s.localDatacenter(), s.consistency(),
                    s.requestTimeout());
        }
    }

    private static final class Shared {
        final CqlSession session;
        int users;

        Shared(CqlSession session) {
            this.session = session;
        }
    }

    private static final Map<Key, Shared> OPEN = new HashMap<>();

    private SharedSessions() {
    }

    /** The session for these settings, opened with {@code open} when there is none. */
    static synchronized CqlSession acquire(CassandraSettings settings, Supplier<CqlSession> open) {
        Shared s = OPEN.get(Key.of(settings));
        if (s == null || s.session.isClosed()) {
            s = new Shared(open.get());
            OPEN.put(Key.of(settings), s);
        }
        s.users++;
        return s.session;
    }

    /** Gives a session back; the last user closes it. */
    static synchronized void release(CassandraSettings settings) {
        Key key = Key.of(settings);
        Shared s = OPEN.get(key);
        if (s != null && --s.users == 0) {
            OPEN.remove(key);
            s.session.close();
        }
    }
}
