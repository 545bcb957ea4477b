package io.tessera.catalog.backend.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.servererrors.CASWriteUnknownException;
import com.datastax.oss.driver.api.core.servererrors.WriteTimeoutException;
import io.tessera.catalog.backend.cassandra.CassandraTables.AttributeSchema;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.AttributeLayout;
import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.CommitOutcome;
import io.tessera.catalog.spi.LayerClaims;
import io.tessera.catalog.spi.LayerCommits;
import io.tessera.catalog.spi.LayerDocuments;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.table.LayerKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Attributes in GeoTrellis's Cassandra attribute table, one row per (layer, attribute name) whose
 * {@code value} is the {@code [layerId, value]} JSON text, in whichever of GeoTrellis's two schemas
 * the table has. A layer's rows share one partition in both schemas, so every commit is one
 * lightweight transaction: a conditional batch over the rows of the layer's documents.
 */
final class CassandraAttributes implements AttributeStorage, LayerCommits, LayerClaims {

    private final CassandraTables tables;

    CassandraAttributes(CassandraTables tables) {
        this.tables = tables;
    }

    @Override
    public AttributeLayout layout() {
        return AttributeLayout.DISCRETE;
    }

    /** The WHERE clause and values that select a layer's rows. */
    private record RowKey(String where, List<Object> values, String columns) {
    }

    /** The rows of a layer, creating the table on a write. */
    private RowKey key(LayerId id) {
        return key(id, tables.attributes(true));
    }

    /** The rows of a layer, or empty when the catalog has no attribute table (so no layer). */
    private Optional<RowKey> existing(LayerId id) {
        return tables.existingAttributes(false).map(schema -> key(id, schema));
    }

    private static RowKey key(LayerId id, AttributeSchema schema) {
        return schema == AttributeSchema.CURRENT
                ? new RowKey("layerName = ? AND layerZoom = ?", List.of(id.name(), id.zoom()), "layerName, layerZoom")
                : new RowKey("layerId = ?", List.of(LayerKeys.of(id)), "layerId");
    }

    private String table() {
        return tables.qualified(tables.settings().attributeTable());
    }

    private BoundStatement bind(String cql, List<Object> keyValues, Object... more) {
        List<Object> values = new ArrayList<>(keyValues);
        values.addAll(List.of(more));
        return tables.prepare(cql).bind(values.toArray());
    }

    @Override
    public Optional<byte[]> read(LayerId id, String attribute) {
        return read(id, attribute, tables.settings().consistency());
    }

    private Optional<byte[]> read(LayerId id, String attribute, ConsistencyLevel consistency) {
        Optional<RowKey> k = existing(id);
        if (k.isEmpty()) {
            return Optional.empty();
        }
        Row row = tables.execute(bind("SELECT value FROM " + table() + " WHERE " + k.get().where() + " AND name = ?",
                k.get().values(), attribute).setConsistencyLevel(consistency),
                "read attribute " + attribute + " of layer " + id).one();
        return row == null ? Optional.empty() : Optional.of(row.getString(0).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, byte[]> read(LayerId id, Collection<String> attributes) {
        Optional<RowKey> k = existing(id);
        if (k.isEmpty()) {
            return Map.of();
        }
        Map<String, byte[]> found = new LinkedHashMap<>();
        for (Row row : tables.execute(bind("SELECT name, value FROM " + table() + " WHERE " + k.get().where(),
                k.get().values()),
                "read the attributes of layer " + id)) {
            found.put(row.getString(0), row.getString(1).getBytes(StandardCharsets.UTF_8));
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String a : attributes) {
            if (found.containsKey(a)) {
                out.put(a, found.get(a));
            }
        }
        return out;
    }

    @Override
    public void write(LayerId id, String attribute, byte[] document) {
        RowKey k = key(id);
        tables.execute(bind(insert(k, ""), k.values(), attribute, text(document)),
                "write attribute " + attribute + " of layer " + id);
    }

    private String insert(RowKey k, String condition) {
        return "INSERT INTO " + table() + " (" + k.columns() + ", name, value) VALUES ("
                + "?, ".repeat(k.values().size()) + "?, ?)" + condition;
    }

    @Override
    public boolean delete(LayerId id, String attribute) {
        if (read(id, attribute).isEmpty()) {
            return false;
        }
        RowKey k = key(id);
        tables.execute(bind("DELETE FROM " + table() + " WHERE " + k.where() + " AND name = ?", k.values(), attribute),
                "delete attribute " + attribute + " of layer " + id);
        return true;
    }

    @Override
    public List<String> attributes(LayerId id) {
        Optional<RowKey> k = existing(id);
        if (k.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Row row : tables.execute(bind("SELECT name FROM " + table() + " WHERE " + k.get().where(), k.get().values()),
                "list the attributes of layer " + id)) {
            names.add(row.getString(0));
        }
        return names;
    }

    @Override
    public Set<LayerId> layersWith(String attribute) {
        // The attribute table only, filtered on the server: never the tile table.
        boolean current = tables.attributes(false) == AttributeSchema.CURRENT;
        String cql = current
                ? "SELECT layerName, layerZoom FROM " + table() + " WHERE name = ? ALLOW FILTERING"
                : "SELECT layerId FROM " + table() + " WHERE name = ? ALLOW FILTERING";
        Set<LayerId> ids = new LinkedHashSet<>();
        for (Row row : tables.execute(tables.prepare(cql).bind(attribute), "list the layers")) {
            if (current) {
                ids.add(new LayerId(row.getString(0), row.getInt(1)));
            } else {
                LayerKeys.parse(row.getString(0)).ifPresent(ids::add);
            }
        }
        return ids;
    }

    // ---- commits: one conditional batch in the layer's partition ----

    @Override
    public CommitOutcome create(LayerId id, LayerDocuments documents, RecordBatch records) {
        RowKey k = key(id);
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED);
        for (String name : documents.names()) {
            // Only the presence document is conditional: the batch applies when no layer of this id exists.
            String condition = name.equals(LayerDocuments.PRESENCE) ? " IF NOT EXISTS" : "";
            batch.addStatement(bind(insert(k, condition), k.values(), name, text(documents.get(name))));
        }
        return commit(batch.build(), "create layer " + id);
    }

    @Override
    public CommitOutcome replace(LayerId id, LayerDocuments expected, LayerDocuments replacement) {
        RowKey k = key(id);
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED);
        Set<String> names = new LinkedHashSet<>(expected.names());
        names.addAll(replacement.names());
        for (String name : names) {
            boolean was = expected.names().contains(name);
            boolean will = replacement.names().contains(name);
            if (was && will) {
                batch.addStatement(bind("UPDATE " + table() + " SET value = ? WHERE " + k.where()
                        + " AND name = ? IF value = ?", List.of(text(replacement.get(name))),
                        concat(k.values(), name, text(expected.get(name)))));
            } else if (was) {
                batch.addStatement(bind("DELETE FROM " + table() + " WHERE " + k.where() + " AND name = ? IF value = ?",
                        k.values(), name, text(expected.get(name))));
            } else {
                batch.addStatement(bind(insert(k, " IF NOT EXISTS"), k.values(), name, text(replacement.get(name))));
            }
        }
        return commit(batch.build(), "replace the documents of layer " + id);
    }

