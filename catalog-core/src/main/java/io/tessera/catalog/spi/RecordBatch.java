package io.tessera.catalog.spi;

/**
 * One write of records into one layer location. Records go in with {@link #write}, in the order
 * the backend's {@link RecordStorage#writeOrder()} asks for; {@link #close()} is the durability
 * point; {@link #abort()} discards. The core commits the layer's documents only after
 * {@code close} returned, and calls exactly one of {@code close} or {@code abort}.
 */
public interface RecordBatch extends AutoCloseable {

    /** Adds one record; see {@link WriteOrder} for the order and threads it may come in. */
    void write(long index, byte[] record);

    /**
     * Makes every record written durable and visible to readers of the location, then releases the
     * batch. A failure here means the batch is not durable: the core aborts and reports it.
     */
    @Override
    void close();

    /**
     * Ends a batch that will not be committed: the backend drops what it holds for it (open files,
     * buffers, temporary objects) and must not make more of it visible. Records already stored stay
     * where they are; the core removes a failed new layer's records with {@link RecordStorage#delete}.
     * Never throws for a batch that is already gone.
     */
    void abort();
}
