package io.tessera.catalog.store;

import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.format.PendingChange;
import io.tessera.catalog.format.RecordInventory;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.RecordStorage;
import io.tessera.catalog.spi.StoredRecord;
import io.tessera.catalog.spi.WriterIdentity;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The undo journal of a change of a layer's records: before the first record is replaced, the
 * previous bytes of every record the change writes — or the fact that there was none — are stored
 * as records of a location of their own (the journal's layer id, {@code .journal-<change id>}, has
 * no documents, so no listing shows it), and closed. Rolling back writes them back and deletes what
 * the change added. A journal that lacks any touched index was never closed, so the change had not
 * reached the layer's records and there is nothing to put back.
 */
final class ChangeJournal {

    /** Stands for "no record here before the change": stored records are zlib streams, never one zero byte. */
    private static final byte[] ABSENT = {0};

    private final RecordStorage records;
    private final RecordSource source;
    private final LayerWriter writer;

    ChangeJournal(RecordStorage records, RecordSource source, LayerWriter writer) {
        this.records = records;
        this.source = source;
        this.writer = writer;
    }

    /** A new change of layer {@code id} by this process, writing records at {@code touched}. */
    PendingChange begin(LayerId id, RecordInventory touched) {
        String change = UUID.randomUUID().toString();
        return new PendingChange(change, WriterIdentity.current(), Instant.now(),
                records.newLocation(journalId(id, change)), touched, List.of());
    }

    private static LayerId journalId(LayerId layer, String change) {
        return new LayerId(".journal-" + change, layer.zoom());
    }

    private static RecordLocation location(LayerId layer, LayerDescriptor<?> d, PendingChange p) {
        RecordInventory touched = p.touched();
        return RecordLocation.of(journalId(layer, p.id()), p.journal(), d.indexWidth(), touched::ranges);
    }

    /** Stores the previous state of every record {@code p} touches; durable when this returns. */
    void save(LayerId id, LayerDescriptor<?> d, PendingChange p) {
        RecordLocation journal = location(id, d, p);
        RecordBatch batch = records.openBatch(journal, BatchMode.REPLACE);
        try (Stream<StoredRecord> before = source.everyIndex(Locations.of(id, d), p.touched().ranges(), ABSENT)) {
            writer.writeRecords(journal.layerId(), batch, records.writeOrder(), before);
            batch.close();
        } catch (RuntimeException e) {
            LayerStore.abort(batch, e);
            throw e;
        }
    }

    /**
     * Puts every record {@code p} touched back as the journal holds it.
     *
     * @return the indexes that had no record before the change (now deleted again), or empty when the
     *     journal is incomplete and the change never reached the records
     */
    Optional<RecordInventory> restore(LayerId id, LayerDescriptor<?> d, PendingChange p) {
        RecordLocation journal = location(id, d, p);
        long saved;
        try (Stream<StoredRecord> s = source.records(journal, p.touched().ranges(), null)) {
            saved = s.count();
        }
        if (saved < p.touched().count()) {
            return Optional.empty();
        }
        RecordInventory.Builder absent = new RecordInventory.Builder();
        RecordBatch batch = records.openBatch(Locations.of(id, d), BatchMode.REPLACE);
        try (Stream<StoredRecord> s = source.records(journal, p.touched().ranges(), null)) {
            // One thread, ascending: every backend's write order allows it.
            Iterator<StoredRecord> it = s.iterator();
            while (it.hasNext()) {
                StoredRecord r = it.next();
                if (Arrays.equals(r.bytes(), ABSENT)) {
                    batch.delete(r.index());
                    absent.add(r.index());
                } else {
                    batch.write(r.index(), r.bytes());
                }
            }
            batch.close();
        } catch (RuntimeException e) {
            LayerStore.abort(batch, e);
            throw e;
        }
        return Optional.of(absent.build());
    }

    /** Removes a change's journal; a pyramid write has none. */
    void discard(LayerId id, LayerDescriptor<?> d, PendingChange p) {
        if (!p.isPyramid()) {
            records.delete(location(id, d, p));
        }
    }
}
