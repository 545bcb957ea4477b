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
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * The undo journal of a change of a layer's records: before a record is replaced, its previous
 * bytes — or the fact that there was none — are stored as a record of a location of its own (the
 * journal's layer id, {@code .journal-<change id>}, has no documents, so no listing shows it), and
 * that batch is closed. Rolling back writes back every entry the journal holds and deletes what the
 * change added: an index without an entry was never written by the change, and an entry whose
 * record was not written yet puts back the bytes that are there.
 *
 * <p>A change may be written in parts by several processes, each saving the entries of its own
 * indexes before writing them. An entry, once saved, is never saved again, so a part that runs
 * again after writing some records still finds the records as they were before the change; its
 * merge reads them from here ({@link #before}), which makes a part's retry write the same records.
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

    /**
     * Stores the previous state of every record at {@code indexes} that has no entry yet; durable
     * when this returns.
     */
    void save(LayerId id, LayerDescriptor<?> d, PendingChange p, RecordInventory indexes) {
        RecordLocation journal = location(id, d, p);
        RecordInventory.Builder saved = new RecordInventory.Builder();
        try (Stream<StoredRecord> s = source.records(journal, indexes.ranges(), null)) {
            s.forEach(r -> saved.add(r.index()));
        }
        RecordInventory missing = indexes.minus(saved.build());
        if (missing.count() == 0) {
            return;
        }
        RecordBatch batch = records.openBatch(journal, BatchMode.REPLACE);
        try (Stream<StoredRecord> before = source.everyIndex(Locations.of(id, d), missing.ranges(), ABSENT)) {
            writer.writeRecords(journal.layerId(), batch, records.writeOrder(), before);
            batch.close();
        } catch (RuntimeException e) {
            LayerStore.abort(batch, e);
            throw e;
        }
    }

    /**
     * The record at an index as it was before change {@code p}, empty where there was none.
     *
     * @throws IllegalStateException for an index whose entry was not saved
     */
    LongFunction<Optional<byte[]>> before(LayerId id, LayerDescriptor<?> d, PendingChange p) {
        RecordLocation journal = location(id, d, p);
        return index -> {
            byte[] entry = source.read(journal, index).orElseThrow(() -> new IllegalStateException("the journal of "
                    + p.describe() + " on layer " + id + " has no entry for index " + index));
            return Arrays.equals(entry, ABSENT) ? Optional.empty() : Optional.of(entry);
        };
    }

    /**
     * Puts back every record the journal of {@code p} holds.
     *
     * @return the indexes that had no record before the change (now deleted again)
     */
    RecordInventory restore(LayerId id, LayerDescriptor<?> d, PendingChange p) {
        RecordLocation journal = location(id, d, p);
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
        return absent.build();
    }

    /** Removes a change's journal; a pyramid write has none. */
    void discard(LayerId id, LayerDescriptor<?> d, PendingChange p) {
        if (!p.isPyramid()) {
            records.delete(location(id, d, p));
        }
    }
}
