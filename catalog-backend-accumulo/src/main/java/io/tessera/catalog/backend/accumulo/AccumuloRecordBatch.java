package io.tessera.catalog.backend.accumulo;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.table.WrittenIndexes;
import org.apache.accumulo.core.client.BatchWriter;
import org.apache.accumulo.core.client.MutationsRejectedException;
import org.apache.accumulo.core.data.Mutation;
import org.apache.accumulo.core.data.Value;
import org.apache.hadoop.io.Text;

/**
 * Mutations of one layer's entries through a {@link BatchWriter} (thread-safe, its memory bounded
 * by the {@code write-memory} option, sending from its own threads); {@link #close} flushes, the
 * durability point. A create batch remembers the indexes it wrote, so that its abort deletes
 * exactly those entries.
 */
final class AccumuloRecordBatch implements RecordBatch {

    private static final Text QUALIFIER = new Text();

    private final AccumuloRecords records;
    private final RecordLocation layer;
    private final BatchMode mode;
    private final LayerId id;
    private final Text family;
    private final BatchWriter writer;
    private final WrittenIndexes written = new WrittenIndexes();
    private boolean closed;

    AccumuloRecordBatch(AccumuloRecords records, RecordLocation layer, BatchMode mode) {
        this.records = records;
        this.layer = layer;
        this.mode = mode;
        this.id = layer.layerId();
        this.family = RowIds.family(id);
        this.writer = records.writer(layer);
    }

    @Override
    public void write(long index, byte[] record) {
        if (mode == BatchMode.CREATE) {
            written.add(index);
        }
        Mutation m = new Mutation(RowIds.row(index));
        m.put(family, QUALIFIER, new Value(record, false));
        add(writer, m, "write the records of layer " + id);
    }

    @Override
    public void delete(long index) {
        if (mode != BatchMode.REPLACE) {
            throw new IllegalStateException("only a replace batch deletes records");
        }
        add(writer, deletion(index), "delete a record of layer " + id);
    }

    private Mutation deletion(long index) {
        Mutation m = new Mutation(RowIds.row(index));
        m.putDelete(family, QUALIFIER);
        return m;
    }

    private void add(BatchWriter w, Mutation m, String what) {
        try {
            w.addMutation(m);
        } catch (MutationsRejectedException | RuntimeException e) {
            throw records.tables().failure(what, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            writer.close();
        } catch (MutationsRejectedException | RuntimeException e) {
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
        String what = "delete the records of an abandoned write of layer " + id;
        BatchWriter deletes = records.writer(layer);
        try {
            for (long index : indexes) {
                add(deletes, deletion(index), what);
            }
        } finally {
            try {
                deletes.close();
            } catch (MutationsRejectedException e) {
                throw records.tables().failure(what, e);
            }
        }
    }
}
