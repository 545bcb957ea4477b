package io.tessera.catalog.backend.hbase;

import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.LayerClaims;
import io.tessera.catalog.spi.table.SharedClients;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hbase.ClusterMetrics;
import org.apache.hadoop.hbase.HBaseConfiguration;
import org.apache.hadoop.hbase.NamespaceDescriptor;
import org.apache.hadoop.hbase.NamespaceExistException;
import org.apache.hadoop.hbase.NamespaceNotFoundException;
import org.apache.hadoop.hbase.TableExistsException;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.TableNotFoundException;
import org.apache.hadoop.hbase.client.Admin;
import org.apache.hadoop.hbase.client.ColumnFamilyDescriptorBuilder;
import org.apache.hadoop.hbase.client.Connection;
import org.apache.hadoop.hbase.client.ConnectionFactory;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.client.TableDescriptor;
import org.apache.hadoop.hbase.client.TableDescriptorBuilder;
import org.apache.hadoop.hbase.exceptions.MasterRegistryFetchException;
import org.apache.hadoop.hbase.util.Bytes;
import org.apache.zookeeper.KeeperException;

/**
 * The catalog's connection and its tables: one HBase connection per cluster and settings, shared by
 * the process; the attribute table, whose column families are the attribute names (a new name is a
 * schema change, made once and never while this process commits); and the tile tables, checked for
 * GeoTrellis's {@code tiles} family. Tables are found when read (a read of a catalog that does not
 * exist says so) and made on the first write.
 */
final class HBaseTables implements AutoCloseable {

    /** Every cell GeoTrellis writes has the empty qualifier. */
    static final byte[] QUALIFIER = new byte[0];
    /** The tile table's one column family. */
    static final String TILES = "tiles";
    /**
     * The attribute families made with the attribute table: GeoTrellis makes {@code header} and adds
     * the others on its first write; making them at once (with the core's own two) saves a new catalog
     * six schema changes.
     */
    private static final List<String> LAYER_FAMILIES = List.of("header", "metadata", "keyIndex", "schema",
            AttributeStorage.INVENTORY, LayerClaims.ATTRIBUTE);


    /** What makes two connections interchangeable: one serves every table of a cluster. */
    private record ConnectionKey(String quorum, Optional<String> master, Duration timeout,
            Map<String, String> configuration) {
        static ConnectionKey of(HBaseSettings s) {
            return new ConnectionKey(s.quorumSpec(), s.master(), s.operationTimeout(), s.configuration());
        }
    }

    private static final SharedClients<ConnectionKey, Connection> CONNECTIONS =
            new SharedClients<>(c -> !c.isClosed() && !c.isAborted());

    private final HBaseSettings settings;
    private final Connection connection;
    /** The attribute table's families while it is known to exist; null until it is. */
    private volatile Set<String> attributeFamilies;
    private final Set<String> tileTables = ConcurrentHashMap.newKeySet();
    /** Commits share it; adding a family takes it alone, so that no commit of this process meets a region reopening. */
    private final ReentrantReadWriteLock schema = new ReentrantReadWriteLock();

    private HBaseTables(HBaseSettings settings, Connection connection) {
        this.settings = settings;
        this.connection = connection;
    }

    /**
     * Connects to the cluster and checks that it answers.
     *
     * @throws CatalogIOException naming the quorum when ZooKeeper or HBase does not answer in time
     */
    static HBaseTables connect(HBaseSettings s) {
        Connection c = CONNECTIONS.acquire(ConnectionKey.of(s), () -> open(s));
        return new HBaseTables(s, c);
    }

