package io.tessera.catalog.backend.hbase;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.table.WrittenIndexes;
import java.io.IOException;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.Put;

/**
 * Puts of one layer's rows through a {@link BufferedMutator} (thread-safe, its buffer bounded);
 * {@link #close} flushes, the durability point. A create batch remembers the indexes it wrote, so
 * that its abort deletes exactly those rows.
 */
final class HBaseRecordBatch implements RecordBatch {

    private final HBaseRecords records;
    private final RecordLocation layer;
    private final BatchMode mode;
    private final LayerId id;
    private final RowKeys keys;
    private final BufferedMutator mutator;
    private final WrittenIndexes written = new WrittenIndexes();
    private boolean closed;

    HBaseRecordBatch(HBaseRecords records, RecordLocation layer, BatchMode mode) {
        this.records = records;
        this.layer = layer;
        this.mode = mode;
        this.id = layer.layerId();
        this.keys = new RowKeys(id);
        this.mutator = records.mutator(layer);
    }

    @Override
    public void write(long index, byte[] record) {
        if (mode == BatchMode.CREATE) {
            written.add(index);
        }
        try {
            mutator.mutate(new Put(keys.row(index)).addColumn(HBaseRecords.family(), HBaseTables.QUALIFIER, record));
        } catch (IOException e) {
            throw records.tables().failure("write the records of layer " + id, e);
        }
    }

    @Override
    public void delete(long index) {
        if (mode != BatchMode.REPLACE) {
            throw new IllegalStateException("only a replace batch deletes records");
        }
        try {
            mutator.mutate(HBaseRecords.deletion(keys.row(index)));
        } catch (IOException e) {
            throw records.tables().failure("delete a record of layer " + id, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            mutator.close();
        } catch (IOException e) {
            throw records.tables().failure("write the records of layer " + id, e);
        }
    }

    @Override
    public void abort() {
        try {
            close();
        } catch (RuntimeException alreadyFailed) {
            // What did reach the table is deleted below all the same.
        }
        long[] indexes = written.drain();
        if (indexes.length == 0) {
            return;
        }
        try (BufferedMutator deletes = records.mutator(layer)) {
            for (long index : indexes) {
                deletes.mutate(HBaseRecords.deletion(keys.row(index)));
            }
        } catch (IOException e) {
            throw records.tables().failure("delete the records of an abandoned write of layer " + id, e);
        }
    }
}
