package io.tessera.catalog.spi;

/**
 * One write of records into one layer location. Records go in with {@link #write}, in the order
 * the backend's {@link RecordStorage#writeOrder()} asks for; {@link #close()} is the durability
 * point; {@link #abort()} discards. The core commits the layer's documents only after
 * {@code close} returned. A {@link BatchMode#CREATE} batch belongs to one writer: its records are
 * private to it (staged, at a location of its own, or under its claim) until
 * {@link LayerCommits#create} publishes them, and the core aborts it when the create does not take
 * effect.
 */
public interface RecordBatch extends AutoCloseable {

    /** Adds one record; see {@link WriteOrder} for the order and threads it may come in. */
    void write(long index, byte[] record);

    /**
     * Removes the record at {@code index}, if there is one, as {@link #write} would replace it: in the
     * same order and from the same threads as writes. Only a {@link BatchMode#REPLACE} batch deletes
     * (the core uses it to roll a failed change back); a create batch throws
     * {@link IllegalStateException}.
     */
    void delete(long index);

    /**
     * What other processes pass to {@link RecordStorage#joinBatch} to add records to this
     * {@link BatchMode#CREATE} batch — a write whose parts run on many machines (Spark executors)
     * and whose owner commits the layer with this batch: the staging directory, the write's own
     * key, or nothing where the layer id's claim makes the rows this writer's.
     *
     * @throws IllegalStateException for a batch that is not a create batch
     */
    String share();

    /**
     * Makes every record written durable and visible to readers of the location, then releases the
     * batch. A failure here means the batch is not durable: the core aborts and reports it.
     */
    @Override
    void close();

    /**
     * Discards the batch: what it holds (open files, buffers) and, for a {@link BatchMode#CREATE}
     * batch that was not published, every record it wrote — also after {@code close}, when the
     * layer's create did not take effect. It never removes records the batch did not write; records
     * a {@link BatchMode#REPLACE} batch already replaced stay replaced. Never throws for a batch that
     * is already gone.
     */
    void abort();
}
