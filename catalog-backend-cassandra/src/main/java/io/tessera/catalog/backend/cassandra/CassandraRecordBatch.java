package io.tessera.catalog.backend.cassandra;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.table.SharedTableBatch;
import java.nio.ByteBuffer;

/**
 * Upserts of one layer's rows, sent asynchronously with a bounded number in flight; closing the
 * batch waits for every one.
 */
final class CassandraRecordBatch extends SharedTableBatch {

    private final CassandraRecords records;
    private final RecordLocation layer;
    private final LayerId id;
    private final PreparedStatement upsert;
    private final InFlight writes;

    CassandraRecordBatch(CassandraRecords records, RecordLocation layer, BatchMode mode) {
        super(mode);
        this.records = records;
        this.layer = layer;
        this.id = layer.layerId();
        this.upsert = records.upsert(layer);
        this.writes = new InFlight(records.tables().settings().maxInFlight(), "write the records of layer " + id
                + " in Cassandra catalog " + records.tables().settings().location());
    }

    @Override
    protected void put(long index, byte[] record) {
        writes.submit(() -> records.tables().session().executeAsync(
                upsert.bind(CassandraRecords.key(index), id.name(), id.zoom(), ByteBuffer.wrap(record))));
    }

    @Override
    protected void remove(long index) {
        PreparedStatement delete = records.deleteRow(layer);
        writes.submit(() -> records.tables().session().executeAsync(
                delete.bind(CassandraRecords.key(index), id.name(), id.zoom())));
    }

    @Override
    protected void flush() {
        writes.await();
    }

    @Override
    protected void removeAll(long[] indexes) {
        PreparedStatement delete = records.deleteRow(layer);
        InFlight deletes = new InFlight(records.tables().settings().maxInFlight(),
                "delete the records of an abandoned write of layer " + id + " in Cassandra catalog "
                        + records.tables().settings().location());
        for (long index : indexes) {
            deletes.submit(() -> records.tables().session().executeAsync(
                    delete.bind(CassandraRecords.key(index), id.name(), id.zoom())));
        }
        deletes.await();
    }
}
