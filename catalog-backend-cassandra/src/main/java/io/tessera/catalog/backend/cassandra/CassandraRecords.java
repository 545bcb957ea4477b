package io.tessera.catalog.backend.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.RecordStorage;
import io.tessera.catalog.spi.WriteOrder;
import io.tessera.catalog.spi.table.TwinTables;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records in GeoTrellis's ("write-optimized") Cassandra tile table: one row
 * {@code (key varint, name text, zoom int, value blob)} per record, partitioned by the index, so
 * every layer of a table shares partitions. A layer's header names its keyspace and table.
 */
final class CassandraRecords implements RecordStorage {

    static final String KEYSPACE = "keyspace";
    static final String TILE_TABLE = TwinTables.FIELD;
    /** Rows deleted one index at a time at most; beyond it, probing costs more than a walk of the table. */
    static final long MOST_PROBED = 1L << 24;

    private final CassandraTables tables;

    CassandraRecords(CassandraTables tables) {
        this.tables = tables;
    }

    @Override
    public Map<String, String> newLocation(LayerId id) {
        return location(tables.settings().keyspace(), tables.settings().tileTable());
    }

    private static Map<String, String> location(String keyspace, String table) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(KEYSPACE, keyspace);
        fields.put(TILE_TABLE, table);
        return fields;
    }

    /**
     * Records replacing all of a layer's go to the twin of its table (see {@link TwinTables}).
     */
    @Override
    public Map<String, String> replacementLocation(LayerId id, Map<String, String> current) {
        String table = current.getOrDefault(TILE_TABLE, tables.settings().tileTable());
        String twin = TwinTables.twin(table);
        if (twin.length() > 48) {
            throw new IllegalArgumentException("cannot reindex layer " + id + ": its tile table name '" + table
                    + "' leaves no room for the twin table '" + twin + "' (Cassandra allows 48 characters)");
        }
        return location(current.getOrDefault(KEYSPACE, tables.settings().keyspace()), twin);
    }

    @Override
    public WriteOrder writeOrder() {
        return WriteOrder.ANY;
    }

    /** The table of a layer's records, {@code keyspace.table}, as its header names it. */
    private String table(RecordLocation layer) {
        return layer.field(KEYSPACE) + "." + layer.field(TILE_TABLE);
    }

    private boolean tableExists(RecordLocation layer, boolean create) {
        if (!layer.field(KEYSPACE).equals(tables.settings().keyspace())) {
            // Another keyspace, named by a header GeoTrellis wrote: used as it is.
            return true;
        }
        return tables.tiles(layer.field(TILE_TABLE), create);
    }

    @Override
    public RecordBatch openBatch(RecordLocation layer, BatchMode mode) {
        // The catalog's first write makes the whole catalog: attribute table and tile table.
        tables.attributes(true);
        tableExists(layer, true);
        return new CassandraRecordBatch(this, layer, mode);
    }

    /** A create batch of its own: rows go where the layer id puts them, under the owner's claim. */
    @Override
    public RecordBatch joinBatch(RecordLocation layer, String share, int part) {
        return openBatch(layer, BatchMode.CREATE);
    }

    PreparedStatement upsert(RecordLocation layer) {
        return tables.prepare("INSERT INTO " + table(layer) + " (key, name, zoom, value) VALUES (?, ?, ?, ?)");
    }

    PreparedStatement deleteRow(RecordLocation layer) {
        return tables.prepare("DELETE FROM " + table(layer) + " WHERE key = ? AND name = ? AND zoom = ?");
    }

    CassandraTables tables() {
        return tables;
    }

    static BigInteger key(long index) {
        return BigInteger.valueOf(index);
    }

    @Override
    public Optional<byte[]> read(RecordLocation layer, long index) {
        if (!tableExists(layer, false)) {
            return Optional.empty();
        }
        LayerId id = layer.layerId();
        BoundStatement select = tables.prepare("SELECT value FROM " + table(layer)
                + " WHERE key = ? AND name = ? AND zoom = ?").bind(key(index), id.name(), id.zoom());
        Row row = InFlight.retrying(() -> tables.session().execute(select).one(),
                "read record " + index + " of layer " + id + " in Cassandra catalog " + tables.settings().location());
        if (row == null) {
            return Optional.empty();
        }
        ByteBuffer value = row.getByteBuffer(0);
        byte[] bytes = new byte[value.remaining()];
        value.get(bytes);
        return Optional.of(bytes);
    }

    /**
     * Deletes the layer's row of every index its key index can produce (exactly its records when it
     * has an inventory), not GeoTrellis's {@code ALLOW FILTERING} walk of the whole table — except
     * where nothing bounds the indexes: a layer whose key index cannot be read (a damaged definition),
     * or one without an inventory whose key index spans more than {@value #MOST_PROBED} indexes. Only
     * then are its rows found by that walk.
     */
    @Override
    public void delete(RecordLocation layer) {
        if (!tableExists(layer, false)) {
            return;
        }
        LayerId id = layer.layerId();
        InFlight deletes = new InFlight(tables.settings().maxInFlight(), "delete the records of layer " + id
                + " in Cassandra catalog " + tables.settings().location());
        PreparedStatement delete = deleteRow(layer);
        if (indexes(layer.indexRanges()) <= MOST_PROBED) {
            for (IndexRange r : layer.indexRanges()) {
                for (long i = r.start(); i <= r.end(); i++) {
                    long index = i;
                    deletes.submit(() -> tables.session().executeAsync(delete.bind(key(index), id.name(), id.zoom())));
                }
            }
        } else {
            for (Row row : tables.execute(tables.prepare("SELECT key FROM " + table(layer)
                    + " WHERE name = ? AND zoom = ? ALLOW FILTERING").bind(id.name(), id.zoom()),
                    "find the records of layer " + id)) {
                BigInteger key = row.getBigInteger(0);
                deletes.submit(() -> tables.session().executeAsync(delete.bind(key, id.name(), id.zoom())));
            }
        }
        deletes.await();
    }

    /** How many indexes the ranges hold, saturating at Long.MAX_VALUE. */
    private static long indexes(List<IndexRange> ranges) {
        long n = 0;
        for (IndexRange r : ranges) {
            long width = r.end() - r.start() + 1;
            if (width <= 0 || n > Long.MAX_VALUE - width) {
                return Long.MAX_VALUE;
            }
            n += width;
        }
        return n;
    }
}