    private static Object[] concat(List<Object> head, Object... tail) {
        List<Object> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray();
    }

    @Override
    public CommitOutcome replaceAll(LayerId id, LayerDocuments expected, LayerDocuments replacement, RecordBatch records) {
        // The records are in a table of their own (see CassandraRecords#replacementLocation): only the
        // documents switch, and the core removes the old records afterwards.
        return replace(id, expected, replacement);
    }

    @Override
    public CommitOutcome drop(LayerId id, LayerDocuments expected) {
        RowKey k = key(id);
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED);
        for (String name : expected.names()) {
            batch.addStatement(bind("DELETE FROM " + table() + " WHERE " + k.where() + " AND name = ? IF value = ?",
                    k.values(), name, text(expected.get(name))));
        }
        return commit(batch.build(), "drop layer " + id);
    }

    // ---- claims: a hidden attribute row of the layer, changed by lightweight transactions ----

    @Override
    public Optional<byte[]> claimOf(LayerId id) {
        // Serial: a claim another writer's transaction left half-way through is settled, not missed.
        return read(id, ATTRIBUTE, DefaultConsistencyLevel.LOCAL_SERIAL);
    }

    @Override
    public CommitOutcome claim(LayerId id, byte[] claim) {
        RowKey k = key(id);
        return commit(bind(insert(k, " IF NOT EXISTS"), k.values(), ATTRIBUTE, text(claim)), "claim layer " + id);
    }

    @Override
    public CommitOutcome reclaim(LayerId id, byte[] expected, byte[] claim) {
        RowKey k = key(id);
        return commit(bind("UPDATE " + table() + " SET value = ? WHERE " + k.where() + " AND name = ? IF value = ?",
                List.of(text(claim)), concat(k.values(), ATTRIBUTE, text(expected))), "claim layer " + id);
    }

    @Override
    public CommitOutcome release(LayerId id, byte[] claim) {
        RowKey k = key(id);
        return commit(bind("DELETE FROM " + table() + " WHERE " + k.where() + " AND name = ? IF value = ?",
                k.values(), ATTRIBUTE, text(claim)), "release the claim on layer " + id);
    }

    /**
     * Runs a lightweight transaction. A timeout of the Paxos round, or a lost answer, leaves the
     * outcome unknown: the core reads the state back.
     */
    private CommitOutcome commit(Statement<?> statement, String what) {
        try {
            ResultSet rs = tables.session().execute(statement);
            return rs.wasApplied() ? CommitOutcome.COMMITTED : CommitOutcome.CONFLICT;
        } catch (WriteTimeoutException | CASWriteUnknownException e) {
            return CommitOutcome.UNKNOWN;
        } catch (DriverTimeoutException e) {
            return CommitOutcome.UNKNOWN;
        } catch (DriverException e) {
            throw tables.failure(what, e);
        }
    }

    private static String text(byte[] document) {
        return new String(document, StandardCharsets.UTF_8);
    }
}
