package io.tessera.catalog.backend.cassandra;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.InvalidQueryException;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.table.SharedClients;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog's connection and its two tables: a session on the cluster, prepared statements by
 * text, and the schema — found (a read of a catalog that does not exist says so), checked against
 * GeoTrellis's, and created on the first write.
 */
final class CassandraTables implements AutoCloseable {

    /** Which of GeoTrellis's two attribute table schemas a catalog has. */
    enum AttributeSchema {
        /** GeoTrellis 2.3 and later: {@code (layerName text, layerZoom int, name text, value text)}. */
        CURRENT,
        /** GeoTrellis 2.2 and GeoPySpark 0.4: {@code (layerId text, name text, value text)}. */
        LEGACY
    }

    private static final Map<String, String> CURRENT_COLUMNS = Map.of("layername", "text", "layerzoom", "int",
            "name", "text", "value", "text");
    private static final Map<String, String> LEGACY_COLUMNS = Map.of("layerid", "text", "name", "text",
            "value", "text");
    private static final Map<String, String> TILE_COLUMNS = Map.of("key", "varint", "name", "text", "zoom", "int",
            "value", "blob");

    /** How long a table that the schema lists may take to accept statements. */
    private static final Duration SCHEMA_SETTLES = Duration.ofSeconds(10);

    /** What makes two sessions interchangeable: a session serves every keyspace and table. */
    private record SessionKey(List<InetSocketAddress> contactPoints, Optional<String> user, Optional<String> password,
            String localDatacenter, ConsistencyLevel consistency, Duration requestTimeout) {
        static SessionKey of(CassandraSettings s) {
            return new SessionKey(s.contactPoints(), s.user(), s.password(), s.localDatacenter(), s.consistency(),
                    s.requestTimeout());
        }
    }

    private static final SharedClients<SessionKey, CqlSession> SESSIONS = new SharedClients<>(s -> !s.isClosed());

    private final CassandraSettings settings;
    private final CqlSession session;
    private final Map<String, PreparedStatement> prepared = new ConcurrentHashMap<>();
    private volatile AttributeSchema attributeSchema;
    private final Map<String, Boolean> tileTables = new ConcurrentHashMap<>();

    private CassandraTables(CassandraSettings settings, CqlSession session) {
        this.settings = settings;
        this.session = session;
    }

