package io.tessera.catalog.spi.table;

import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RecordBatch;

/**
 * A {@link RecordBatch} into a table every layer and every writer shares (rows where the layer id
 * puts them, written under its claim): what is the same for every such backend — a create batch
 * remembers the indexes it wrote so that its abort removes exactly those rows, only a replace batch
 * deletes, and closing flushes once. A backend supplies the four ways it moves rows.
 */
public abstract class SharedTableBatch implements RecordBatch {

    private final BatchMode mode;
    private final WrittenIndexes written = new WrittenIndexes();
    private boolean closed;

    protected SharedTableBatch(BatchMode mode) {
        this.mode = mode;
    }

    /** Writes one record's row (buffered or in flight; durable once {@link #flush} returned). */
    protected abstract void put(long index, byte[] record);

    /** Deletes one record's row, as {@link #put} writes one. */
    protected abstract void remove(long index);

    /** Makes every row put and removed durable and releases the writer; called once. */
    protected abstract void flush();

    /** Deletes the rows of an abandoned create, durable when this returns. */
    protected abstract void removeAll(long[] indexes);

    @Override
    public final void write(long index, byte[] record) {
        if (mode == BatchMode.CREATE) {
            written.add(index);
        }
        put(index, record);
    }

    /** Nothing: the layer id's claim, which the owner holds, makes the rows the write's. */
    @Override
    public final String share() {
        if (mode != BatchMode.CREATE) {
            throw new IllegalStateException("only a create batch can be shared");
        }
        return "";
    }

    @Override
    public final void delete(long index) {
        if (mode != BatchMode.REPLACE) {
            throw new IllegalStateException("only a replace batch deletes records");
        }
        remove(index);
    }

    @Override
    public final synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        flush();
    }

    @Override
    public final void abort() {
        try {
            close();
        } catch (RuntimeException alreadyFailed) {
            // What did reach the table is deleted below all the same.
        }
        long[] indexes = written.drain();
        if (indexes.length > 0) {
            removeAll(indexes);
        }
    }
}
