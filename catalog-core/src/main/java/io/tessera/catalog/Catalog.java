package io.tessera.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.codec.TileRecordCodec;
import io.tessera.catalog.codec.ValueClass;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.format.LayerFormatException;
import io.tessera.catalog.format.LayerHeader;
import io.tessera.catalog.index.KeyIndex;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.TileLayerMetadata;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.query.LayerQuery;
import io.tessera.catalog.query.QueryPlan;
import io.tessera.catalog.query.QueryPlanner;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.RecordCopying;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.store.Backends;
import io.tessera.catalog.store.KeyIndexes;
import io.tessera.catalog.store.LayerReader;
import io.tessera.catalog.store.LayerVerifier;
import io.tessera.catalog.store.LayerWriter;
import io.tessera.catalog.store.Names;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;

/**
 * A catalog of tiled raster layers in one storage backend, chosen by URI scheme
 * ({@code file:///data/catalog}, {@code s3://bucket/prefix}, ...). Layers are identified by name
 * and zoom; each is stored in GeoTrellis 3.x's format, so GeoTrellis reads what this writes and
 * the other way round.
 *
 * <p>A new layer becomes visible only when all its tiles are stored: its {@code metadata}
 * attribute is written last. A write that fails leaves no layer behind. Instances are thread-safe;
 * close the catalog to release the backend and the IO threads.
 */
public final class Catalog implements AutoCloseable {

    private static final int CHUNK = 64;

    private final CatalogStorage storage;
    private final AttributeStore attributes;
    private final ExecutorService pool;
    private final LayerReader reader;
    private final LayerWriter writer;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Catalog(CatalogStorage storage, int parallelism) {
        this.storage = storage;
        this.attributes = new AttributeStore(storage.attributes(), storage.location(), null);
        this.pool = Executors.newFixedThreadPool(parallelism, daemonThreads());
        this.reader = new LayerReader(storage.records(), pool, parallelism * 2);
        this.writer = new LayerWriter(storage.records(), pool, Math.max(CHUNK, parallelism * 4));
    }

    /**
     * Opens the catalog at {@code uri}; a local file catalog is created on first write.
     *
     * @throws IllegalArgumentException for a malformed URI or one whose scheme no backend on the
     *     classpath serves (the message lists those that are)
     */
    public static Catalog open(String uri) {
        return open(uri, Map.of());
    }

    /**
     * Opens the catalog at {@code uri} with options. {@value #PARALLELISM} sets how many record
     * reads and writes run at once (default: twice the cores, at least 4); every other option goes
     * to the backend and overrides the URI's query parameters.
     *
     * @throws IllegalArgumentException for a malformed URI or option
     */
    public static Catalog open(String uri, Map<String, String> options) {
        Map<String, String> backendOptions = new java.util.HashMap<>(options);
        String p = backendOptions.remove(PARALLELISM);
        int parallelism = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        if (p != null) {
            try {
                parallelism = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                parallelism = 0;
            }
            if (parallelism < 1 || parallelism > 1024) {
                throw new IllegalArgumentException("option " + PARALLELISM + " must be a whole number from 1 to 1024, got '" + p + "'");
            }
        }
        return new Catalog(Backends.open(uri, backendOptions), parallelism);
    }

    /** The option naming how many record reads and writes run at once. */
    public static final String PARALLELISM = "parallelism";

    /** Where the catalog is. */
    public String location() {
        return storage.location();
    }

    /** The catalog's attributes (layer metadata and user attributes). */
    public AttributeStore attributeStore() {
        return attributes;
    }

    /** Every layer, by name then zoom. */
    public List<LayerId> layers() {
        ensureOpen();
        return attributes.layers();
    }

    /** True when the layer exists. */
    public boolean exists(String name, int zoom) {
        ensureOpen();
        return attributes.contains(name, zoom);
    }

    // ---- reading ----

    /**
     * The layer's metadata, without touching tiles.
     *
     * @throws LayerNotFoundException when there is no such layer
     */
    public TileLayerMetadata<?> readMetadata(String name, int zoom) {
        return descriptor(new LayerId(name, zoom)).metadata();
    }

