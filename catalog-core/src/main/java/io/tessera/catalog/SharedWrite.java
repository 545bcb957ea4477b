package io.tessera.catalog;

import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.exceptions.LayerExistsException;
import io.tessera.catalog.format.RecordInventory;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.store.LayerStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A new layer whose tiles many workers write at once — Spark executors, say — and that this process
 * commits once all of them are done: Iceberg's pattern of workers writing and one commit publishing.
 * Begun with {@link Catalog#beginSharedWrite} (or, to rewrite a layer under another key index,
 * {@link Catalog#beginSharedReindex}, whose commit switches the layer to the new records at once); hand {@link #ticket()} to the workers, have each
 * write its part with {@link Catalog#writePart}, then {@link #commit} what they report. The
 * guarantees of {@link Catalog#write} hold across the workers: until the commit no part's records
 * are visible, and a write that fails or is abandoned ({@link #abort}, or {@link #close} without a
 * commit) leaves no layer and removes every part's records, including those of parts whose worker
 * died. On backends with claims the layer id stays claimed by this process until then.
 *
 * @param <K> the layer's key type
 */
public final class SharedWrite<K extends LayerKey> implements AutoCloseable {

    private final LayerStore layers;
    private final LayerStore.SharedCreate create;
    private final WriteTicket<K> ticket;
    private boolean ended;

    SharedWrite(LayerStore layers, LayerStore.SharedCreate create, WriteTicket<K> ticket) {
        this.layers = layers;
        this.create = create;
        this.ticket = ticket;
    }

    /** What every worker needs to write its part. */
    public WriteTicket<K> ticket() {
        return ticket;
    }

    /**
     * Commits the layer with the records the parts wrote; every part must have closed (its
     * {@link Catalog#writePart} returned). On failure the write is abandoned.
     *
     * @param parts what each part reported, one per part number
     * @throws LayerExistsException when another writer created the layer meanwhile
     * @throws IllegalArgumentException when two results share a part number, or, where parts need
     *     index spans, two parts' spans overlap (nothing is committed)
     */
    public synchronized void commit(Collection<WrittenPart> parts) {
        if (!create.isReindex()) {
            commitTogether(List.of(this), List.of(parts));
            return;
        }
        requireOpen();
        RecordInventory written;
        try {
            written = inventory(parts);
        } catch (RuntimeException e) {
            abort(e);
            throw e;
        }
        ended = true;
        layers.commitReindex(create, written);
    }

    /**
     * Commits several shared writes of one catalog — the levels of a pyramid — as one unit, as
     * {@link Catalog#writePyramid} does: none is visible until all are committed, and if one cannot
     * be, none stays.
     *
     * @param parts for each write, what its parts reported
     */
    public static <K extends LayerKey> void commitTogether(List<SharedWrite<K>> writes,
            List<? extends Collection<WrittenPart>> parts) {
        if (writes.size() != parts.size()) {
            throw new IllegalArgumentException(writes.size() + " writes but " + parts.size() + " lists of parts");
        }
        List<LayerStore.Staged> staged = new ArrayList<>();
        int i = 0;
        try {
            for (; i < writes.size(); i++) {
                SharedWrite<K> w = writes.get(i);
                if (w.create.isReindex()) {
                    throw new IllegalArgumentException("a reindex is committed on its own, not with other writes");
                }
                if (w.layers != writes.get(0).layers) {
                    throw new IllegalArgumentException("writes committed together must belong to one catalog");
                }
                w.requireOpen();
                RecordInventory written = w.inventory(parts.get(i));
                w.ended = true;
                staged.add(w.layers.finish(w.create, written));
            }
        } catch (RuntimeException e) {
            writes.get(0).layers.discard(staged, e);
            for (int j = i; j < writes.size(); j++) {
                writes.get(j).abort(e);
            }
            throw e;
        }
        writes.get(0).layers.publish(staged);
    }

    private RecordInventory inventory(Collection<WrittenPart> parts) {
        RecordInventory written = WrittenPart.inventory(ticket.layer(), parts);
        if (ticket.needsIndexSpans()) {
            List<IndexRange> spans = new ArrayList<>();
            for (WrittenPart p : parts) {
                if (!p.runs().isEmpty()) {
                    spans.add(new IndexRange(p.runs().get(0).start(), p.runs().get(p.runs().size() - 1).end()));
                }
            }
            spans.sort(Comparator.comparingLong(IndexRange::start));
            for (int i = 1; i < spans.size(); i++) {
                if (spans.get(i).start() <= spans.get(i - 1).end()) {
                    throw new IllegalArgumentException("parts of " + ticket.layer() + " overlap (indexes " + spans.get(i - 1)
                            + " and " + spans.get(i) + "): this catalog needs each part to hold its own span of"
                            + " indexes; partition the tiles by index range");
                }
            }
        }
        return written;
    }

    /** Abandons the write: no layer appears, and every part's records are removed. */
    public synchronized void abort() {
        abort(null);
    }

    private void abort(RuntimeException cause) {
        if (ended) {
            return;
        }
        ended = true;
        RuntimeException failure = cause != null ? cause : new IllegalStateException("abandoned");
        layers.abandon(create, failure);
        if (cause == null && failure.getSuppressed().length > 0) {
            throw new CatalogException("abandoning the write of " + ticket.layer() + " left records behind: "
                    + failure.getSuppressed()[0].getMessage(), failure.getSuppressed()[0]);
        }
    }

    private void requireOpen() {
        if (ended) {
            throw new IllegalStateException("the write of " + ticket.layer() + " was already committed or abandoned");
        }
    }

    /** Abandons the write unless it was committed. */
    @Override
    public synchronized void close() {
        abort();
    }
}
