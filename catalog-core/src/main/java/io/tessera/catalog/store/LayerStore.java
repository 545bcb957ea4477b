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
import io.tessera.catalog.spi.LayerDocuments;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordCopying;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.StoredRecord;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
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
    private final LayerReader reader;
    private final LayerWriter writer;
    private final LayerVerifier verifier;

    /**
     * @param parallelism how many record reads and writes run at once
     */
    public LayerStore(CatalogStorage storage, int parallelism) {
        this.storage = storage;
        this.attributes = new Attributes(storage.attributes(), storage.location());
        this.commits = new Commits(storage.commits(), storage.attributes(), storage.location());
        this.pool = Executors.newFixedThreadPool(parallelism, daemonThreads());
        RecordSource source = new RecordSource(storage.records(), pool, parallelism * 2);
        this.reader = new LayerReader(source);
        this.writer = new LayerWriter(source, pool, Math.max(CHUNK, parallelism * 4), LayerWriter.SORT_BUDGET_BYTES);
        this.verifier = new LayerVerifier(reader);
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

    // ---- reading ----

    /** The tile of one key, or empty. */
    public <K extends LayerKey> Optional<MultibandTile> readValue(LayerId id, LayerDescriptor<K> d, K key) {
        return reader.readValue(id, d, key);
    }

    /**
     * The tiles whose keys lie in any of {@code query}, streamed. When the stream has run to its end
     * the layer's definition is read again: if the layer was deleted or rewritten meanwhile, the
     * stream ends with an error instead of a partial result that looks complete.
     */
    public <K extends LayerKey> Stream<KeyedTile<K>> read(LayerId id, LayerDescriptor<K> d, List<KeyBounds<K>> query) {
        // Checked when asked for an element after the last tile, not before (Stream.concat sizes its parts early).
        Spliterator<KeyedTile<K>> atEnd = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(java.util.function.Consumer<? super KeyedTile<K>> action) {
                requireUnchanged(id, d);
                return false;
            }
        };
        return Stream.concat(reader.read(id, d, query), StreamSupport.stream(atEnd, false));
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
        return verifier.verify(id, attributes.definition(id));
    }

    // ---- creating ----

    /**
     * Creates a layer from tiles.
     *
     * @throws LayerExistsException when the layer exists (checked first, and again at the commit)
     */
    public <K extends LayerKey> void create(LayerId id, KeyType keyType, ValueClass valueClass, TileLayerMetadata<K> md,
            KeyIndex<K> index, Supplier<Stream<KeyedTile<K>>> tiles) {
        publish(stage(id, keyType, valueClass, md, index, tiles));
    }

    private <K extends LayerKey> LayerDescriptor<K> descriptor(LayerId id, KeyType keyType, ValueClass valueClass,
            TileLayerMetadata<K> md, KeyIndex<K> index) {
        @SuppressWarnings("unchecked")
        TileRecordCodec<K> codec = TileRecordCodec.forLayer((Class<K>) keyType.javaType(), valueClass);
        return new LayerDescriptor<>(newHeader(id, keyType, valueClass.className()), md, index, codec.schema());
    }

    private <K extends LayerKey> void fillWithTiles(LayerId id, LayerDescriptor<K> d, TileLayerMetadata<K> md,
            Supplier<Stream<KeyedTile<K>>> tiles, RecordLocation loc, RecordBatch batch) {
        try (Stream<KeyedTile<K>> s = tiles.get()) {
            writer.write(id, d, loc, batch, storage.records().writeOrder(), s, LayerWriter.Mode.CREATE, (a, b) -> b,
                    md.keyBounds());
        }
    }

    /** Fills a new layer's location; the batch is closed by the caller. */
    @FunctionalInterface
    private interface Fill {
        void into(RecordLocation loc, RecordBatch batch);
    }

    private <K extends LayerKey> void create(LayerId id, LayerDescriptor<K> d, Fill fill) {
        publish(stage(id, d, fill));
    }

    /** A new layer whose records are stored, private to this writer, and not yet committed. */
    public static final class Staged {
        private final LayerId id;
        private final LayerDescriptor<?> descriptor;
        private final RecordBatch batch;

        private Staged(LayerId id, LayerDescriptor<?> descriptor, RecordBatch batch) {
            this.id = id;
            this.descriptor = descriptor;
            this.batch = batch;
        }
    }

    /**
     * Stores a new layer's tiles without committing it, for {@link #publish(List)} with others.
     *
     * @throws LayerExistsException when the layer exists (checked first, and again at the commit)
     */
    public <K extends LayerKey> Staged stage(LayerId id, KeyType keyType, ValueClass valueClass,
            TileLayerMetadata<K> md, KeyIndex<K> index, Supplier<Stream<KeyedTile<K>>> tiles) {
        LayerDescriptor<K> d = descriptor(id, keyType, valueClass, md, index);
        return stage(id, d, (loc, batch) -> fillWithTiles(id, d, md, tiles, loc, batch));
    }

    private <K extends LayerKey> Staged stage(LayerId id, LayerDescriptor<K> d, Fill fill) {
        if (attributes.exists(id)) {
            throw new LayerExistsException(id, location());
        }
        return stageRecords(id, d, fill);
    }

    /** Stores a layer's records in a create batch, whatever exists under its id now. */
    private <K extends LayerKey> Staged stageRecords(LayerId id, LayerDescriptor<K> d, Fill fill) {
        RecordLocation loc = Locations.of(id, d);
        RecordBatch batch = storage.records().openBatch(loc, BatchMode.CREATE);
        try {
            fill.into(loc, batch);
            batch.close();
        } catch (RuntimeException e) {
            abort(batch, e);
            throw e;
        }
        return new Staged(id, d, batch);
    }

    /**
     * Commits staged layers in order, as one unit as far as the storage allows: none is committed
     * until all are staged, and when one cannot be committed the ones committed before it in this
     * call are deleted again and the rest discarded.
     *
     * @throws LayerExistsException when another writer created one of them meanwhile
     */
    public void publish(List<Staged> staged) {
        List<Staged> done = new java.util.ArrayList<>();
        for (int i = 0; i < staged.size(); i++) {
            try {
                publish(staged.get(i));
                done.add(staged.get(i));
            } catch (RuntimeException e) {
                for (Staged rest : staged.subList(i + 1, staged.size())) {
                    abort(rest.batch, e);
                }
                if (!(e instanceof CommitStateUnknownException)) {
                    for (Staged committed : done) {
                        try {
                            delete(committed.id);
                        } catch (RuntimeException cleanup) {
                            e.addSuppressed(cleanup);
                        }
                    }
                }
                throw e;
            }
        }
    }

    /** Discards staged layers that will not be published. */
    public void discard(List<Staged> staged, RuntimeException failure) {
        for (Staged s : staged) {
            abort(s.batch, failure);
        }
    }

    private void publish(Staged s) {
        LayerId id = s.id;
        Commits.Result result;
        try {
            result = commits.create(id, attributes.definitions().documents(id, s.descriptor), s.batch);
        } catch (CommitStateUnknownException e) {
            // The records may be the layer's now: they stay.
            throw e;
        } catch (RuntimeException e) {
            abort(s.batch, e);
            throw e;
        }
        if (result == Commits.Result.CONFLICT) {
            // Another writer's layer won; this writer's records were never published and go.
            attributes.changed(id);
            LayerExistsException lost = new LayerExistsException(id, location());
            abort(s.batch, lost);
            throw lost;
        }
        attributes.committed(id, s.descriptor);
    }

    private static void abort(RecordBatch batch, RuntimeException failure) {
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
     * Merges or overwrites tiles of an existing layer; an update with no bounds changes nothing.
     *
     * @throws LayerNotFoundException when the layer does not exist
     * @throws LayerOutOfKeyBoundsException when the update's bounds reach outside the key index's; checked first
     * @throws IllegalArgumentException for another key type, layout or CRS; checked first
     */
    public <K extends LayerKey> void change(LayerId id, Class<K> keyType, TileLayerMetadata<K> update,
            Supplier<Stream<KeyedTile<K>>> tiles, Change how, BinaryOperator<MultibandTile> merge) {
        Attributes.Current current = attributes.current(id);
        LayerDescriptor<K> d = typed(id, current.descriptor(), keyType);
        Optional<KeyBounds<K>> updateBounds = update.bounds();
        if (updateBounds.isEmpty()) {
            return;
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
        LayerWriter.Mode mode = how == Change.UPDATE ? LayerWriter.Mode.UPDATE : LayerWriter.Mode.OVERWRITE;
        RecordLocation loc = Locations.of(id, d);
        try (TileSorter<K> sorter = writer.sorter(d)) {
            // Every tile is checked and parked before the first record is touched, so bad input
            // anywhere in the update changes nothing.
            Optional<KeyBounds<K>> written;
            try (Stream<KeyedTile<K>> s = tiles.get()) {
                written = writer.park(id, d, s, indexBounds, sorter);
            }
            if (written.isPresent() && !md.keyBounds().contains(written.get())) {
                // Tiles beyond the declared bounds (but inside the key index) must be visible to queries.
                KeyBounds<SpatialKey> cols = written.get().spatial();
                Extent tilesExtent = md.mapTransform().boundsToExtent(new GridBounds(cols.minKey().col(),
                        cols.minKey().row(), cols.maxKey().col(), cols.maxKey().row()));
                md = md.merge(new TileLayerMetadata<>(md.cellType(), md.layout(), tilesExtent, md.crs(), written));
            }
            RecordBatch batch = storage.records().openBatch(loc, BatchMode.REPLACE);
            try {
                writer.drain(id, d, loc, batch, storage.records().writeOrder(), sorter.sorted(), mode, merge);
                batch.close();
            } catch (RuntimeException e) {
                abort(batch, e);
                throw e;
            }
        }
        LayerDescriptor<K> changed = new LayerDescriptor<>(d.header(), md, d.keyIndex(), d.schema());
        LayerDocuments replacement = attributes.definitions().documents(id, changed);
        if (commits.replace(id, current.documents(), replacement) == Commits.Result.CONFLICT) {
            attributes.changed(id);
            throw new CatalogException("layer " + id + " in " + location() + " was changed or deleted by another writer"
                    + " while this update ran; its tiles may hold both writes: check it with verify and update again");
        }
        attributes.committed(id, changed);
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
        try {
            loc = attributes.definitions().read(id, stored.raw(), location()).map(d -> Locations.of(id, d))
                    .orElseThrow(() -> new LayerNotFoundException(id, location()));
        } catch (LayerNotFoundException e) {
            throw e;
        } catch (CatalogException damaged) {
            // A layer whose definition cannot be read is still removed, from where its documents say.
            loc = attributes.definitions().salvage(id, stored.raw(), storage.records().newLocation(id));
        }
        if (commits.drop(id, stored.documents()) == Commits.Result.CONFLICT) {
            attributes.changed(id);
            throw new CatalogException("layer " + id + " in " + location() + " was changed or deleted by another writer"
                    + " while it was being deleted; look at it again and retry");
        }
        attributes.changed(id);
        storage.records().delete(loc);
        for (String attr : attributes.userAttributes(id)) {
            attributes.delete(id, attr);
        }
    }

    /**
     * Copies a layer, with its user attributes, into {@code target} (this store or another) as
     * {@code to}. Without {@code reindex} the key index, value class and records are kept byte for
     * byte; with it the tiles are decoded and written under the new index.
     *
     * @throws LayerNotFoundException when the source does not exist
     * @throws LayerExistsException when the target exists
     */
    public <K extends LayerKey> void copy(LayerId from, LayerStore target, LayerId to, Optional<KeyIndex<K>> reindex) {
        @SuppressWarnings("unchecked")
        LayerDescriptor<K> d = (LayerDescriptor<K>) attributes.definition(from);
        ValueClass valueClass = ValueClass.fromClassName(d.header().valueClass());
        List<KeyBounds<K>> all = d.metadata().bounds().map(List::of).orElse(List.of());
        if (reindex.isPresent()) {
            target.create(to, d.keyType(), valueClass, d.metadata(), reindex.get(), () -> reader.read(from, d, all));
        } else {
            LayerDescriptor<K> copy = new LayerDescriptor<>(target.newHeader(to, d.keyType(), d.header().valueClass()),
                    d.metadata(), d.keyIndex(), d.schema());
            RecordLocation src = Locations.of(from, d);
            target.create(to, copy, (dst, batch) -> {
                if (target == this && storage.records() instanceof RecordCopying c) {
                    c.copyAll(src, batch);
                } else {
                    try (Stream<StoredRecord> s = reader.records(src, src.indexRanges())) {
                        target.writer.writeRecords(to, batch, target.storage.records().writeOrder(), s);
                    }
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
        copy(from, this, to, Optional.empty());
        delete(from);
    }

    /**
     * Rewrites a layer under another key index, keeping its tiles, value class and user attributes.
     * The new records are stored privately first (no temporary layer appears); then the old
     * definition is dropped and the new one committed with its records in one quick step, and the
     * old records are removed. A failure before that step leaves the layer as it was.
     *
     * @throws LayerNotFoundException when the layer does not exist
     */
    public <K extends LayerKey> void reindex(LayerId id, KeyIndex<K> index) {
        Attributes.Current current = attributes.current(id);
        @SuppressWarnings("unchecked")
        LayerDescriptor<K> old = (LayerDescriptor<K>) current.descriptor();
        LayerDescriptor<K> d = descriptor(id, old.keyType(), ValueClass.fromClassName(old.header().valueClass()),
                old.metadata(), index);
        List<KeyBounds<K>> all = old.metadata().bounds().map(List::of).orElse(List.of());
        Staged staged = stageRecords(id, d, (loc, batch) ->
                fillWithTiles(id, d, old.metadata(), () -> reader.read(id, old, all), loc, batch));
        if (commits.drop(id, current.documents()) == Commits.Result.CONFLICT) {
            attributes.changed(id);
            CatalogException changed = new CatalogException("layer " + id + " in " + location() + " was changed or"
                    + " deleted by another writer while it was being reindexed; it was left as that writer made it");
            discard(List.of(staged), changed);
            throw changed;
        }
        attributes.changed(id);
        publish(staged);
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

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "tessera-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Stops the IO threads and closes the backend. */
    @Override
    public void close() {
        pool.shutdownNow();
        storage.close();
    }
}
