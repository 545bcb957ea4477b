package io.tessera.catalog.testkit.specimen;

import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.AttributeLayout;
import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.CommitOutcome;
import io.tessera.catalog.spi.LayerCommits;
import io.tessera.catalog.spi.LayerDocuments;
import io.tessera.catalog.spi.RangeReads;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.RecordStorage;
import io.tessera.catalog.spi.StoredRecord;
import io.tessera.catalog.spi.WriteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** One opened specimen catalog; see {@link SpecimenProvider}. */
final class SpecimenStorage implements CatalogStorage, AttributeStorage, LayerCommits, RecordStorage, RangeReads {

    private final String location;
    private final SpecimenStore store;

    SpecimenStorage(String location, SpecimenStore store) {
        this.location = location;
        this.store = store;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public String format() {
        return "specimen";
    }

    @Override
    public AttributeStorage attributes() {
        return this;
    }

    @Override
    public RecordStorage records() {
        return this;
    }

    @Override
    public LayerCommits commits() {
        return this;
    }

    @Override
    public void close() {
        // Nothing is held; the store lives as long as the JVM.
    }

    // ---- discrete attributes: one row per layer id, a document per attribute ----

    @Override
    public AttributeLayout layout() {
        return AttributeLayout.DISCRETE;
    }

    @Override
    public Optional<byte[]> read(LayerId id, String attribute) {
        NavigableMap<String, byte[]> row = store.row(id);
        synchronized (row) {
            return Optional.ofNullable(row.get(attribute)).map(byte[]::clone);
        }
    }

    @Override
    public Map<String, byte[]> read(LayerId id, Collection<String> attributes) {
        NavigableMap<String, byte[]> row = store.row(id);
        Map<String, byte[]> out = new LinkedHashMap<>();
        synchronized (row) {
            for (String a : attributes) {
                if (row.containsKey(a)) {
                    out.put(a, row.get(a).clone());
                }
            }
        }
        return out;
    }

    @Override
    public void write(LayerId id, String attribute, byte[] document) {
        NavigableMap<String, byte[]> row = store.row(id);
        synchronized (row) {
            row.put(attribute, document.clone());
        }
    }

    @Override
    public boolean delete(LayerId id, String attribute) {
        NavigableMap<String, byte[]> row = store.row(id);
        synchronized (row) {
            return row.remove(attribute) != null;
        }
    }

    @Override
    public List<String> attributes(LayerId id) {
        NavigableMap<String, byte[]> row = store.row(id);
        synchronized (row) {
            return new ArrayList<>(row.keySet());
        }
    }

    @Override
    public Set<LayerId> layersWith(String attribute) {
        Set<LayerId> ids = new HashSet<>();
        store.attributeRows.forEach((id, row) -> {
            synchronized (row) {
                if (row.containsKey(attribute)) {
                    ids.add(id);
                }
            }
        });
        return ids;
    }

    // ---- commits: atomic on the layer's row ----

    /** Publishes the writer's staged records and its documents together, under the layer's row. */
    @Override
    public CommitOutcome create(LayerId id, LayerDocuments documents, RecordBatch records) {
        if (!(records instanceof SpecimenBatch batch) || batch.mode != BatchMode.CREATE || !batch.closed) {
            throw new IllegalArgumentException("a create publishes a closed create batch of this catalog");
        }
        NavigableMap<String, byte[]> row = store.row(id);
        synchronized (row) {
            if (row.containsKey(LayerDocuments.PRESENCE)) {
                return CommitOutcome.CONFLICT;
            }
            ConcurrentSkipListMap<Long, byte[]> table = store.records(id);
            table.clear();
            table.putAll(batch.pending);
            batch.pending.clear();
            documents.names().forEach(n -> row.put(n, documents.get(n)));
            return CommitOutcome.COMMITTED;
        }
    }

    @Override
    public CommitOutcome replace(LayerId id, LayerDocuments expected, LayerDocuments replacement) {
        NavigableMap<String, byte[]> row = store.row(id);
        synchronized (row) {
            if (!holds(row, expected)) {
                return CommitOutcome.CONFLICT;
            }
            replacement.names().forEach(n -> row.put(n, replacement.get(n)));
            return CommitOutcome.COMMITTED;
        }
    }

    @Override
    public CommitOutcome replaceAll(LayerId id, LayerDocuments expected, LayerDocuments replacement,
            RecordBatch records) {
        if (!(records instanceof SpecimenBatch batch) || batch.mode != BatchMode.CREATE || !batch.closed) {
            throw new IllegalArgumentException("a reindex publishes a closed create batch of this catalog");
        }
        NavigableMap<String, byte[]> row = store.row(id);
        synchronized (row) {
            if (!holds(row, expected)) {
                return CommitOutcome.CONFLICT;
            }
            ConcurrentSkipListMap<Long, byte[]> table = store.records(id);
            table.clear();
            table.putAll(batch.pending);
            batch.pending.clear();
            replacement.names().forEach(n -> row.put(n, replacement.get(n)));
            return CommitOutcome.COMMITTED;
        }
    }

    @Override
    public CommitOutcome drop(LayerId id, LayerDocuments expected) {
        NavigableMap<String, byte[]> row = store.row(id);
        synchronized (row) {
            if (!holds(row, expected)) {
                return CommitOutcome.CONFLICT;
            }
            expected.names().forEach(row::remove);
            return CommitOutcome.COMMITTED;
        }
    }

    private static boolean holds(NavigableMap<String, byte[]> row, LayerDocuments expected) {
        for (String n : expected.names()) {
            if (!Arrays.equals(row.get(n), expected.get(n))) {
                return false;
            }
        }
        return true;
    }

    // ---- records: sorted batches, visible at close; native range scans; bounded deletes ----

    @Override
    public Map<String, String> newLocation(LayerId id) {
        return Map.of("tileTable", "tiles");
    }

    /** A layer's rows are where its id puts them: its reindex commit swaps them. */
    @Override
    public Map<String, String> replacementLocation(LayerId id, Map<String, String> current) {
        return current;
    }

    @Override
    public WriteOrder writeOrder() {
        return WriteOrder.ASCENDING_UNIQUE;
    }

    @Override
    public RecordBatch openBatch(RecordLocation layer, BatchMode mode) {
        requireTable(layer);
        return new SpecimenBatch(layer, mode, null);
    }

    /** Create batches shared with parts, by share id. */
    private static final Map<String, SpecimenBatch> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public RecordBatch joinBatch(RecordLocation layer, String share, int part) {
        requireTable(layer);
        SpecimenBatch owner = SHARED.get(share);
        if (owner == null || owner.ended) {
            throw new io.tessera.catalog.exceptions.CatalogException("the write of " + layer.layerId()
                    + " that this part belongs to is gone");
        }
        return new SpecimenBatch(layer, BatchMode.CREATE, owner);
    }

    /**
     * Records taken ascending and unique from one thread, invisible until published: a replace at
     * close, a create by its commit (a create's records are the writer's alone until then).
     */
    private final class SpecimenBatch implements RecordBatch {

        /** Stands for a deletion among the pending records. */
        private static final byte[] GONE = new byte[0];

        final BatchMode mode;
        final TreeMap<Long, byte[]> pending = new TreeMap<>();
        private final RecordLocation layer;
        /** The create batch this part adds its records to at close, or null. */
        private final SpecimenBatch owner;
        private Thread writer;
        private boolean ended;
        boolean closed;

        SpecimenBatch(RecordLocation layer, BatchMode mode, SpecimenBatch owner) {
            this.layer = layer;
            this.mode = mode;
            this.owner = owner;
        }

        @Override
        public String share() {
            if (mode != BatchMode.CREATE || owner != null) {
                throw new IllegalStateException("only a create batch can be shared");
            }
            String id = java.util.UUID.randomUUID().toString();
            SHARED.put(id, this);
            return id;
        }

        @Override
        public void write(long index, byte[] record) {
            add(index, record.clone());
        }

        @Override
        public void delete(long index) {
            if (mode == BatchMode.CREATE) {
                throw new IllegalStateException("a create batch has nothing to delete");
            }
            add(index, GONE);
        }

        private void add(long index, byte[] record) {
            if (ended) {
                throw new IllegalStateException("write after the batch ended");
            }
            if (writer == null) {
                writer = Thread.currentThread();
            } else if (writer != Thread.currentThread()) {
                throw new IllegalStateException("a sorted batch was written from two threads: " + writer.getName()
                        + " and " + Thread.currentThread().getName());
            }
            if (!pending.isEmpty() && index <= pending.lastKey()) {
                throw new IllegalStateException("records must come ascending and unique: " + index + " after "
                        + pending.lastKey());
            }
            pending.put(index, record);
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                closed = true;
                if (owner != null) {
                    synchronized (owner) {
                        for (Long index : pending.keySet()) {
                            if (owner.pending.containsKey(index)) {
                                throw new IllegalStateException("two parts of one write both wrote record " + index);
                            }
                        }
                        owner.pending.putAll(pending);
                    }
                }
                if (mode == BatchMode.REPLACE) {
                    Map<Long, byte[]> records = store.records(layer.layerId());
                    pending.forEach((index, record) -> {
                        if (record == GONE) {
                            records.remove(index);
                        } else {
                            records.put(index, record);
                        }
                    });
                    pending.clear();
                }
            }
        }

        @Override
        public void abort() {
            ended = true;
            pending.clear();
            SHARED.values().remove(this);
        }
    }

