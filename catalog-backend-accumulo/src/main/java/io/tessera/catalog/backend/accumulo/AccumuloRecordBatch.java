package io.tessera.catalog.backend.accumulo;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.table.SharedTableBatch;
import org.apache.accumulo.core.client.BatchWriter;
import org.apache.accumulo.core.client.MutationsRejectedException;
import org.apache.accumulo.core.data.Mutation;
import org.apache.accumulo.core.data.Value;
import org.apache.hadoop.io.Text;

/**
 * Mutations of one layer's entries through a {@link BatchWriter} (thread-safe, its memory bounded
 * by the {@code write-memory} option, sending from its own threads); flushed when the batch closes.
 */
final class AccumuloRecordBatch extends SharedTableBatch {

    private static final Text QUALIFIER = new Text();

    private final AccumuloRecords records;
    private final RecordLocation layer;
    private final LayerId id;
    private final Text family;
    private final BatchWriter writer;

    AccumuloRecordBatch(AccumuloRecords records, RecordLocation layer, BatchMode mode) {
        super(mode);
        this.records = records;
        this.layer = layer;
        this.id = layer.layerId();
        this.family = RowIds.family(id);
        this.writer = records.writer(layer);
    }

    @Override
    protected void put(long index, byte[] record) {
        Mutation m = new Mutation(RowIds.row(index));
        m.put(family, QUALIFIER, new Value(record, false));
        add(writer, m, "write the records of layer " + id);
    }

    @Override
    protected void remove(long index) {
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
    protected void flush() {
        close(writer, "write the records of layer " + id);
    }

    @Override
    protected void removeAll(long[] indexes) {
        String what = "delete the records of an abandoned write of layer " + id;
        BatchWriter deletes = records.writer(layer);
        try {
            for (long index : indexes) {
                add(deletes, deletion(index), what);
            }
        } finally {
            close(deletes, what);
        }
    }

    private void close(BatchWriter w, String what) {
        try {
            w.close();
        } catch (MutationsRejectedException | RuntimeException e) {
            throw records.tables().failure(what, e);
        }
    }
}
