package io.tessera.catalog.store;

import io.tessera.catalog.codec.TileRecordCodec;
import io.tessera.catalog.codec.ValueClass;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.exceptions.CommitStateUnknownException;
import io.tessera.catalog.exceptions.LayerExistsException;
import io.tessera.catalog.exceptions.LayerNotFoundException;
import io.tessera.catalog.exceptions.LayerOutOfKeyBoundsException;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.format.LayerHeader;
import io.tessera.catalog.format.PendingChange;
import io.tessera.catalog.format.RecordInventory;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.index.KeyIndex;
import io.tessera.catalog.layout.GridBounds;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.model.VerifyReport;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.LayerClaims;
import io.tessera.catalog.spi.LayerDocuments;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordCopying;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.RecordStorage;
import io.tessera.catalog.spi.StoredRecord;
import io.tessera.catalog.spi.WriteOrder;
import io.tessera.catalog.spi.WriterIdentity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The one place where layers are created, read, changed, copied and removed on any backend: the
 * commit protocol over the storage contract.
 *
 * <ul>
 *   <li>Create: refuse if the layer exists; write every record through one {@link RecordBatch}
 *       private to this writer; close it (durable); commit the layer's documents with
 *       {@code LayerCommits.create}, which publishes the batch. A failure, or another writer's
 *       create winning, aborts the batch: no layer appears and no other writer's record is touched.
 *   <li>Update and overwrite: read the layer's documents, write the merged records through a
 *       {@link BatchMode#REPLACE} batch, then compare-and-set the documents.
 *   <li>Delete: drop the documents first (the layer disappears at once), then the records, then the
 *       user attributes.
 *   <li>Copy: the same create path, fed with the source's records as they are (or a backend copy
 *       when both sides are this storage), or with its tiles under a new key index.
 * </ul>
 */
public final class LayerStore implements AutoCloseable {

    private static final int CHUNK = 64;

    private final CatalogStorage storage;
    private final Attributes attributes;
    private final Commits commits;
    private final ExecutorService pool;
    private final ExecutorService encoders;
    private final LayerReader reader;
    private final LayerWriter writer;
    private final LayerVerifier verifier;
    private final ChangeJournal journal;
    private final Claims claims;

