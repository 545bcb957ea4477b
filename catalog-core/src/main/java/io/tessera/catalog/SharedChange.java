package io.tessera.catalog;

import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.format.RecordInventory;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.store.LayerStore;
import java.util.Collection;
import java.util.Optional;

/**
 * An update or overwrite of an existing layer whose tiles many workers write at once — Spark
 * executors, say — and that this process commits once all of them are done. Begun with
 * {@link Catalog#beginSharedUpdate} or {@link Catalog#beginSharedOverwrite}, it runs in two rounds:
 * <ol>
 *   <li>every worker checks its part with {@link Catalog#checkPart} on {@link #ticket()} (nothing
 *       is written, so bad tiles anywhere change nothing);
 *   <li>{@link #hold} marks the layer as held by this change for exactly the records the parts
 *       reported; every worker then writes its part with {@link Catalog#writePart} on the ticket
 *       {@code hold} returned (the same tiles), and this process {@link #commit}s what they report.
 * </ol>
 * The guarantees of {@link Catalog#update} hold across the workers: other writers get a conflict
 * while the layer is held, readers see it whole before the commit, and a change that fails or is
 * abandoned ({@link #abort}, or {@link #close} without a commit) is rolled back from its journal —
 * every record any part wrote put back as it was. A part that runs again writes the same records:
 * it merges with the records as they were before the change, not as a first run left them. If this
 * process dies, the layer stays held until the next writer or a repair rolls it back.
 *
 * @param <K> the layer's key type
 */
public final class SharedChange<K extends LayerKey> implements AutoCloseable {

    private final LayerStore layers;
    private final LayerStore.PlannedChange<K> plan;
    private final WriteTicket<K> ticket;
    private Optional<LayerStore.HeldChange> held = Optional.empty();
    private WriteTicket<K> writeTicket;
    private boolean ended;

    SharedChange(LayerStore layers, LayerStore.PlannedChange<K> plan, WriteTicket<K> ticket) {
        this.layers = layers;
        this.plan = plan;
        this.ticket = ticket;
    }

    /** What every worker needs to check its part ({@link Catalog#checkPart}). */
    public WriteTicket<K> ticket() {
        return ticket;
    }

    /**
     * Marks the layer as held by this change for the records the checked parts reported; the
     * returned ticket is what workers write their parts with.
     *
     * @param checked what {@link Catalog#checkPart} reported, one per part number
     * @throws CatalogException when another writer changed or deleted the layer since the change began
     *     (the change is then over, and nothing was written)
     */
    public synchronized WriteTicket<K> hold(Collection<WrittenPart> checked) {
        requireOpen();
        if (writeTicket != null) {
            return writeTicket;
        }
        try {
            RecordInventory touched = WrittenPart.inventory(ticket.layer(), checked);
            if (touched.count() > 0) {
                LayerStore.HeldChange h = layers.hold(plan, touched);
                held = Optional.of(h);
                writeTicket = new WriteTicket<>(ticket.layer(), ticket.keyType(), h.marked().toJson().toString(), null,
                        Optional.empty(), ticket.level(), false, ticket.change().orElseThrow(), ticket.singlePart());
            } else {
                writeTicket = ticket;
            }
            return writeTicket;
        } catch (RuntimeException e) {
            ended = true;
            throw e;
        }
    }

    /**
     * Commits the change with what the parts wrote; every part must have closed (its
     * {@link Catalog#writePart} returned). The layer's metadata grows to the tiles' bounds and its
     * record inventory by the records written. On failure the change is rolled back.
     *
     * @param written what each part reported, one per part number
     * @throws IllegalArgumentException when two results share a part number (the change is rolled back)
     * @throws CatalogException when the layer was taken from this change (deleted, or repaired as abandoned)
     */
    @SuppressWarnings("unchecked")
    public synchronized void commit(Collection<WrittenPart> written) {
        requireOpen();
        if (writeTicket == null) {
            throw new IllegalStateException("the " + ticket + " was not held: check its parts and call hold first");
        }
        RecordInventory added;
        Optional<KeyBounds<K>> bounds = Optional.empty();
        try {
            added = WrittenPart.inventory(ticket.layer(), written);
            for (WrittenPart p : written) {
                Optional<KeyBounds<K>> b = p.bounds().map(x -> (KeyBounds<K>) x);
                if (b.isPresent()) {
                    bounds = Optional.of(bounds.map(x -> x.combine(b.get())).orElse(b.get()));
                }
            }
        } catch (RuntimeException e) {
            abort(e);
            throw e;
        }
        ended = true;
        layers.completeChange(plan, held, added, bounds);
    }

    /** Gives the change up: every record a part wrote is put back as it was, and the layer is released. */
    public synchronized void abort() {
        abort(null);
    }

    private void abort(RuntimeException cause) {
        if (ended) {
            return;
        }
        ended = true;
        if (held.isEmpty()) {
            return;
        }
        RuntimeException failure = cause != null ? cause : new IllegalStateException("abandoned");
        layers.rollBack(held.get(), failure);
        if (cause == null && failure.getSuppressed().length > 0) {
            throw new CatalogException("abandoning the " + ticket + " did not put the layer back: "
                    + failure.getSuppressed()[0].getMessage(), failure.getSuppressed()[0]);
        }
    }

    private void requireOpen() {
        if (ended) {
            throw new IllegalStateException("the " + ticket + " was already committed or abandoned");
        }
    }

    /** Rolls the change back unless it was committed. */
    @Override
    public synchronized void close() {
        abort();
    }

    @Override
    public String toString() {
        return ticket.toString();
    }
}
