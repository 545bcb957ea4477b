package io.tessera.catalog.backend.accumulo;

import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.table.SharedClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.accumulo.core.client.Accumulo;
import org.apache.accumulo.core.client.AccumuloClient;
import org.apache.accumulo.core.client.AccumuloSecurityException;
import org.apache.accumulo.core.client.ConditionalWriter;
import org.apache.accumulo.core.client.ConditionalWriterConfig;
import org.apache.accumulo.core.client.NamespaceExistsException;
import org.apache.accumulo.core.client.TableExistsException;
import org.apache.accumulo.core.client.TableNotFoundException;
import org.apache.accumulo.core.client.admin.NewTableConfiguration;
import org.apache.accumulo.core.client.admin.TimeType;
import org.apache.accumulo.core.client.security.SecurityErrorCode;
import org.apache.accumulo.core.client.security.tokens.PasswordToken;
import org.apache.accumulo.core.clientImpl.ClientContext;
import org.apache.hadoop.io.Text;

/**
 * The catalog's client and its tables: one Accumulo client per instance and settings, shared by the
 * process; tables found when read (a read of a catalog that does not exist says so) and made on the
 * first write, with logical time, so that a delete and a later write of the same cell in one
 * millisecond cannot hide the write (GeoTrellis's tables keep wall-clock time; see
 * {@link #logicalTime}).
 */
final class AccumuloTables implements AutoCloseable {

    /** What makes two clients interchangeable: one serves every table of an instance. */
    private record ClientKey(Properties properties, String user, Optional<String> password, boolean fileAuthenticates) {
        static ClientKey of(AccumuloSettings s) {
            Properties properties = s.clientProperties();
            return new ClientKey(properties, s.user(), s.password(), s.fileAuthenticates(properties));
        }
    }

    /**
     * Settings of the tables made here. Bytes a tablet server returns per scan call: Accumulo's default
     * (512 KiB) is two float32 records, which would make a whole-layer read a round trip per two
     * records. No compression of the table's files: records are zlib streams already, and Accumulo's
     * default (gz) would deflate them again on every compaction and inflate them on every read.
     */
    private static final Map<String, String> TABLE_PROPERTIES = Map.of("table.scan.max.memory", "8M",
            "table.file.compress.type", "none");