    private static Connection open(HBaseSettings s) {
        Configuration conf = HBaseConfiguration.create();
        conf.set("hbase.zookeeper.quorum", s.quorumSpec());
        conf.setInt("hbase.zookeeper.property.clientPort", s.quorum().get(0).getPort());
        s.master().ifPresent(m -> conf.set("hbase.master", m));
        long timeout = s.operationTimeout().toMillis();
        conf.setLong("hbase.client.operation.timeout", timeout);
        conf.setLong("hbase.client.meta.operation.timeout", timeout);
        conf.setLong("hbase.rpc.timeout", Math.min(timeout, 60_000));
        // ZooKeeper's client would otherwise try an unreachable quorum thirty times a second apart.
        conf.setInt("zookeeper.recovery.retry", 2);
        conf.setInt("zookeeper.recovery.retry.intervalmill", 200);
        conf.setInt("hbase.client.retries.number", 10);
        s.configuration().forEach(conf::set);
        Connection c = null;
        try {
            c = ConnectionFactory.createConnection(conf);
            try (Admin admin = c.getAdmin()) {
                // The connection is made lazily; asking the cluster one thing proves it answers.
                admin.getClusterMetrics(EnumSet.of(ClusterMetrics.Option.CLUSTER_ID));
            }
            return c;
        } catch (IOException | RuntimeException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // Already failing; the first failure is the one to report.
                }
            }
            throw new CatalogIOException("cannot reach HBase at " + s.location() + ": " + reason(e)
                    + "; check the ZooKeeper hosts and port and that HBase is up", e);
        }
    }

    HBaseSettings settings() {
        return settings;
    }

    Connection connection() {
        return connection;
    }

    ReentrantReadWriteLock.ReadLock commitLock() {
        return schema.readLock();
    }

    /** A handle on a table (cheap; not to be shared between threads). */
    Table table(String name) {
        try {
            return connection.getTable(TableName.valueOf(name));
        } catch (IOException e) {
            throw failure("open table " + name, e);
        }
    }

    /**
     * The attribute table's column families; on a write ({@code create}) the table is made when missing.
     *
     * @throws CatalogException when the catalog does not exist and this is not a write
     */
    Set<String> attributeFamilies(boolean create) {
        return existingAttributeFamilies(create).orElseThrow(() -> new CatalogException("HBase catalog "
                + settings.location() + " does not exist: there is no table '" + settings.attributeTable()
                + "' (a first write creates it)"));
    }

    /** {@link #attributeFamilies}, but empty when the catalog does not exist and this is not a write. */
    Optional<Set<String>> existingAttributeFamilies(boolean create) {
        Set<String> known = attributeFamilies;
        if (known != null) {
            return Optional.of(known);
        }
        synchronized (this) {
            if (attributeFamilies == null) {
                Optional<TableDescriptor> d = descriptor(settings.attributeTable());
                if (d.isEmpty()) {
                    if (!create) {
                        return Optional.empty();
                    }
                    // A catalog's first write needs both tables; made at once, they cost one table
                    // creation's wait instead of two.
                    Map<String, List<String>> tables = new LinkedHashMap<>();
                    tables.put(settings.attributeTable(), LAYER_FAMILIES);
                    if (!tileTables.contains(settings.tileTable()) && descriptor(settings.tileTable()).isEmpty()) {
                        tables.put(settings.tileTable(), List.of(TILES));
                    }
                    createTables(tables);
                    d = descriptor(settings.attributeTable());
                }
                attributeFamilies = families(d.orElseThrow(() -> new CatalogException("table "
                        + settings.attributeTable() + " of HBase catalog " + settings.location()
                        + " vanished as it was made")));
            }
            return Optional.of(attributeFamilies);
        }
    }

    /**
     * Whether the attribute table has a family, asking the cluster again when this process has not
     * seen it (another process may have added it).
     */
    boolean hasAttributeFamily(String family) {
        Optional<Set<String>> known = existingAttributeFamilies(false);
        if (known.isEmpty()) {
            return false;
        }
        if (known.get().contains(family)) {
            return true;
        }
        return refreshAttributeFamilies().contains(family);
    }

    private synchronized Set<String> refreshAttributeFamilies() {
        attributeFamilies = descriptor(settings.attributeTable()).map(HBaseTables::families).orElse(null);
        return attributeFamilies == null ? Set.of() : attributeFamilies;
    }

    /**
     * Makes sure the attribute table has a family for an attribute name, adding it when missing: a
     * schema change, made while no commit of this process runs, and tolerant of another client adding
     * the same family at the same moment.
     */
    void ensureAttributeFamily(String family) {
        attributeFamilies(true);
        if (hasAttributeFamily(family)) {
            return;
        }
        schema.writeLock().lock();
        try (Admin admin = connection.getAdmin()) {
            if (!refreshAttributeFamilies().contains(family)) {
                try {
                    admin.addColumnFamily(TableName.valueOf(settings.attributeTable()),
                            ColumnFamilyDescriptorBuilder.of(family));
                } catch (IOException e) {
                    if (!refreshAttributeFamilies().contains(family)) {
                        throw failure("add column family '" + family + "' to table " + settings.attributeTable(), e);
                    }
                }
                refreshAttributeFamilies();
            }
        } catch (IOException e) {
            throw failure("add column family '" + family + "' to table " + settings.attributeTable(), e);
        } finally {
            schema.writeLock().unlock();
        }
    }

    /**
     * Makes sure a tile table exists with GeoTrellis's {@code tiles} family; on a write ({@code create})
     * it is made when missing. Returns false when it is missing and this is not a write.
     *
     * @throws CatalogException when the table exists without the {@code tiles} family
     */
    boolean tiles(String table, boolean create) {
        if (tileTables.contains(table)) {
            return true;
        }
        synchronized (this) {
            if (tileTables.contains(table)) {
                return true;
            }
            Optional<TableDescriptor> d = descriptor(table);
            if (d.isEmpty()) {
                if (!create) {
                    return false;
                }
                createTables(Map.of(table, List.of(TILES)));
                d = descriptor(table);
            }
            Set<String> families = d.map(HBaseTables::families).orElse(Set.of());
            if (!families.contains(TILES)) {
                throw new CatalogException("table " + table + " of HBase catalog " + settings.location()
                        + " is not a GeoTrellis tile table: it has column families " + families + ", expected '" + TILES
                        + "'; name another table with ?layers=");
            }
            tileTables.add(table);
            return true;
        }
    }

    private Optional<TableDescriptor> descriptor(String table) {
        try (Admin admin = connection.getAdmin()) {
            return Optional.of(admin.getDescriptor(TableName.valueOf(table)));
        } catch (TableNotFoundException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read the schema of table " + table, e);
        }
    }

    private static Set<String> families(TableDescriptor d) {
        Set<String> out = new TreeSet<>();
        for (byte[] f : d.getColumnFamilyNames()) {
            out.add(Bytes.toString(f));
        }
        return Set.copyOf(out);
    }

    /**
     * Makes tables (and their namespaces) at once, tolerating another client making any of them at
     * the same moment.
     */
    private void createTables(Map<String, List<String>> tables) {
        String what = "create table " + String.join(" and table ", tables.keySet());
        try (Admin admin = connection.getAdmin()) {
            List<Future<Void>> made = new ArrayList<>();
            for (Map.Entry<String, List<String>> t : tables.entrySet()) {
                TableName name = TableName.valueOf(t.getKey());
                createNamespace(admin, name.getNamespaceAsString());
                TableDescriptorBuilder b = TableDescriptorBuilder.newBuilder(name);
                for (String f : t.getValue()) {
                    b.setColumnFamily(ColumnFamilyDescriptorBuilder.of(f));
                }
                try {
                    made.add(admin.createTableAsync(b.build()));
                } catch (TableExistsException raced) {
                    // Another writer made it first; its families are checked by the caller.
                }
            }
            for (Future<Void> f : made) {
                awaitCreation(f);
            }
        } catch (IOException e) {
            throw failure(what, e);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(what, e);
        }
    }

    private static void awaitCreation(Future<Void> f) throws ExecutionException, InterruptedException {
        try {
            f.get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TableExistsException)) {
                throw e;
            }
        }
    }

    private static void createNamespace(Admin admin, String ns) throws IOException {
        if (NamespaceDescriptor.DEFAULT_NAMESPACE_NAME_STR.equals(ns)) {
            return;
        }
        try {
            admin.getNamespaceDescriptor(ns);
        } catch (NamespaceNotFoundException missing) {
            try {
                admin.createNamespace(NamespaceDescriptor.create(ns).build());
            } catch (NamespaceExistException raced) {
                // Another writer made it first.
            }
        }
    }

    /** A failure of {@code what}, naming the catalog and the reason in words. */
    CatalogIOException failure(String what, Throwable e) {
        return new CatalogIOException("cannot " + what + " in HBase catalog " + settings.location() + ": " + reason(e), e);
    }

    private static final Pattern CLASS_NAME = Pattern.compile("(?:[a-z_][a-z0-9_]*\\.)+[A-Z]\\w*(?:\\$\\w+)*:?\\s*");

    /**
     * Why a call failed, in words: unreachable servers said so, otherwise the deepest cause's first
     * line without the Java class names HBase puts in its messages.
     */
    static String reason(Throwable e) {
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KeeperException.ConnectionLossException || t instanceof MasterRegistryFetchException) {
                return "ZooKeeper did not answer";
            }
            if (t instanceof ConnectException) {
                return "a server refused the connection (" + firstLine(t.getMessage()) + ")";
            }
            if (t instanceof InterruptedIOException && t.getCause() == null) {
                return "no answer in time";
            }
            root = t;
        }
        String m = firstLine(root.getMessage());
        m = CLASS_NAME.matcher(m).replaceAll("").trim();
        return m.isEmpty() ? "the cluster gave no reason" : m;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        CONNECTIONS.release(ConnectionKey.of(settings));
    }
}