    /**
     * @param parallelism how many record reads and writes run at once
     * @param compressionLevel the zlib level records are deflated at unless a write names another
     */
    public LayerStore(CatalogStorage storage, int parallelism, int compressionLevel) {
        this.storage = storage;
        this.attributes = new Attributes(storage.attributes(), storage.location());
        this.commits = new Commits(storage.commits(), storage.attributes(), storage.location());
        this.pool = Executors.newFixedThreadPool(parallelism, daemonThreads("tessera-io-"));
        this.encoders = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                daemonThreads("tessera-encode-"));
        // Results come out in index order, so a window only twice the pool let one slow record hold back
        // the rest: a whole-layer read was 5-7% slower with 8 records ahead than with 16 or more.
        RecordSource source = new RecordSource(storage.records(), pool, parallelism * 4);
        this.reader = new LayerReader(source);
        this.writer = new LayerWriter(source, pool, new WritePipeline(pool, encoders), Math.max(CHUNK, parallelism * 4),
                LayerWriter.SORT_BUDGET_BYTES, compressionLevel);
        this.verifier = new LayerVerifier(reader);
        this.journal = new ChangeJournal(storage.records(), source, writer);
        this.claims = new Claims(storage.commits() instanceof LayerClaims c ? Optional.of(c) : Optional.empty(),
                storage.location());
    }

    /** Where the catalog is. */
    public String location() {
        return storage.location();
    }

    /** The catalog's attributes. */
    public Attributes attributes() {
        return attributes;
    }

    /**
     * A layer's definition.
     *
     * @throws LayerNotFoundException when the layer does not exist
     */
    public LayerDescriptor<?> definition(LayerId id) {
        return attributes.definition(id);
    }

    /**
     * A layer's definition read from storage, never the cache (which then holds it).
     *
     * @throws LayerNotFoundException when the layer does not exist
     */
    public LayerDescriptor<?> storedDefinition(LayerId id) {
        return attributes.current(id).descriptor();
    }

    // ---- reading ----

    /** The tile of one key, or empty. */
    public <K extends LayerKey> Optional<MultibandTile> readValue(LayerId id, LayerDescriptor<K> d, K key) {
        return reader.readValue(id, d, key, index -> lost(id, d, index));
    }

    /** The exact number of records of a layer, when it has a record inventory. */
    public OptionalLong recordCount(LayerId id) {
        return attributes.definition(id).inventory().map(i -> OptionalLong.of(i.count()))
                .orElse(OptionalLong.empty());
    }

    /** Ends a read that met a record the layer's inventory lists but the storage lacks. */
    private void lost(LayerId id, LayerDescriptor<?> d, long index) {
        requireUnchanged(id, d);
        throw new CatalogException("layer " + id + " in " + location() + " has lost its record " + index + " (its record"
                + " inventory lists it): the layer is damaged; run verify on it, then write those tiles again or delete it");
    }

    /**
     * The tiles whose keys lie in any of {@code query}, streamed. When the stream has run to its end
     * the layer's definition is read again: if the layer was deleted or rewritten meanwhile, the
     * stream ends with an error instead of a partial result that looks complete.
     */
    public <K extends LayerKey> Stream<KeyedTile<K>> read(LayerId id, LayerDescriptor<K> d, List<KeyBounds<K>> query) {
        return read(id, d, query, LayerReader.ranges(d, query));
    }

    /**
     * The index ranges a read of {@code query} asks for (narrowed to the record inventory's runs
     * where the layer has one), for cutting the read into pieces read apart ({@link #read(LayerId,
     * LayerDescriptor, List, List)}).
     */
    public <K extends LayerKey> List<IndexRange> ranges(LayerId id, LayerDescriptor<K> d, List<KeyBounds<K>> query) {
        if (d.pending().isPresent()) {
            throw busy(id, d.pending().get());
        }
        return LayerReader.ranges(d, query);
    }

    /**
     * {@link #read(LayerId, LayerDescriptor, List)} of only {@code ranges}, a piece of
     * {@link #ranges} of the same query: one split of a parallel read.
     */
    public <K extends LayerKey> Stream<KeyedTile<K>> read(LayerId id, LayerDescriptor<K> d, List<KeyBounds<K>> query,
            List<IndexRange> ranges) {
        if (d.pending().isPresent()) {
            // Half of the change's records may be written: a whole-layer read would mix both versions.
            throw busy(id, d.pending().get());
        }
        // Checked when asked for an element after the last tile, not before (Stream.concat sizes its parts early).
        Spliterator<KeyedTile<K>> atEnd = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(java.util.function.Consumer<? super KeyedTile<K>> action) {
                requireUnchanged(id, d);
                return false;
            }
        };
        return Stream.concat(reader.read(id, d, query, ranges, index -> lost(id, d, index)),
                StreamSupport.stream(atEnd, false));
    }

    private void requireUnchanged(LayerId id, LayerDescriptor<?> read) {
        LayerDescriptor<?> now;
        try {
            now = attributes.current(id).descriptor();
        } catch (LayerNotFoundException e) {
            throw new CatalogException("layer " + id + " in " + location() + " was deleted while it was being read;"
                    + " the tiles read so far are not the whole layer", e);
        }
        if (!now.toJson().equals(read.toJson())) {
            throw new CatalogException("layer " + id + " in " + location() + " was changed by another writer while it"
                    + " was being read; the tiles read may mix both versions: read it again");
        }
    }

    /** Decodes every record of a layer and checks it. */
    public VerifyReport verify(LayerId id) {
        // As stored now, not as cached: another process may have changed or marked the layer.
        return verifier.verify(id, attributes.current(id).descriptor());
    }

    // ---- creating ----

    /**
     * Creates a layer from tiles.
     *
     * @throws LayerExistsException when the layer exists (checked first, and again at the commit)
     */
    public <K extends LayerKey> void create(LayerId id, KeyType keyType, ValueClass valueClass, TileLayerMetadata<K> md,
            KeyIndex<K> index, Supplier<Stream<KeyedTile<K>>> tiles, OptionalInt level) {
        publish(stage(id, keyType, valueClass, md, index, tiles, level));
    }

    /** The definition of a layer whose records go to {@code location} (header location fields). */
    private <K extends LayerKey> LayerDescriptor<K> descriptor(LayerId id, KeyType keyType, ValueClass valueClass,
            TileLayerMetadata<K> md, KeyIndex<K> index, Map<String, String> location) {
        @SuppressWarnings("unchecked")
        TileRecordCodec<K> codec = TileRecordCodec.forLayer((Class<K>) keyType.javaType(), valueClass);
        return new LayerDescriptor<>(LayerHeader.avro(storage.format(), keyType, valueClass.className(), location), md,
                index, codec.schema());
    }

    private <K extends LayerKey> RecordInventory fillWithTiles(LayerId id, LayerDescriptor<K> d,
            TileLayerMetadata<K> md, Supplier<Stream<KeyedTile<K>>> tiles, OptionalInt level, RecordLocation loc,
            RecordBatch batch) {
        LayerWriter w = level.isPresent() ? writer.atLevel(level.getAsInt()) : writer;
        try (Stream<KeyedTile<K>> s = tiles.get()) {
            return w.write(id, d, loc, batch, storage.records().writeOrder(), s, LayerWriter.Mode.CREATE, (a, b) -> b,
                    md.keyBounds());
        }
    }

    /** Fills a new layer's location; the batch is closed by the caller. */
    @FunctionalInterface
    private interface Fill {
        /** @return the indexes written */
        RecordInventory into(RecordLocation loc, RecordBatch batch);
    }

    private <K extends LayerKey> void create(LayerId id, LayerDescriptor<K> d, Fill fill) {
        publish(stage(id, d, fill));
    }

    /** A new layer whose records are stored, private to this writer, and not yet committed. */
    public static final class Staged {
        private final LayerId id;
        private final LayerDescriptor<?> descriptor;
        private final RecordBatch batch;
        private final Claims.Held claim;
        /** True when parts in other processes wrote records through the batch ({@link #beginShared}). */
        private final boolean shared;

        private Staged(LayerId id, LayerDescriptor<?> descriptor, RecordBatch batch, Claims.Held claim, boolean shared) {
            this.id = id;
            this.descriptor = descriptor;
            this.batch = batch;
            this.claim = claim;
            this.shared = shared;
        }
    }

    /**
     * Stores a new layer's tiles without committing it, for {@link #publish(List)} with others.
     *
     * @throws LayerExistsException when the layer exists (checked first, and again at the commit)
     */
    public <K extends LayerKey> Staged stage(LayerId id, KeyType keyType, ValueClass valueClass,
            TileLayerMetadata<K> md, KeyIndex<K> index, Supplier<Stream<KeyedTile<K>>> tiles, OptionalInt level) {
        LayerDescriptor<K> d = descriptor(id, keyType, valueClass, md, index, storage.records().newLocation(id));
        return stage(id, d, (loc, batch) -> fillWithTiles(id, d, md, tiles, level, loc, batch));
    }

    private <K extends LayerKey> Staged stage(LayerId id, LayerDescriptor<K> d, Fill fill) {
        requireAbsent(List.of(id));
        Claims.Held claim = claim(id, d);
        try {
            // Again: the writer this one waited for may have created it.
            requireAbsent(List.of(id));
            return stageRecords(id, d, fill, claim);
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
    }

    /** Stores a layer's records in a create batch, whatever exists under its id now, under {@code claim}. */
    private <K extends LayerKey> Staged stageRecords(LayerId id, LayerDescriptor<K> d, Fill fill, Claims.Held claim) {
        RecordLocation loc = Locations.of(id, d);
        RecordBatch batch = storage.records().openBatch(loc, BatchMode.CREATE);
        RecordInventory written;
        try {
            written = fill.into(loc, batch);
            batch.close();
        } catch (RuntimeException e) {
            abort(batch, e);
            throw e;
        }
        return new Staged(id, d.withInventory(Optional.of(written)), batch, claim, false);
    }

    /**
     * Takes the claim on a layer id's rows where the backend needs one ({@link LayerClaims}). From a
     * writer that died holding it, this writer inherits the clean-up: the rows that writer wrote, unless
     * they are the layer's now (it committed, or it died before it removed anything).
     */
    private Claims.Held claim(LayerId id, LayerDescriptor<?> d) {
        return claims.take(id, d, dead -> {
            RecordLocation theirs = Locations.of(id, dead.layer());
            Map<String, byte[]> stored = storage.attributes().read(id, attributes.definitions().storedNames());
            boolean theLayers;
            try {
                theLayers = attributes.definitions().read(id, stored, location())
                        .map(now -> Locations.of(id, now).fields().equals(theirs.fields())).orElse(false);
            } catch (CatalogException damaged) {
                // Its rows may be the damaged layer's: they stay until it is deleted.
                theLayers = true;
            }
            if (!theLayers) {
                storage.records().delete(theirs);
            }
        });
    }

    /**
     * Commits staged layers (the levels of a pyramid) as one unit: none is committed until all are
     * staged; each is then created marked as held by this write ({@link PendingChange#pyramid}),
     * and only when all exist are the marks removed. When one cannot be created, the ones created
     * before it are deleted again and the rest discarded. A writer killed in between leaves marked
     * levels: the next writer of one of them (a re-run of the same pyramid, say), or
     * {@link #repair}, finishes the pyramid when all its levels exist and removes them otherwise.
     *
     * @throws LayerExistsException when another writer created one of them meanwhile
     */
    public void publish(List<Staged> staged) {
        if (staged.size() == 1) {
            publish(staged.get(0));
            return;
        }
        PendingChange mark = PendingChange.pyramid(UUID.randomUUID().toString(), WriterIdentity.current(),
                Instant.now(), staged.stream().map(s -> s.id.zoom()).toList());
        List<LayerDocuments> created = new ArrayList<>();
        for (int i = 0; i < staged.size(); i++) {
            Staged s = staged.get(i);
            LayerDocuments held = attributes.definitions().documents(s.id, s.descriptor.withPending(Optional.of(mark)));
            try {
                create(s, held);
                created.add(held);
            } catch (RuntimeException e) {
                s.claim.close();
                discard(staged.subList(i + 1, staged.size()), e);
                if (!(e instanceof CommitStateUnknownException)) {
                    deleteAll(staged.subList(0, created.size()), e);
                }
                throw e;
            }
            // Created (marked as this pyramid's), the level is safe from other creators without it.
            s.claim.close();
        }
        try {
            for (int i = 0; i < staged.size(); i++) {
                Staged s = staged.get(i);
                LayerDocuments done = attributes.definitions().documents(s.id, s.descriptor);
                s.descriptor.inventory().ifPresent(inv -> attributes.writeInventory(s.id, done, inv));
                if (commits.replace(s.id, created.get(i), done) == Commits.Result.CONFLICT) {
                    throw new CatalogException("layer " + s.id + " in " + location() + " was taken from this pyramid"
                            + " write while it ran (deleted, or repaired as abandoned)");
                }
                attributes.committed(s.id, s.descriptor);
            }
        } catch (RuntimeException e) {
            if (!(e instanceof CommitStateUnknownException)) {
                deleteAll(staged, e);
            }
            throw e;
        }
    }

    private void deleteAll(List<Staged> staged, RuntimeException failure) {
        for (Staged s : staged) {
            try {
                delete(s.id);
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
        }
    }

    /** Discards staged layers that will not be published. */
    public void discard(List<Staged> staged, RuntimeException failure) {
        for (Staged s : staged) {
            abortRecords(s.id, s.descriptor, s.batch, s.shared, failure);
            s.claim.close();
        }
    }

    /**
     * A create whose records parts in other processes write ({@link #writePart}) and that this
     * process commits: from {@link #beginShared} until {@link #finish} or {@link #abandon}, the layer
     * id's claim is held (where the backend has claims) and the create batch is open.
     */
    public static final class SharedCreate {
        private final LayerId id;
        private final LayerDescriptor<?> descriptor;
        private final RecordBatch batch;
        private final Claims.Held claim;
        private final String share;
        /** For a reindex, the layer as it was when the reindex began; null for a create. */
        private final Attributes.Current replaces;

        /** The id of the claim the owner holds, which parts check before and after writing; empty without claims. */
        public Optional<String> claimId() {
            return claim.claimId();
        }

        private SharedCreate(LayerId id, LayerDescriptor<?> descriptor, RecordBatch batch, Claims.Held claim,
                String share, Attributes.Current replaces) {
            this.id = id;
            this.descriptor = descriptor;
            this.batch = batch;
            this.claim = claim;
            this.share = share;
            this.replaces = replaces;
        }

        /** True for a reindex, which {@link #commitReindex} ends; false for a create, which {@link #publish} ends. */
        public boolean isReindex() {
            return replaces != null;
        }

        /** The new layer's definition, with the location its records go to. */
        public LayerDescriptor<?> descriptor() {
            return descriptor;
        }

        /** What parts pass to {@link RecordStorage#joinBatch}. */
        public String share() {
            return share;
        }
    }

    /**
     * Begins a create whose tiles other processes write: checks the layer is absent, takes the claim
     * and opens the create batch that parts join.
     *
     * @throws LayerExistsException when the layer exists
     */
    public <K extends LayerKey> SharedCreate beginShared(LayerId id, KeyType keyType, ValueClass valueClass,
            TileLayerMetadata<K> md, KeyIndex<K> index) {
        LayerDescriptor<K> d = descriptor(id, keyType, valueClass, md, index, storage.records().newLocation(id));
        requireAbsent(List.of(id));
        Claims.Held claim = claim(id, d);
        try {
            requireAbsent(List.of(id));
            return openShared(id, d, claim, null);
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
    }

    /**
     * Begins a reindex whose records other processes write (reading the layer as it is): the new
     * records go where {@link #reindex} stages them, and {@link #commitReindex} switches the layer to
     * them in one commit.
     *
     * @throws LayerNotFoundException when the layer does not exist
     */
    public <K extends LayerKey> SharedCreate beginSharedReindex(LayerId id, KeyIndex<K> index) {
        Attributes.Current current = settled(id);
        LayerDescriptor<K> d = reindexed(id, current, index);
        Claims.Held claim = claim(id, d);
        try {
            return openShared(id, d, claim, current);
        } catch (RuntimeException e) {
            claim.close();
            throw e;
        }
    }

    private SharedCreate openShared(LayerId id, LayerDescriptor<?> d, Claims.Held claim, Attributes.Current replaces) {
        RecordBatch batch = storage.records().openBatch(Locations.of(id, d), BatchMode.CREATE);
        try {
            return new SharedCreate(id, d, batch, claim, batch.share(), replaces);
        } catch (RuntimeException e) {
            abort(batch, e);
            throw e;
        }
    }

    /**
     * Ends a shared reindex whose parts all closed: switches the layer to the new records in one
     * commit, as {@link #reindex} does.
     *
     * @param written the indexes every part wrote
     * @throws CatalogException when another writer changed or deleted the layer meanwhile
     */
    public void commitReindex(SharedCreate c, RecordInventory written) {
        Staged staged = finish(c, written);
        try (Claims.Held claim = staged.claim) {
            reindex(c.id, c.replaces, c.replaces.descriptor(), staged.descriptor, staged);
        }
    }

    /**
     * Writes one part of a shared create: every tile checked against the layer {@code d} defines,
     * the tiles of each index made one record, stored through a part of the batch {@code share}
     * names and closed (durable).
     *
     * @return the indexes written
     * @throws LayerOutOfKeyBoundsException when a key lies outside the layer's bounds
     * @throws IllegalArgumentException when a tile does not match the layer
     */
    public <K extends LayerKey> RecordInventory writePart(LayerId id, LayerDescriptor<K> d, String share,
            Optional<String> claimId, int part, Stream<KeyedTile<K>> tiles, OptionalInt level) {
        RecordLocation loc = Locations.of(id, d);
        requireOwnerHolds(id, claimId);
        RecordBatch batch = storage.records().joinBatch(loc, share, part);
        LayerWriter w = level.isPresent() ? writer.atLevel(level.getAsInt()) : writer;
        try {
            RecordInventory written = w.writeGrouped(id, d, loc, batch, storage.records().writeOrder(), tiles,
                    d.metadata().keyBounds());
            batch.close();
            // An owner that gave up while this part ran has already removed the rows it knew of.
            requireOwnerHolds(id, claimId);
            return written;
        } catch (RuntimeException e) {
            abort(batch, e);
            throw e;
        }
    }

    private void requireOwnerHolds(LayerId id, Optional<String> claimId) {
        if (claimId.isPresent() && !claims.stillHeld(id, claimId.get())) {
            throw new CatalogException("the write of layer " + id + " in " + location() + " that this part belongs to"
                    + " is gone (aborted or committed): its owner no longer holds the layer's claim");
        }
    }

    /**
     * True when the parts of a shared create must each write one span of indexes no other part
     * touches, ascending ({@link WriteOrder#ASCENDING_UNIQUE}); otherwise parts only need every tile
     * of an index in the same part.
     */
    public boolean partsNeedIndexSpans() {
        return storage.records().writeOrder() == WriteOrder.ASCENDING_UNIQUE;
    }

    /**
     * True when a change written in parts must be written by one part: the backend's replacing
     * batches of one layer cannot run at once ({@link WriteOrder#ASCENDING_UNIQUE}: HDFS rewrites
     * the MapFiles a batch touches).
     */
    public boolean changesTakeOnePart() {
        return storage.records().writeOrder() == WriteOrder.ASCENDING_UNIQUE;
    }

    /**
     * Ends a shared create whose parts all closed, ready for {@link #publish(List)}.
     *
     * @param written the indexes every part wrote
     */
    public Staged finish(SharedCreate c, RecordInventory written) {
        try {
            c.batch.close();
        } catch (RuntimeException e) {
            abandon(c, e);
            throw e;
        }
        return new Staged(c.id, c.descriptor.withInventory(Optional.of(written)), c.batch, c.claim, true);
    }

    /**
     * Gives up a shared create: its batch (and with it the parts' records) aborted and the claim
     * released. Under the claim every record at the new layer's location is this write's, so on
     * backends with claims they are all deleted: a killed part's rows are known to no one.
     */
    public void abandon(SharedCreate c, RuntimeException failure) {
        abortRecords(c.id, c.descriptor, c.batch, true, failure);
        c.claim.close();
    }

    /**
     * Aborts a create batch that will not be published; for a shared one on a backend with claims
     * (called while the claim is held), also deletes every record at its location.
     */
    private void abortRecords(LayerId id, LayerDescriptor<?> d, RecordBatch batch, boolean shared,
            RuntimeException failure) {
        abort(batch, failure);
        if (shared && storage.commits() instanceof LayerClaims) {
            try {
                storage.records().delete(Locations.of(id, d));
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
        }
    }

    private void publish(Staged s) {
        LayerDocuments documents = attributes.definitions().documents(s.id, s.descriptor);
        try {
            create(s, documents);
        } finally {
            s.claim.close();
        }
        // Written after the commit, by its winner only; one left by a layer of this id before is stale
        // (it names other documents). The layer is committed and whole whatever happens here: without
        // its inventory it reads as a GeoTrellis-written layer does, so a failure is not the writer's.
        try {
            s.descriptor.inventory().ifPresent(i -> attributes.writeInventory(s.id, documents, i));
            attributes.committed(s.id, s.descriptor);
        } catch (RuntimeException withoutInventory) {
            attributes.changed(s.id);
        }
    }

    /**
     * Commits a staged layer with {@code documents}, publishing its records.
     *
     * @throws LayerExistsException when another writer's create won (the batch is aborted)
     */
    private void create(Staged s, LayerDocuments documents) {
        LayerId id = s.id;
        // Outside the try: a writer that lost its claim leaves its rows to the writer that took the
        // claim over, which removed them and may have written its own where they were.
        s.claim.requireHeld(location());
        Commits.Result result;
        try {
            result = commits.create(id, documents, s.batch);
        } catch (CommitStateUnknownException e) {
            // The records may be the layer's now: they stay.
            throw e;
        } catch (RuntimeException e) {
            abortRecords(id, s.descriptor, s.batch, s.shared, e);
            throw e;
        }
        if (result == Commits.Result.CONFLICT) {
            // Another writer's layer won; this writer's records were never published and go.
            attributes.changed(id);
            LayerExistsException lost = new LayerExistsException(id, location());
            abort(s.batch, lost);
            throw lost;
        }
    }

    /** Aborts a batch after {@code failure}, which keeps any failure of the abort as suppressed. */
    static void abort(RecordBatch batch, RuntimeException failure) {
        try {
            batch.abort();
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    private LayerHeader newHeader(LayerId id, KeyType keyType, String valueClass) {
        return LayerHeader.avro(storage.format(), keyType, valueClass, storage.records().newLocation(id));
    }

    // ---- changing ----

    /** How {@link #change} treats records already stored at the indexes it writes. */
    public enum Change {
        /** Existing tiles of the same key are merged with the new ones. */
        UPDATE,
        /** Each touched record is replaced by the new tiles only. */
        OVERWRITE
    }

    /**
     * A change checked against its layer, not begun: the layer as it was read and the metadata it
     * will have.
     *
     * @param <K> the layer's key type
     */
    public static final class PlannedChange<K extends LayerKey> {
        private final LayerId id;
        private final Attributes.Current current;
        private final LayerDescriptor<K> descriptor;
        private final TileLayerMetadata<K> metadata;

        private PlannedChange(LayerId id, Attributes.Current current, LayerDescriptor<K> descriptor,
                TileLayerMetadata<K> metadata) {
            this.id = id;
            this.current = current;
            this.descriptor = descriptor;
            this.metadata = metadata;
        }

        /** The layer as it was when the change was planned. */
        public LayerDescriptor<K> descriptor() {
            return descriptor;
        }
    }

    /**
     * A change that holds its layer: the layer is marked as changed by it ({@link PendingChange}),
     * and records it writes are saved in its journal first.
     */
    public static final class HeldChange {
        private final LayerId id;
        private final LayerDescriptor<?> marked;
        private final LayerDocuments markedDocs;

        private HeldChange(LayerId id, LayerDescriptor<?> marked, LayerDocuments markedDocs) {
            this.id = id;
            this.marked = marked;
            this.markedDocs = markedDocs;
        }

        /** The layer's definition with the change's mark, which parts write under. */
        public LayerDescriptor<?> marked() {
            return marked;
        }
    }

    /**
     * Checks a change of an existing layer before anything is touched.
     *
     * @return empty for an update with no bounds, which changes nothing
     * @throws LayerNotFoundException when the layer does not exist
     * @throws LayerOutOfKeyBoundsException when the update's bounds reach outside the key index's
     * @throws IllegalArgumentException for another key type, layout or CRS
     */
    public <K extends LayerKey> Optional<PlannedChange<K>> planChange(LayerId id, Class<K> keyType,
            TileLayerMetadata<K> update) {
        Attributes.Current current = settled(id);
        LayerDescriptor<K> d = typed(id, current.descriptor(), keyType);
        Optional<KeyBounds<K>> updateBounds = update.bounds();
        if (updateBounds.isEmpty()) {
            return Optional.empty();
        }
        KeyBounds<K> indexBounds = d.keyIndex().keyBounds();
        if (!indexBounds.contains(updateBounds.get())) {
            K outside = indexBounds.includes(updateBounds.get().minKey()) ? updateBounds.get().maxKey()
                    : updateBounds.get().minKey();
            throw new LayerOutOfKeyBoundsException(id, outside, indexBounds);
        }
        TileRecordCodec<K> codec = TileRecordCodec.forLayer(keyType, ValueClass.fromClassName(d.header().valueClass()));
        if (!codec.isDirect(d.schema())) {
            throw new CatalogException("layer " + id + " was written with a different record schema than this library"
                    + " writes; copy it to a new layer (which re-encodes it) and update that");
        }
        // Checked before any tile is written: a layout or CRS that differs must not leave tiles behind.
        TileLayerMetadata<K> md;
        try {
            md = d.metadata().merge(update.withCellType(d.metadata().cellType()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot update layer " + id + ": " + e.getMessage(), e);
        }
        return Optional.of(new PlannedChange<>(id, current, d, md));
    }

    /**
     * Merges or overwrites tiles of an existing layer; an update with no bounds changes nothing.
     *
     * <p>Every tile is checked and parked before the first record is touched. Then the layer is
     * marked as held by this change ({@link #hold}), the previous state of every record it writes is
     * saved in a journal, the records are written, and the layer's documents are replaced without
     * the mark ({@link #completeChange}). A failure on the way puts the journal back; a writer that
     * dies leaves the mark, and the next writer (or {@link #repair}) puts it back.
     *
     * @throws LayerNotFoundException when the layer does not exist
     * @throws LayerOutOfKeyBoundsException when the update's bounds reach outside the key index's bounds; checked first
     * @throws IllegalArgumentException for another key type, layout or CRS; checked first
     */
    public <K extends LayerKey> void change(LayerId id, Class<K> keyType, TileLayerMetadata<K> update,
            Supplier<Stream<KeyedTile<K>>> tiles, Change how, BinaryOperator<MultibandTile> merge) {
        Optional<PlannedChange<K>> planned = planChange(id, keyType, update);
        if (planned.isEmpty()) {
            return;
        }
        LayerDescriptor<K> d = planned.get().descriptor;
        Optional<HeldChange> held = Optional.empty();
        WriteCoverage<K> parked;
        RecordInventory added = RecordInventory.ofRuns(List.of());
        try (TileSorter<K> sorter = writer.sorter(d)) {
            // Every tile is checked and parked before the first record is touched, so bad input
            // anywhere in the update changes nothing.
            try (Stream<KeyedTile<K>> s = tiles.get()) {
                parked = writer.park(id, d, s, d.keyIndex().keyBounds(), sorter::add);
            }
            if (parked.bounds().isPresent()) {
                HeldChange h = hold(planned.get(), parked.indexes());
                held = Optional.of(h);
                try {
                    added = writeHeld(id, d, h.marked.pending().orElseThrow(), parked.indexes(), sorter.sorted(), how,
                            merge, writer);
                } catch (RuntimeException e) {
                    rollBack(h, e);
                    throw e;
                }
            }
        }
        completeChange(planned.get(), held, added, parked.bounds());
    }

    /**
     * Marks the layer as held by a new change that writes records at {@code touched}: committed like
     * any change of its documents, so a concurrent writer gets a conflict instead of mixing its tiles in.
     *
     * @throws CatalogException when another writer changed or deleted the layer since it was planned
     */
    public HeldChange hold(PlannedChange<?> c, RecordInventory touched) {
        PendingChange p = journal.begin(c.id, touched);
        LayerDescriptor<?> marked = c.descriptor.withPending(Optional.of(p));
        LayerDocuments markedDocs = attributes.definitions().documents(c.id, marked);
        if (commits.replace(c.id, c.current.documents(), markedDocs) == Commits.Result.CONFLICT) {
            attributes.changed(c.id);
            throw new CatalogException("layer " + c.id + " in " + location() + " was changed or deleted by another"
                    + " writer before this update began; nothing was written: look at it again and retry");
        }
        attributes.committed(c.id, marked);
        return new HeldChange(c.id, marked, markedDocs);
    }

    /**
     * Writes the records of a held change at {@code indexes} from sorted groups of tiles: their
     * previous state saved in the journal first, each merged with that state (not with what the
     * layer holds now, so a part written again writes the same records).
     *
     * @return the indexes written
     */
    private <K extends LayerKey> RecordInventory writeHeld(LayerId id, LayerDescriptor<K> d, PendingChange p,
            RecordInventory indexes, Iterator<TileSorter.Group<K>> groups, Change how,
            BinaryOperator<MultibandTile> merge, LayerWriter w) {
        journal.save(id, d, p, indexes);
        RecordBatch batch = storage.records().openBatch(Locations.of(id, d), BatchMode.REPLACE);
        try {
            RecordInventory added = w.drain(id, d, journal.before(id, d, p), batch, storage.records().writeOrder(),
                    groups, how == Change.UPDATE ? LayerWriter.Mode.UPDATE : LayerWriter.Mode.OVERWRITE, merge);
            batch.close();
            return added;
        } catch (RuntimeException e) {
            abort(batch, e);
            throw e;
        }
    }

    /**
     * Checks one part of a change that other processes write, writing nothing: every tile against
     * the layer.
     *
     * @return the keys' bounds and the indexes the part would write
     */
    public <K extends LayerKey> WriteCoverage<K> checkPart(LayerId id, LayerDescriptor<K> d, Stream<KeyedTile<K>> tiles) {
        return writer.park(id, d, tiles, d.keyIndex().keyBounds(), t -> { });
    }

    /**
     * Writes one part of a held change: the tiles checked and parked, their records' previous state
     * saved in the change's journal (entries a run of this part before saved stay), then the records
     * written through a batch of their own and closed. Other parts write other indexes; the owner
     * commits with {@link #completeChange}.
     *
     * @param marked the layer's definition with the change's mark ({@link HeldChange#marked})
     * @return the bounds of the keys and the indexes written
     * @throws CatalogException when the change no longer holds the layer, or the part has tiles at
     *     indexes the change did not mark
     */
    public <K extends LayerKey> WriteCoverage<K> changePart(LayerId id, LayerDescriptor<K> marked, int part,
            Stream<KeyedTile<K>> tiles, Change how, BinaryOperator<MultibandTile> merge, OptionalInt level) {
        PendingChange p = marked.pending().orElseThrow(() -> new IllegalArgumentException("the change of layer " + id
                + " is not held yet: write its parts with the ticket SharedChange.hold returned"));
        LayerDescriptor<K> d = marked.withPending(Optional.empty());
        requireHeld(id, p, part);
        LayerWriter w = level.isPresent() ? writer.atLevel(level.getAsInt()) : writer;
        try (TileSorter<K> sorter = w.sorter(d)) {
            WriteCoverage<K> parked = w.park(id, d, tiles, d.keyIndex().keyBounds(), sorter::add);
            long unmarked = parked.indexes().minus(p.touched()).count();
            if (unmarked > 0) {
                throw new CatalogException("part " + part + " of the change of layer " + id + " has tiles at " + unmarked
                        + " record indexes its check did not report: its tiles differ from those checked (give both"
                        + " steps the same tiles, e.g. persist them); nothing of this part was written");
            }
            if (parked.bounds().isEmpty()) {
                return parked;
            }
            RecordInventory written = writeHeld(id, d, p, parked.indexes(), sorter.sorted(), how, merge, w);
            requireHeld(id, p, part);
            return new WriteCoverage<>(parked.bounds(), written);
        }
    }

    private void requireHeld(LayerId id, PendingChange p, int part) {
        Optional<PendingChange> now = attributes.current(id).descriptor().pending();
        if (now.isEmpty() || !now.get().id().equals(p.id())) {
            throw new CatalogException("the change of layer " + id + " in " + location() + " that part " + part
                    + " belongs to is over (committed, or rolled back by its owner or a repair)");
        }
    }

    /**
     * Ends a change: the layer's documents replaced by the changed ones without the mark, its
     * metadata grown to the tiles written where they reach beyond the update's bounds, and its
     * inventory grown by the indexes written; the journal is then removed. A failure before the
     * commit rolls the change back.
     *
     * @param held the change's hold; empty when no tile was written (only the metadata changes)
     * @param added the indexes written
     * @param written the bounds of the keys written
     * @throws CatalogException when the layer was taken from the change (deleted, or repaired as abandoned)
     */
    public <K extends LayerKey> void completeChange(PlannedChange<K> c, Optional<HeldChange> held,
            RecordInventory added, Optional<KeyBounds<K>> written) {
        LayerId id = c.id;
        LayerDescriptor<K> d = c.descriptor;
        TileLayerMetadata<K> md = c.metadata;
        if (written.isPresent() && !md.keyBounds().contains(written.get())) {
            // Tiles beyond the declared bounds (but inside the key index) must be visible to queries.
            KeyBounds<SpatialKey> cols = written.get().spatial();
            Extent tilesExtent = md.mapTransform().boundsToExtent(new GridBounds(cols.minKey().col(),
                    cols.minKey().row(), cols.maxKey().col(), cols.maxKey().row()));
            md = md.merge(new TileLayerMetadata<>(md.cellType(), md.layout(), tilesExtent, md.crs(), written));
        }
        Optional<RecordInventory> inventory = d.inventory().map(i -> i.union(added));
        LayerDescriptor<K> changed = new LayerDescriptor<>(d.header(), md, d.keyIndex(), d.schema(), inventory,
                Optional.empty());
        LayerDocuments replacement = attributes.definitions().documents(id, changed);
        LayerDocuments before = held.map(h -> h.markedDocs).orElse(c.current.documents());
        Commits.Result result;
        try {
            // Written while this change holds the layer, so no later change can be overtaken by it.
            inventory.ifPresent(i -> attributes.writeInventory(id, replacement, i));
            result = commits.replace(id, before, replacement);
        } catch (CommitStateUnknownException e) {
            // Committed or still held: whoever looks next finds out (a held layer is rolled back).
            attributes.changed(id);
            throw e;
        } catch (RuntimeException e) {
            held.ifPresent(h -> rollBack(h, e));
            throw e;
        }
        if (result == Commits.Result.CONFLICT) {
            attributes.changed(id);
            throw new CatalogException("layer " + id + " in " + location() + " was taken from this update while it ran"
                    + " (deleted, or repaired as abandoned); its tiles are as that left them: look at it again");
        }
        attributes.committed(id, changed);
        held.ifPresent(h -> {
            try {
                journal.discard(id, d, h.marked.pending().orElseThrow());
            } catch (RuntimeException litter) {
                // The change is committed; a journal no mark names is never read again.
            }
        });
    }

    /** Puts back what a held change wrote, keeping {@code failure} (the reason) as the error. */
    public void rollBack(HeldChange held, RuntimeException failure) {
        try {
            recover(held.id, held.marked, held.markedDocs);
        } catch (RuntimeException notUndone) {
            failure.addSuppressed(new CatalogException("layer " + held.id + " in " + location() + " could not be rolled"
                    + " back (" + notUndone.getMessage() + "); it stays marked as changing: run verify with repair on it",
                    notUndone));
        }
    }

    /**
     * Rolls back a pending change from its journal and commits the layer's documents as they were
     * before it.
     */
    private void recover(LayerId id, LayerDescriptor<?> marked, LayerDocuments markedDocs) {
        PendingChange p = marked.pending().orElseThrow();
        if (p.isPyramid()) {
            recoverPyramid(id.name(), p);
            return;
        }
        if (!attributes.stored(id).documents().equals(markedDocs)) {
            // Committed after all, rolled back or deleted by someone else: the journal is not this state's.
            attributes.changed(id);
            throw new CatalogException("layer " + id + " in " + location() + " is no longer held by " + p.describe()
                    + "; look at it again");
        }
        LayerDescriptor<?> before = marked.withPending(Optional.empty()).withInventory(Optional.empty());
        RecordInventory absent = journal.restore(id, before, p);
        LayerDocuments restored = attributes.definitions().documents(id, before);
        // The inventory may already be the change's (written just before its final commit).
        attributes.inventoryOf(id, restored).ifPresent(i ->
                attributes.writeInventory(id, restored, i.minus(absent)));
        if (commits.replace(id, markedDocs, restored) == Commits.Result.CONFLICT) {
            attributes.changed(id);
            throw new CatalogException("layer " + id + " in " + location() + " was changed while its pending change was"
                    + " being rolled back; look at it again");
        }
        attributes.changed(id);
        journal.discard(id, before, p);
    }

    /**
     * Checks that layers can be created: none exists, once the levels of pyramid writes whose
     * writers died among them are finished or removed (so a re-run of a killed pyramid write goes
     * on, or is told the pyramid exists when only the marks were left to remove).
     *
     * @throws LayerExistsException when one exists
     */
    public void requireAbsent(List<LayerId> ids) {
        List<LayerId> existing = ids.stream().filter(attributes::exists).toList();
        existing.forEach(this::abandonedPyramidLevel);
        for (LayerId id : existing) {
            if (attributes.exists(id)) {
                throw new LayerExistsException(id, location());
            }
        }
    }

    /**
     * True when the layer was a level of a pyramid write whose writer died and, that pyramid now
     * finished or removed, no longer exists: a re-run of the pyramid goes on where it was killed.
     */
    private boolean abandonedPyramidLevel(LayerId id) {
        Optional<PendingChange> p;
        try {
            p = attributes.current(id).descriptor().pending();
        } catch (CatalogException unreadable) {
            return false;
        }
        if (p.isEmpty() || !p.get().isPyramid() || !abandoned(p.get())) {
            return false;
        }
        recoverPyramid(id.name(), p.get());
        return !attributes.exists(id);
    }

    /**
     * Finishes a pyramid write whose writer is gone when every level exists (only the marks were
     * left to remove; the levels then have no record inventory), else removes its levels.
     */
    private void recoverPyramid(String name, PendingChange p) {
        Map<LayerId, Attributes.Current> held = new LinkedHashMap<>();
        boolean complete = true;
        for (int zoom : p.pyramid()) {
            LayerId level = new LayerId(name, zoom);
            try {
                Attributes.Current c = attributes.current(level);
                if (c.descriptor().pending().filter(m -> m.id().equals(p.id())).isPresent()) {
                    held.put(level, c);
                }
            } catch (LayerNotFoundException missing) {
                complete = false;
            }
        }
        for (Map.Entry<LayerId, Attributes.Current> e : held.entrySet()) {
            LayerId level = e.getKey();
            if (!complete) {
                delete(level);
                continue;
            }
            LayerDescriptor<?> done = e.getValue().descriptor().withPending(Optional.empty());
            if (commits.replace(level, e.getValue().documents(), attributes.definitions().documents(level, done))
                    == Commits.Result.CONFLICT) {
                throw new CatalogException("layer " + level + " in " + location() + " changed while the pyramid write"
                        + " it belongs to was being finished; look at it again");
            }
            attributes.changed(level);
        }
    }

    /**
     * The layer as stored, after rolling back a change its writer abandoned (a dead process on this
     * host, or one on another host that has held the layer for {@link WriterIdentity#ABANDONED_AFTER}).
     *
     * @throws CatalogException when a live writer is changing the layer
     */
    private Attributes.Current settled(LayerId id) {
        Attributes.Current current = attributes.current(id);
        Optional<PendingChange> p = current.descriptor().pending();
        if (p.isEmpty()) {
            return current;
        }
        if (!abandoned(p.get())) {
            throw busy(id, p.get());
        }
        recover(id, current.descriptor(), current.documents());
        return attributes.current(id);
    }

    /** True when the writer that holds a layer is gone: dead on this host, or an hour silent on another. */
    private static boolean abandoned(PendingChange p) {
        return p.owner().abandoned(p.since());
    }

    private CatalogException busy(LayerId id, PendingChange p) {
        return new CatalogException("layer " + id + " in " + location() + " is held by " + p.describe() + "; try again"
                + " when it is done (a change whose process is gone is rolled back by the next writer, or now by verify"
                + " with repair)");
    }

    /**
     * Rolls back a change of a layer whose writer is gone (a killed process, a lost machine): the
     * records it wrote get their previous bytes back and the layer its previous documents.
     *
     * @return true when there was such a change, false when the layer had none pending
     * @throws CatalogException when the change's writer still runs on this host
     * @throws LayerNotFoundException when the layer does not exist
     */
    public boolean repair(LayerId id) {
        Attributes.Current current = attributes.current(id);
        Optional<PendingChange> p = current.descriptor().pending();
        if (p.isEmpty()) {
            return false;
        }
        if (p.get().owner().liveness() == WriterIdentity.Liveness.ALIVE) {
            throw busy(id, p.get());
        }
        recover(id, current.descriptor(), current.documents());
        return true;
    }

    // ---- delete, copy ----

    /**
     * Deletes a layer: its documents first (it disappears at once), then its records and attributes.
     *
     * @throws LayerNotFoundException when there is no such layer
     */
    public void delete(LayerId id) {
        Attributes.Stored stored = attributes.stored(id);
        RecordLocation loc;
        Optional<LayerDescriptor<?>> d;
        try {
            d = Optional.of(attributes.definitions().read(id, stored.raw(), location())
                    .orElseThrow(() -> new LayerNotFoundException(id, location())));
            loc = Locations.of(id, d.get());
        } catch (LayerNotFoundException e) {
            throw e;
        } catch (CatalogException damaged) {
            // A layer whose definition cannot be read is still removed, from where its documents say.
            d = Optional.empty();
            loc = attributes.definitions().salvage(id, stored.raw(), storage.records().newLocation(id));
        }
        // Held until the rows are gone, so that a new layer of this id is not written among them.
        try (Claims.Held claim = d.isPresent() ? claim(id, d.get()) : Claims.Held.NOTHING) {
            // First, so that no inventory outlives its layer.
            attributes.removeInventory(id);
            if (commits.drop(id, stored.documents()) == Commits.Result.CONFLICT) {
                attributes.changed(id);
                throw new CatalogException("layer " + id + " in " + location() + " was changed or deleted by another"
                        + " writer while it was being deleted; look at it again and retry");
            }
            attributes.changed(id);
            storage.records().delete(loc);
        }
        // A change left pending (its writer killed) goes with the layer: delete is how a user takes it over.
        if (d.isPresent() && d.get().pending().isPresent()) {
            journal.discard(id, d.get(), d.get().pending().get());
        }
        for (String attr : attributes.userAttributes(id)) {
            attributes.delete(id, attr);
        }
    }

    /**
     * Copies a layer, with its user attributes, into {@code target} (this store or another) as
     * {@code to}. Without {@code reindex} the key index, value class and records are kept byte for
     * byte; with it the tiles are decoded and written under the new index, deflated at {@code level}
     * (empty: the target's level).
     *
     * @throws LayerNotFoundException when the source does not exist
     * @throws LayerExistsException when the target exists
     */
    public <K extends LayerKey> void copy(LayerId from, LayerStore target, LayerId to, Optional<KeyIndex<K>> reindex,
            OptionalInt level) {
        @SuppressWarnings("unchecked")
        LayerDescriptor<K> d = (LayerDescriptor<K>) attributes.definition(from);
        if (d.pending().isPresent()) {
            throw busy(from, d.pending().get());
        }
        ValueClass valueClass = ValueClass.fromClassName(d.header().valueClass());
        List<KeyBounds<K>> all = d.metadata().bounds().map(List::of).orElse(List.of());
        if (reindex.isPresent()) {
            target.create(to, d.keyType(), valueClass, d.metadata(), reindex.get(), () -> read(from, d, all), level);
        } else {
            LayerDescriptor<K> copy = new LayerDescriptor<>(target.newHeader(to, d.keyType(), d.header().valueClass()),
                    d.metadata(), d.keyIndex(), d.schema());
            RecordLocation src = Locations.of(from, d);
            target.create(to, copy, (dst, batch) -> {
                if (target == this && d.inventory().isPresent() && storage.records() instanceof RecordCopying c) {
                    c.copyAll(src, batch);
                    return d.inventory().get();
                }
                // Read record by record where the source has no inventory, so the copy gets an exact one.
                try (Stream<StoredRecord> s = reader.records(from, d, index -> lost(from, d, index))) {
                    return target.writer.writeRecords(to, batch, target.storage.records().writeOrder(), s);
                }
            });
        }
        for (String attr : attributes.userAttributes(from)) {
            attributes.find(from, attr).ifPresent(v -> target.attributes.write(to, attr, v));
        }
    }

    /**
     * Moves a layer to another name in this catalog: a copy, then the source is deleted.
     *
     * @throws LayerNotFoundException when the source does not exist
     * @throws LayerExistsException when the target exists
     */
    public void move(LayerId from, LayerId to) {
        copy(from, this, to, Optional.empty(), OptionalInt.empty());
        delete(from);
    }

    /**
     * Rewrites a layer under another key index, keeping its tiles, value class and user attributes.
     * The new records are stored privately first (no temporary layer appears, and the old layer
     * stays readable); then the documents and records are switched in one commit
     * ({@code LayerCommits.replaceAll}): readers and a kill at any moment find the old layer or the
     * new one, never neither.
     *
     * @throws LayerNotFoundException when the layer does not exist
     */
    public <K extends LayerKey> void reindex(LayerId id, KeyIndex<K> index, OptionalInt level) {
        Attributes.Current current = settled(id);
        @SuppressWarnings("unchecked")
        LayerDescriptor<K> old = (LayerDescriptor<K>) current.descriptor();
        LayerDescriptor<K> d = reindexed(id, current, index);
        List<KeyBounds<K>> all = old.metadata().bounds().map(List::of).orElse(List.of());
        try (Claims.Held claim = claim(id, d)) {
            reindex(id, current, old, d, stageRecords(id, d, (loc, batch) ->
                    fillWithTiles(id, d, old.metadata(), () -> read(id, old, all), level, loc, batch), claim));
        }
    }

    /** The definition of {@code current} under {@code index}, its records going where a reindex stages them. */
    private <K extends LayerKey> LayerDescriptor<K> reindexed(LayerId id, Attributes.Current current, KeyIndex<K> index) {
        LayerDescriptor<?> old = current.descriptor();
        @SuppressWarnings("unchecked")
        TileLayerMetadata<K> md = (TileLayerMetadata<K>) old.metadata();
        return descriptor(id, old.keyType(), ValueClass.fromClassName(old.header().valueClass()), md, index,
                storage.records().replacementLocation(id, old.header().location()));
    }

    private void reindex(LayerId id, Attributes.Current current, LayerDescriptor<?> old, LayerDescriptor<?> d,
            Staged staged) {
        LayerDocuments replacement = attributes.definitions().documents(id, staged.descriptor);
        staged.claim.requireHeld(location());
        Commits.Result result;
        try {
            // Before the switch: written after it, it could overwrite the inventory of a change that
            // followed. Until the switch it names documents not yet stored, so it is simply not used.
            staged.descriptor.inventory().ifPresent(i -> attributes.writeInventory(id, replacement, i));
            result = commits.replaceAll(id, current.documents(), replacement, staged.batch);
        } catch (CommitStateUnknownException e) {
            attributes.changed(id);
            throw e;
        } catch (RuntimeException e) {
            attributes.changed(id);
            abortRecords(id, staged.descriptor, staged.batch, staged.shared, e);
            throw e;
        }
        attributes.changed(id);
        if (result == Commits.Result.CONFLICT) {
            CatalogException changed = new CatalogException("layer " + id + " in " + location() + " was changed or"
                    + " deleted by another writer while it was being reindexed; it was left as that writer made it");
            abortRecords(id, staged.descriptor, staged.batch, staged.shared, changed);
            throw changed;
        }
        attributes.committed(id, staged.descriptor);
        RecordLocation before = Locations.of(id, old);
        if (!before.fields().equals(Locations.of(id, d).fields())) {
            storage.records().delete(before);
        }
    }

    // ---- helpers ----

    /**
     * The definition with its key type checked.
     *
     * @throws IllegalArgumentException when the layer's keys are of another type
     */
    @SuppressWarnings("unchecked")
    public static <K extends LayerKey> LayerDescriptor<K> typed(LayerId id, LayerDescriptor<?> d, Class<K> keyType) {
        if (d.keyType().javaType() != keyType) {
            throw new IllegalArgumentException("layer " + id + " has " + d.keyType() + " keys, not "
                    + keyType.getSimpleName() + "s; use " + d.keyType().javaType().getSimpleName() + " keys for it");
        }
        return (LayerDescriptor<K>) d;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the IO threads and closes the backend. */
    @Override
    public void close() {
        pool.shutdownNow();
        encoders.shutdownNow();
        storage.close();
    }
}