    /**
     * A client and the conditional writers made with it: a writer lives as long as its client, since
     * closing one leaves a clean-up task on the client that fails (and logs an error) if the client
     * is closed first.
     */
    private record Cluster(AccumuloClient client, Map<String, ConditionalWriter> conditionals) implements AutoCloseable {
        @Override
        public void close() {
            conditionals.values().forEach(ConditionalWriter::close);
            if (!conditionals.isEmpty() && client instanceof ClientContext context) {
                // The clean-up pool runs its tasks in turn: once this one ran, the writers' have.
                CountDownLatch done = new CountDownLatch(1);
                context.executeCleanupTask(done::countDown);
                try {
                    done.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            client.close();
        }
    }

    private static final SharedClients<ClientKey, Cluster> CLIENTS = new SharedClients<>(c -> true);

    /** Runs the bounded calls: a client asked about an unreachable instance waits on ZooKeeper. */
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "accumulo-call");
        t.setDaemon(true);
        return t;
    });

    private final AccumuloSettings settings;
    private final ClientKey key;
    private final Cluster cluster;
    private final Set<String> existing = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> logical = new ConcurrentHashMap<>();

    private AccumuloTables(AccumuloSettings settings, ClientKey key, Cluster cluster) {
        this.settings = settings;
        this.key = key;
        this.cluster = cluster;
    }

    /**
     * Connects to the instance and checks that it answers and takes the credentials.
     *
     * @throws CatalogIOException naming the instance when it does not answer in time, does not
     *     exist, or refuses the user
     */
    static AccumuloTables connect(AccumuloSettings s) {
        ClientKey key = ClientKey.of(s);
        return new AccumuloTables(s, key, CLIENTS.acquire(key, () -> new Cluster(open(s, key), new ConcurrentHashMap<>())));
    }

    private static AccumuloClient open(AccumuloSettings s, ClientKey key) {
        var from = Accumulo.newClient().from(key.properties());
        // A token, not the password as a string: Accumulo's properties take an empty password for none.
        AccumuloClient c = key.fileAuthenticates() ? from.build()
                : from.as(key.user(), new PasswordToken(key.password().orElse(""))).build();
        // The client connects lazily; asking for the user's authorizations proves that the instance
        // exists, answers and takes the credentials.
        Future<?> probe = CALLS.submit(() -> c.securityOperations().getUserAuthorizations(c.whoami()));
        try {
            probe.get(s.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return c;
        } catch (TimeoutException e) {
            probe.cancel(true);
            c.close();
            throw new CatalogIOException("cannot reach Accumulo at " + s.location() + ": no answer in "
                    + s.timeout().toSeconds() + " s; check the ZooKeeper hosts and port and that Accumulo is up", e);
        } catch (ExecutionException e) {
            c.close();
            String why = reason(e.getCause());
            if (why.contains("does not exist in zookeeper")) {
                why = "ZooKeeper " + s.zookeeperSpec() + " knows no Accumulo instance named '" + s.instance()
                        + "'; check the instance name (the URI's path)";
            }
            throw new CatalogIOException("cannot open Accumulo catalog " + s.location() + ": " + why, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.close();
            throw new CatalogIOException("interrupted while connecting to Accumulo at " + s.location(), e);
        }
    }

    AccumuloSettings settings() {
        return settings;
    }

    AccumuloClient client() {
        return cluster.client();
    }

    /** The conditional writer of a table (thread-safe, shared by the process's catalogs on this client). */
    ConditionalWriter conditionalWriter(String table) {
        return cluster.conditionals().computeIfAbsent(table, t -> {
            try {
                return client().createConditionalWriter(t, new ConditionalWriterConfig()
                        .setTimeout(settings.timeout().toMillis(), TimeUnit.MILLISECONDS));
            } catch (TableNotFoundException e) {
                throw failure("write into table " + t, e);
            }
        });
    }

    /** Whether a table exists (once seen, it is taken to stay). */
    boolean exists(String table) {
        if (existing.contains(table)) {
            return true;
        }
        if (client().tableOperations().exists(table)) {
            existing.add(table);
            return true;
        }
        return false;
    }

    /**
     * The attribute table, made when missing on a write ({@code create}).
     *
     * @throws CatalogException when the catalog does not exist and this is not a write
     */
    void attributeTable(boolean create) {
        if (exists(settings.attributeTable())) {
            return;
        }
        if (!create) {
            throw new CatalogException("Accumulo catalog " + settings.location() + " does not exist: there is no table '"
                    + settings.attributeTable() + "' (a first write creates it)");
        }
        create(Map.of(settings.attributeTable(), new TreeSet<>()));
    }

    /**
     * Makes missing tables at once, each pre-split at its split rows, tolerating another client making
     * any of them at the same moment.
     */
    void create(Map<String, SortedSet<Text>> tables) {
        List<CompletableFuture<Void>> made = new ArrayList<>();
        for (Map.Entry<String, SortedSet<Text>> t : tables.entrySet()) {
            if (exists(t.getKey())) {
                continue;
            }
            made.add(CompletableFuture.runAsync(() -> createTable(t.getKey(), t.getValue()), CALLS));
        }
        try {
            for (CompletableFuture<Void> f : made) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : failure("create tables " + tables.keySet(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("create tables " + tables.keySet(), e);
        }
    }

    private void createTable(String table, SortedSet<Text> splits) {
        try {
            int dot = table.indexOf('.');
            if (dot > 0) {
                String namespace = table.substring(0, dot);
                if (!client().namespaceOperations().exists(namespace)) {
                    try {
                        client().namespaceOperations().create(namespace);
                    } catch (NamespaceExistsException raced) {
                        // Another writer made it first.
                    }
                }
            }
            NewTableConfiguration config = new NewTableConfiguration().setTimeType(TimeType.LOGICAL)
                    .setProperties(TABLE_PROPERTIES);
            if (!splits.isEmpty()) {
                config = config.withSplits(splits);
            }
            client().tableOperations().create(table, config);
        } catch (TableExistsException raced) {
            // Another writer made it first.
        } catch (Exception e) {
            throw failure("create table " + table, e);
        }
        existing.add(table);
    }

    /**
     * Whether a table keeps logical time (the tables this backend makes) rather than wall-clock
     * milliseconds (GeoTrellis's): in the latter a delete hides every write to the same cell in its
     * millisecond, so a commit there is read back.
     */
    boolean logicalTime(String table) {
        return logical.computeIfAbsent(table, t -> {
            try {
                return client().tableOperations().getTimeType(t) == TimeType.LOGICAL;
            } catch (TableNotFoundException e) {
                throw failure("read the time type of table " + t, e);
            }
        });
    }

    /** A failure of {@code what}, naming the catalog and the reason in words. */
    CatalogIOException failure(String what, Throwable e) {
        return new CatalogIOException("cannot " + what + " in Accumulo catalog " + settings.location() + ": "
                + reason(e), e);
    }

    private static final Pattern CLASS_NAME = Pattern.compile("(?:[a-z_][a-z0-9_]*\\.)+[A-Z]\\w*(?:\\$\\w+)*:?\\s*");

    /** Why a call failed, in words, without the Java class names Accumulo puts in its messages. */
    static String reason(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AccumuloSecurityException s) {
                return s.getSecurityErrorCode() == SecurityErrorCode.BAD_CREDENTIALS
                        ? "wrong user or password" : "permission denied (" + s.getSecurityErrorCode() + ")";
            }
            root = t;
        }
        String m = root.getMessage() == null ? "" : root.getMessage().lines().findFirst().orElse("");
        m = CLASS_NAME.matcher(m).replaceAll("").trim();
        return m.isEmpty() ? "Accumulo gave no reason" : m;
    }

    @Override
    public void close() {
        CLIENTS.release(key);
    }
}