    @Override
    public Optional<byte[]> read(RecordLocation layer, long index) {
        requireTable(layer);
        return Optional.ofNullable(store.records(layer.layerId()).get(index)).map(byte[]::clone);
    }

    @Override
    public RecordCursor scan(RecordLocation layer, List<IndexRange> ranges) {
        requireTable(layer);
        ConcurrentSkipListMap<Long, byte[]> table = store.records(layer.layerId());
        Iterator<IndexRange> rangeIt = ranges.iterator();
        return new RecordCursor() {
            private Iterator<Map.Entry<Long, byte[]>> inRange = java.util.Collections.emptyIterator();
            private long previousEnd = Long.MIN_VALUE;

            @Override
            public boolean hasNext() {
                while (!inRange.hasNext() && rangeIt.hasNext()) {
                    IndexRange r = rangeIt.next();
                    if (r.start() <= previousEnd) {
                        throw new IllegalStateException("scan ranges must be sorted and disjoint: " + ranges);
                    }
                    previousEnd = r.end();
                    inRange = table.subMap(r.start(), true, r.end(), true).entrySet().iterator();
                }
                return inRange.hasNext();
            }

            @Override
            public StoredRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Map.Entry<Long, byte[]> e = inRange.next();
                return new StoredRecord(e.getKey(), e.getValue().clone());
            }

            @Override
            public void close() {
                // Nothing is held.
            }
        };
    }

    /** Removes only what lies in the layer's index ranges, as a table backend shared by many layers must. */
    @Override
    public void delete(RecordLocation layer) {
        requireTable(layer);
        ConcurrentSkipListMap<Long, byte[]> table = store.records(layer.layerId());
        for (IndexRange r : layer.indexRanges()) {
            table.subMap(r.start(), true, r.end(), true).clear();
        }
    }

    private static void requireTable(RecordLocation layer) {
        if (!"tiles".equals(layer.field("tileTable"))) {
            throw new IllegalArgumentException("layer " + layer.layerId() + " is not in the specimen's tile table");
        }
    }
}
