package io.tessera.catalog.backend.hbase;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.table.SharedTableBatch;
import java.io.IOException;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Put;

/**
 * Puts of one layer's rows through a {@link BufferedMutator} (thread-safe, its buffer bounded);
 * flushed when the batch closes.
 */
final class HBaseRecordBatch extends SharedTableBatch {

    private final HBaseRecords records;
    private final RecordLocation layer;
    private final LayerId id;
    private final RowKeys keys;
    private final BufferedMutator mutator;

    HBaseRecordBatch(HBaseRecords records, RecordLocation layer, BatchMode mode) {
        super(mode);
        this.records = records;
        this.layer = layer;
        this.id = layer.layerId();
        this.keys = new RowKeys(id);
        this.mutator = records.mutator(layer);
    }

    @Override
    protected void put(long index, byte[] record) {
        try {
            mutator.mutate(new Put(keys.row(index)).addColumn(HBaseRecords.family(), HBaseTables.QUALIFIER, record));
        } catch (IOException e) {
            throw records.tables().failure("write the records of layer " + id, e);
        }
    }

    @Override
    protected void remove(long index) {
        try {
            mutator.mutate(HBaseRecords.deletion(keys.row(index)));
        } catch (IOException e) {
            throw records.tables().failure("delete a record of layer " + id, e);
        }
    }

    @Override
    protected void flush() {
        try {
            mutator.close();
        } catch (IOException e) {
            throw records.tables().failure("write the records of layer " + id, e);
        }
    }

    @Override
    protected void removeAll(long[] indexes) {
        try (BufferedMutator deletes = records.mutator(layer)) {
            for (long index : indexes) {
                deletes.mutate(HBaseRecords.deletion(keys.row(index)));
            }
        } catch (IOException e) {
            throw records.tables().failure("delete the records of an abandoned write of layer " + id, e);
        }
    }
}