    /**
     * Connects to the cluster.
     *
     * @throws CatalogIOException naming the hosts when none answers, or when the credentials are refused
     */
    static CassandraTables connect(CassandraSettings s) {
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, s.requestTimeout())
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, s.consistency().name())
                .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, "LOCAL_SERIAL")
                .withDuration(DefaultDriverOption.CONNECTION_CONNECT_TIMEOUT, Duration.ofSeconds(5))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
                // A schema change here is a catalog's first write; waiting the default second for more
                // schema events to batch up would only slow that write down.
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(10))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                .withBoolean(DefaultDriverOption.REQUEST_WARN_IF_SET_KEYSPACE, false)
                .build();
        var builder = CqlSession.builder().withConfigLoader(config).withLocalDatacenter(s.localDatacenter())
                .addContactPoints(s.contactPoints());
        if (s.user().isPresent()) {
            builder = builder.withAuthCredentials(s.user().get(), s.password().orElseThrow());
        }
        var connecting = builder;
        try {
            return new CassandraTables(s, SESSIONS.acquire(SessionKey.of(s), connecting::build));
        } catch (AllNodesFailedException e) {
            boolean refused = e.getAllErrors().values().stream().flatMap(List::stream)
                    .anyMatch(t -> t instanceof AuthenticationException);
            throw new CatalogIOException(refused
                    ? "Cassandra at " + s.location() + " refused the credentials: check the user and password"
                    : "cannot reach Cassandra at " + s.location() + ": no contact point answered ("
                            + firstReason(e) + "); check the hosts, the port and that the node is up", e);
        } catch (DriverException e) {
            throw new CatalogIOException("cannot connect to Cassandra at " + s.location() + ": " + e.getMessage(), e);
        }
    }

    /** The first node's failure in words: its root cause, whose message names no driver internals. */
    private static String firstReason(AllNodesFailedException e) {
        return e.getAllErrors().values().stream().flatMap(List::stream).findFirst().map(t -> {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getMessage() == null ? "no answer" : root.getMessage();
        }).orElse("no node to try");
    }

    CassandraSettings settings() {
        return settings;
    }

    CqlSession session() {
        return session;
    }

    /**
     * A statement prepared once per catalog. Statements are prepared only on tables the schema
     * lists; a table another client is creating is listed a moment before the node accepts
     * statements on it, so "does not exist" (or "Unknown CF") is asked again for a few seconds.
     */
    PreparedStatement prepare(String cql) {
        PreparedStatement known = prepared.get(cql);
        if (known != null) {
            return known;
        }
        long deadline = System.nanoTime() + SCHEMA_SETTLES.toNanos();
        while (true) {
            try {
                return prepared.computeIfAbsent(cql, session::prepare);
            } catch (InvalidQueryException | AllNodesFailedException e) {
                // While a table's creation spreads, the node says the table "does not exist", or
                // knows its name but not yet its id ("Unknown CF").
                String m = String.valueOf(e.getMessage());
                if (System.nanoTime() > deadline || !(m.contains("does not exist") || m.contains("Unknown CF"))) {
                    throw failure("prepare '" + cql + "'", e);
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CatalogIOException("interrupted while preparing a statement in " + settings.location(), e);
            }
        }
    }

    /** Runs a statement, reporting a failure as one naming {@code what} and the catalog. */
    ResultSet execute(Statement<?> statement, String what) {
        try {
            return session.execute(statement);
        } catch (DriverException e) {
            throw failure(what, e);
        }
    }

    CatalogIOException failure(String what, Throwable e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CatalogIOException("cannot " + what + " in Cassandra catalog " + settings.location() + ": " + reason, e);
    }

    /** {@code keyspace.table}. */
    String qualified(String table) {
        return settings.keyspace() + "." + table;
    }

    /**
     * The attribute table's schema; on a write ({@code create}) the keyspace and the table are made
     * when missing.
     *
     * @throws CatalogException when the catalog does not exist and this is not a write, or the
     *     table exists with a schema GeoTrellis never wrote
     */
    AttributeSchema attributes(boolean create) {
        return existingAttributes(create).orElseThrow(() -> new CatalogException("Cassandra catalog "
                + settings.location() + " does not exist: keyspace '" + settings.keyspace() + "' has no table '"
                + settings.attributeTable() + "' (a first write creates it)"));
    }

    /** {@link #attributes}, but empty when the catalog does not exist and this is not a write. */
    Optional<AttributeSchema> existingAttributes(boolean create) {
        AttributeSchema known = attributeSchema;
        if (known != null) {
            return Optional.of(known);
        }
        synchronized (this) {
            if (attributeSchema == null) {
                Map<String, String> columns = columns(settings.attributeTable());
                if (columns.isEmpty()) {
                    if (!create) {
                        return Optional.empty();
                    }
                    createKeyspace();
                    execute(SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS "
                            + qualified(settings.attributeTable()) + " (layerName text, layerZoom int, name text,"
                            + " value text, PRIMARY KEY (layerName, layerZoom, name))"), "create the attribute table");
                    columns = columns(settings.attributeTable());
                }
                if (columns.equals(CURRENT_COLUMNS)) {
                    attributeSchema = AttributeSchema.CURRENT;
                } else if (columns.equals(LEGACY_COLUMNS)) {
                    attributeSchema = AttributeSchema.LEGACY;
                } else {
                    throw new CatalogException("table " + qualified(settings.attributeTable()) + " of Cassandra catalog "
                            + settings.location() + " is not a GeoTrellis attribute table: it has columns " + columns
                            + ", expected " + new TreeMap<>(CURRENT_COLUMNS) + " (GeoTrellis 2.3+) or "
                            + new TreeMap<>(LEGACY_COLUMNS) + " (GeoTrellis 2.2); name another table with ?attributes=");
                }
            }
            return Optional.of(attributeSchema);
        }
    }

    /**
     * Makes sure a tile table exists with GeoTrellis's schema; on a write ({@code create}) it is made
     * when missing. Returns false when it is missing and this is not a write.
     *
     * @throws CatalogException when the table exists with another schema
     */
    boolean tiles(String table, boolean create) {
        if (tileTables.containsKey(table)) {
            return true;
        }
        synchronized (this) {
            if (tileTables.containsKey(table)) {
                return true;
            }
            Map<String, String> columns = columns(table);
            if (columns.isEmpty()) {
                if (!create) {
                    return false;
                }
                createKeyspace();
                execute(SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS "
                        + qualified(table) + " (key varint, name text, zoom int, value blob,"
                        + " PRIMARY KEY (key, name, zoom))"), "create the tile table");
                columns = columns(table);
            }
            if (!columns.equals(TILE_COLUMNS)) {
                throw new CatalogException("table " + qualified(table) + " of Cassandra catalog " + settings.location()
                        + " is not a GeoTrellis tile table: it has columns " + columns + ", expected "
                        + new TreeMap<>(TILE_COLUMNS) + "; name another table with ?layers=");
            }
            tileTables.put(table, true);
            return true;
        }
    }

    private void createKeyspace() {
        execute(SimpleStatement.newInstance("CREATE KEYSPACE IF NOT EXISTS "
                + settings.keyspace() + " WITH replication = {'class': '" + settings.replicationStrategy().replace("'", "")
                + "', 'replication_factor': " + settings.replicationFactor() + "}"), "create the keyspace");
    }

    /** Column name → CQL type of a table, empty when there is no such table. */
    private Map<String, String> columns(String table) {
        Map<String, String> out = new TreeMap<>();
        ResultSet rs = execute(SimpleStatement.newInstance(
                "SELECT column_name, type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?",
                settings.keyspace(), table), "read the schema of table " + table);
        for (Row r : rs) {
            out.put(r.getString("column_name"), r.getString("type"));
        }
        return out;
    }

    @Override
    public void close() {
        SESSIONS.release(SessionKey.of(settings));
    }
}