    /** The layer's key type. */
    public KeyType keyType(String name, int zoom) {
        return descriptor(new LayerId(name, zoom)).keyType();
    }

    /**
     * The tile at {@code key}, or empty when the layer has no tile there.
     *
     * @throws LayerNotFoundException when there is no such layer
     * @throws IllegalArgumentException when the key's type is not the layer's (a spatial key for a
     *     space-time layer, or the reverse)
     */
    public <K extends LayerKey> Optional<MultibandTile> readValue(String name, int zoom, K key) {
        LayerId id = new LayerId(name, zoom);
        @SuppressWarnings("unchecked")
        Class<K> type = (Class<K>) key.getClass();
        return reader.readValue(id, typed(id, descriptor(id), type), key);
    }

    /** The whole layer; tiles are read as the result is streamed. */
    public TileLayer<?> query(String name, int zoom) {
        LayerId id = new LayerId(name, zoom);
        return wholeLayer(id, descriptor(id));
    }

    /**
     * The whole layer with keys of {@code keyType}.
     *
     * @throws IllegalArgumentException when the layer's keys are of the other type
     */
    public <K extends LayerKey> TileLayer<K> query(String name, int zoom, Class<K> keyType) {
        LayerId id = new LayerId(name, zoom);
        return wholeLayer(id, typed(id, descriptor(id), keyType));
    }

    /**
     * The tiles a query selects (geometry and/or time), with metadata whose bounds are the
     * query's. A query that selects nothing gives an empty layer, not an error.
     *
     * @throws IllegalArgumentException for a time filter on a spatial layer, or a geometry that
     *     cannot be reprojected into the layer's CRS
     */
    public TileLayer<?> query(String name, int zoom, LayerQuery query) {
        LayerId id = new LayerId(name, zoom);
        return select(id, descriptor(id), query);
    }

    /** {@link #query(String, int, LayerQuery)} for a layer with keys of {@code keyType}. */
    public <K extends LayerKey> TileLayer<K> query(String name, int zoom, Class<K> keyType, LayerQuery query) {
        LayerId id = new LayerId(name, zoom);
        return select(id, typed(id, descriptor(id), keyType), query);
    }

    private <K extends LayerKey> TileLayer<K> wholeLayer(LayerId id, LayerDescriptor<K> d) {
        return select(id, d, LayerQuery.all());
    }

    private <K extends LayerKey> TileLayer<K> select(LayerId id, LayerDescriptor<K> d, LayerQuery query) {
        QueryPlan<K> plan = QueryPlanner.plan(d.metadata(), query);
        return TileLayer.lazy(d.keyType(), plan.metadata(), () -> {
            ensureOpen();
            return reader.read(id, d, plan.keyBounds());
        }).atZoom(id.zoom());
    }

    // ---- writing ----

    /** Writes a new layer at its zoom (zoom 0 when it has none), z-order indexed. */
    public <K extends LayerKey> void write(String name, TileLayer<K> layer) {
        write(name, layer, WriteOptions.DEFAULT);
    }

    /**
     * Writes a new layer at its zoom (zoom 0 when it has none).
     *
     * @throws LayerExistsException before anything is written, when the layer exists
     * @throws IllegalArgumentException for an empty layer, an invalid name, or tiles whose key,
     *     size or cell type do not match the metadata; nothing is left behind
     */
    public <K extends LayerKey> void write(String name, TileLayer<K> layer, WriteOptions options) {
        LayerId id = new LayerId(Names.requireLayerName(name), layer.zoom().orElse(0));
        if (exists(id.name(), id.zoom())) {
            throw new LayerExistsException(id, location());
        }
        TileLayerMetadata<K> md = layer.metadata();
        KeyBounds<K> bounds = md.bounds().orElseThrow(() -> new IllegalArgumentException(
                "layer '" + name + "' has empty bounds: there is nothing to write"));
        KeyIndex<K> index = KeyIndexes.create(bounds, options);
        create(id, layer.keyType(), options.singleBandTiles() ? ValueClass.TILE : ValueClass.MULTIBAND_TILE, md, index,
                layer::stream);
    }

