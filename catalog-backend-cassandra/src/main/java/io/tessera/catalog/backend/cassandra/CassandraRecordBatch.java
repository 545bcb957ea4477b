package io.tessera.catalog.backend.cassandra;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.table.WrittenIndexes;
import java.nio.ByteBuffer;

/**
 * Upserts of one layer's rows, sent asynchronously with a bounded number in flight; {@link #close}
 * waits for every one. A create batch remembers the indexes it wrote, so that its abort deletes
 * exactly those rows.
 */
final class CassandraRecordBatch implements RecordBatch {

    private final CassandraRecords records;
    private final RecordLocation layer;
    private final BatchMode mode;
    private final LayerId id;
    private final PreparedStatement upsert;
    private final InFlight writes;
    private final WrittenIndexes written = new WrittenIndexes();

    CassandraRecordBatch(CassandraRecords records, RecordLocation layer, BatchMode mode) {
        this.records = records;
        this.layer = layer;
        this.mode = mode;
        this.id = layer.layerId();
        this.upsert = records.upsert(layer);
        this.writes = new InFlight(records.tables().settings().maxInFlight(), "write the records of layer " + id
                + " in Cassandra catalog " + records.tables().settings().location());
    }

    @Override
    public void write(long index, byte[] record) {
        if (mode == BatchMode.CREATE) {
            written.add(index);
        }
        writes.submit(() -> records.tables().session().executeAsync(
                upsert.bind(CassandraRecords.key(index), id.name(), id.zoom(), ByteBuffer.wrap(record))));
    }

    @Override
    public void delete(long index) {
        if (mode != BatchMode.REPLACE) {
            throw new IllegalStateException("only a replace batch deletes records");
        }
        PreparedStatement delete = records.deleteRow(layer);
        writes.submit(() -> records.tables().session().executeAsync(
                delete.bind(CassandraRecords.key(index), id.name(), id.zoom())));
    }

    @Override
    public void close() {
        writes.await();
    }

    @Override
    public void abort() {
        try {
            writes.await();
        } catch (RuntimeException alreadyFailed) {
            // What did reach the table is deleted below all the same.
        }
        if (mode != BatchMode.CREATE) {
            return;
        }
        long[] indexes = written.drain();
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