    /** Writes every level of a pyramid, each at its own zoom; every level must have a zoom. */
    public <K extends LayerKey> void writePyramid(String name, List<TileLayer<K>> levels, WriteOptions options) {
        for (TileLayer<K> level : levels) {
            if (level.zoom().isEmpty()) {
                throw new IllegalArgumentException("every pyramid level needs a zoom; use TileLayer.atZoom");
            }
        }
        for (TileLayer<K> level : levels) {
            write(name, level, options);
        }
    }

    /** Writes every level of a pyramid, z-order indexed. */
    public <K extends LayerKey> void writePyramid(String name, List<TileLayer<K>> levels) {
        writePyramid(name, levels, WriteOptions.DEFAULT);
    }

    private <K extends LayerKey> void create(LayerId id, KeyType keyType, ValueClass valueClass, TileLayerMetadata<K> md,
            KeyIndex<K> index, java.util.function.Supplier<Stream<KeyedTile<K>>> tiles) {
        @SuppressWarnings("unchecked")
        TileRecordCodec<K> codec = TileRecordCodec.forLayer((Class<K>) keyType.javaType(), valueClass);
        LayerHeader header = LayerHeader.avro(storage.format(), keyType, valueClass.className(),
                storage.records().newLocation(id));
        LayerDescriptor<K> d = new LayerDescriptor<>(header, md, index, codec.schema());
        RecordLocation loc = new RecordLocation(id, header, d.indexWidth());
        // Records left by an earlier write that died before committing must not leak into this layer.
        storage.records().deleteAll(loc);
        try (Stream<KeyedTile<K>> s = tiles.get()) {
            writer.write(id, d, s, LayerWriter.Mode.CREATE, (a, b) -> b, md.keyBounds());
        } catch (RuntimeException e) {
            cleanUp(loc, e);
            throw e;
        }
        commitNew(id, d);
    }

    /**
     * Writes a new layer's {@code metadata} last, create-only where the storage supports it. A
     * writer that loses the race leaves the records alone: they sit at the same location as the
     * winner's, which now owns them.
     */
    private void commitNew(LayerId id, LayerDescriptor<?> d) {
        if (!attributes.writeIfAbsent(id, AttributeStore.METADATA, d.toJson())) {
            throw new LayerExistsException(id, location());
        }
    }

    private void cleanUp(RecordLocation loc, RuntimeException failure) {
        try {
            storage.records().deleteAll(loc);
        } catch (RuntimeException cleanup) {
            failure.addSuppressed(cleanup);
        }
    }

    /** Merges tiles into an existing layer; where a key exists, the new tile wins. */
    public <K extends LayerKey> void update(String name, TileLayer<K> layer) {
        update(name, layer, (existing, fresh) -> fresh);
    }

    /**
     * Merges tiles into an existing layer at the layer's zoom (0 when it has none), combining
     * tiles of keys that exist with {@code merge(existing, new)}. The stored metadata grows to
     * cover the update. An empty update changes nothing.
     *
     * @throws LayerNotFoundException when the layer does not exist
     * @throws LayerOutOfKeyBoundsException when the update's bounds reach outside the layer's key
     *     index bounds; checked before anything is written
     */
    public <K extends LayerKey> void update(String name, TileLayer<K> layer, BinaryOperator<MultibandTile> merge) {
        change(name, layer, LayerWriter.Mode.UPDATE, merge);
    }

    /** Replaces the records the update's tiles fall in by those tiles, without reading them first. */
    public <K extends LayerKey> void overwrite(String name, TileLayer<K> layer) {
        change(name, layer, LayerWriter.Mode.OVERWRITE, (a, b) -> b);
    }

    private <K extends LayerKey> void change(String name, TileLayer<K> layer, LayerWriter.Mode mode,
            BinaryOperator<MultibandTile> merge) {
        LayerId id = new LayerId(name, layer.zoom().orElse(0));
        @SuppressWarnings("unchecked")
        LayerDescriptor<K> d = typed(id, descriptor(id), (Class<K>) layer.keyType().javaType());
        Optional<KeyBounds<K>> updateBounds = layer.metadata().bounds();
        if (updateBounds.isEmpty()) {
            return;
        }
        KeyBounds<K> indexBounds = d.keyIndex().keyBounds();
        if (!indexBounds.contains(updateBounds.get())) {
            K outside = indexBounds.includes(updateBounds.get().minKey()) ? updateBounds.get().maxKey() : updateBounds.get().minKey();
            throw new LayerOutOfKeyBoundsException(id, outside, indexBounds);
        }
        TileRecordCodec<K> codec = TileRecordCodec.forLayer(castKey(layer),
                ValueClass.fromClassName(d.header().valueClass()));
        if (!codec.isDirect(d.schema())) {
            throw new CatalogException("layer " + id + " was written with a different record schema than this library"
                    + " writes; copy it to a new layer (which re-encodes it) and update that");
        }
        // Checked before any tile is written: a layout or CRS that differs must not leave tiles behind.
        TileLayerMetadata<K> md;
        try {
            md = d.metadata().merge(layer.metadata().withCellType(d.metadata().cellType()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot update layer " + id + ": " + e.getMessage(), e);
        }
        try (Stream<KeyedTile<K>> s = layer.stream()) {
            writer.write(id, d, s, mode, merge, indexBounds);
        }
        attributes.write(id, AttributeStore.METADATA, new LayerDescriptor<>(d.header(), md, d.keyIndex(), d.schema()).toJson());
    }

    @SuppressWarnings("unchecked")
    private static <K extends LayerKey> Class<K> castKey(TileLayer<K> layer) {
        return (Class<K>) layer.keyType().javaType();
    }

    // ---- delete, copy, move, reindex ----

    /**
     * Deletes a layer's tiles and all its attributes. The layer disappears first (its
     * {@code metadata} goes before its tiles), so a delete cut short leaves no half layer.
     *
     * @throws LayerNotFoundException when there is no such layer
     */
    public void delete(String name, int zoom) {
        LayerId id = new LayerId(name, zoom);
        LayerDescriptor<?> d = descriptor(id);
        attributes.delete(id, AttributeStore.METADATA);
        storage.records().deleteAll(new RecordLocation(id, d.header(), d.indexWidth()));
        for (String attr : attributes.names(id)) {
            attributes.delete(id, attr);
        }
    }

    /**
     * Deletes every zoom level of a layer.
     *
     * @throws LayerNotFoundException when no zoom of that name exists
     */
    public void delete(String name) {
        List<LayerId> ids = layers().stream().filter(l -> l.name().equals(name)).toList();
        if (ids.isEmpty()) {
            throw new LayerNotFoundException(new LayerId(name, 0), location());
        }
        for (LayerId id : ids) {
            delete(id.name(), id.zoom());
        }
    }

    /**
     * Copies a layer, with its user attributes, to another name at the same zoom, keeping its key
     * index and value class.
     *
     * @throws LayerNotFoundException when the source does not exist
     * @throws LayerExistsException when the target exists (including a copy onto itself)
     */
    public void copy(String name, int zoom, String newName) {
        copyTo(this, name, zoom, newName, Optional.empty());
    }

    /**
     * Copies a layer, with its user attributes, into another catalog (any backend) under
     * {@code newName} at the same zoom. Without {@code reindex} the key index, value class and
     * records are kept as they are, byte for byte; with it the tiles are decoded and written with
     * the new index, built over the old index's key bounds.
     *
     * @throws LayerNotFoundException when the source does not exist
     * @throws LayerExistsException when the target exists
     */
    public void copyTo(Catalog target, String name, int zoom, String newName, Optional<WriteOptions> reindex) {
        copyLayer(new LayerId(name, zoom), target, new LayerId(Names.requireLayerName(newName), zoom), reindex);
    }

    private <K extends LayerKey> void copyLayer(LayerId from, Catalog target, LayerId to, Optional<WriteOptions> reindex) {
        @SuppressWarnings("unchecked")
        LayerDescriptor<K> d = (LayerDescriptor<K>) descriptor(from);
        if (target.exists(to.name(), to.zoom())) {
            throw new LayerExistsException(to, target.location());
        }
        ValueClass valueClass = ValueClass.fromClassName(d.header().valueClass());
        List<KeyBounds<K>> all = d.metadata().bounds().map(List::of).orElse(List.of());
        if (reindex.isPresent()) {
            KeyIndex<K> index = KeyIndexes.create(d.keyIndex().keyBounds(), reindex.get());
            target.create(to, d.keyType(), valueClass, d.metadata(), index, () -> reader.read(from, d, all));
        } else {
            LayerHeader header = LayerHeader.avro(target.storage.format(), d.keyType(), d.header().valueClass(),
                    target.storage.records().newLocation(to));
            LayerDescriptor<K> copy = new LayerDescriptor<>(header, d.metadata(), d.keyIndex(), d.schema());
            RecordLocation src = new RecordLocation(from, d.header(), d.indexWidth());
            RecordLocation dst = new RecordLocation(to, header, d.indexWidth());
            target.storage.records().deleteAll(dst);
            try {
                if (target == this && storage.records() instanceof RecordCopying c) {
                    c.copyAll(src, dst);
                } else {
                    try (Stream<LayerReader.StoredRecord> s =
                            reader.records(from, d, d.keyIndex().indexRanges(d.keyIndex().keyBounds()))) {
                        target.writer.writeRecords(to, dst, s);
                    }
                }
            } catch (RuntimeException e) {
                target.cleanUp(dst, e);
                throw e;
            }
            target.commitNew(to, copy);
        }
        for (String attr : attributes.names(from)) {
            if (!attr.equals(AttributeStore.METADATA)) {
                attributes.find(from, attr).ifPresent(v -> target.attributes.write(to, attr, v));
            }
        }
    }

    /**
     * Moves a layer to another name at the same zoom: a copy, then the source is deleted.
     *
     * @throws LayerNotFoundException when the source does not exist
     * @throws LayerExistsException when the target exists (including a move onto itself)
     */
    public void move(String name, int zoom, String newName) {
        copy(name, zoom, newName);
        delete(name, zoom);
    }

    /**
     * Rewrites a layer with another key index (built over the current index's key bounds), keeping
     * its tiles, value class and user attributes. The layer is rebuilt beside the original under a
     * temporary name and then swapped in, so a failure while rebuilding leaves the original as it was.
     *
     * @throws LayerNotFoundException when the layer does not exist
     */
    public void reindex(String name, int zoom, WriteOptions options) {
        reindexLayer(new LayerId(name, zoom), options);
    }

    private void reindexLayer(LayerId id, WriteOptions options) {
        descriptor(id);
        String tmp = id.name() + "-reindex-" + System.currentTimeMillis();
        copyTo(this, id.name(), id.zoom(), tmp, Optional.of(options));
        delete(id.name(), id.zoom());
        move(tmp, id.zoom(), id.name());
    }

    /**
     * Checks a layer's integrity: decodes every record and checks every key and cell type.
     *
     * @throws LayerNotFoundException when the layer does not exist
     */
    public VerifyReport verify(String name, int zoom) {
        LayerId id = new LayerId(name, zoom);
        return new LayerVerifier(reader).verify(id, descriptor(id));
    }

    // ---- helpers ----

    private void ensureOpen() {
        if (closed.get()) {
            throw new CatalogException("catalog " + location() + " is closed; open it again to read or write layers");
        }
    }

    LayerDescriptor<?> descriptor(LayerId id) {
        ensureOpen();
        JsonNode blob = attributes.find(id, AttributeStore.METADATA)
                .orElseThrow(() -> new LayerNotFoundException(id, location()));
        try {
            return LayerDescriptor.fromJson(blob, "layer " + id + " metadata");
        } catch (LayerFormatException e) {
            throw new CatalogException(e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <K extends LayerKey> LayerDescriptor<K> typed(LayerId id, LayerDescriptor<?> d, Class<K> keyType) {
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

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        pool.shutdownNow();
        storage.close();
    }
}
