package io.tessera.catalog;

import io.tessera.catalog.codec.ValueClass;
import io.tessera.catalog.codec.Zlib;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.exceptions.LayerExistsException;
import io.tessera.catalog.exceptions.LayerNotFoundException;
import io.tessera.catalog.exceptions.LayerOutOfKeyBoundsException;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.format.RecordInventory;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.index.IndexRanges;
import io.tessera.catalog.index.KeyIndex;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.VerifyReport;
import io.tessera.catalog.query.LayerQuery;
import io.tessera.catalog.query.QueryPlan;
import io.tessera.catalog.query.QueryPlanner;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.spi.Backends;
import io.tessera.catalog.store.LayerStore;
import io.tessera.catalog.store.Names;
import io.tessera.catalog.store.WriteCoverage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;

/**
 * A catalog of tiled raster layers in one storage backend, chosen by URI scheme
 * ({@code file:///data/catalog}, {@code s3://bucket/prefix}, ...). Layers are identified by name
 * and zoom; each is stored in GeoTrellis 3.x's format, so GeoTrellis reads what this writes and
 * the other way round.
 *
 * <p>A new layer becomes visible only when all its tiles are stored: its definition is committed
 * last, atomically. A write that fails leaves no layer behind. Instances are thread-safe; close the
 * catalog to release the backend and the IO threads.
 */
public final class Catalog implements AutoCloseable {

    /** The option naming how many record reads and writes run at once. */
    public static final String PARALLELISM = "parallelism";
    /**
     * The option naming the zlib level (0–9) records are deflated at unless a write's
     * {@link WriteOptions} names one; default 6, GeoTrellis's, whose records are byte for byte the same.
     */
    public static final String COMPRESSION_LEVEL = "compression-level";

    private final LayerStore layers;
    private final AttributeStore attributes;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Catalog(LayerStore layers) {
        this.layers = layers;
        this.attributes = new AttributeStore(layers.attributes(), null);
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
     * reads and writes run at once (default: twice the cores, at least 4; records are encoded on
     * one thread per core whatever it is), {@value #COMPRESSION_LEVEL}
     * the zlib level of the records it writes (default 6, GeoTrellis's); every other option goes to
     * the backend and overrides the URI's query parameters.
     *
     * @throws IllegalArgumentException for a malformed URI or option
     */
    public static Catalog open(String uri, Map<String, String> options) {
        required(uri, "uri");
        Map<String, String> backendOptions = new java.util.HashMap<>(required(options, "options"));
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
        String l = backendOptions.remove(COMPRESSION_LEVEL);
        int level = Zlib.GEOTRELLIS_LEVEL;
        if (l != null) {
            try {
                level = WriteOptions.checkLevel(Integer.parseInt(l.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("option " + COMPRESSION_LEVEL + " must be a whole number from 0 (none)"
                        + " to 9 (smallest), got '" + l + "'", e);
            }
        }
        return new Catalog(new LayerStore(Backends.open(uri, backendOptions), parallelism, level));
    }

    /** Where the catalog is. */
    public String location() {
        return layers.location();
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
        required(name, "name");
        return definition(new LayerId(name, zoom)).metadata();
    }

    /** The layer's key type. */
    public KeyType keyType(String name, int zoom) {
        required(name, "name");
        return definition(new LayerId(name, zoom)).keyType();
    }

    /**
     * The tile at {@code key}, or empty when the layer has no tile there.
     *
     * @throws LayerNotFoundException when there is no such layer
     * @throws IllegalArgumentException when the key's type is not the layer's (a spatial key for a
     *     space-time layer, or the reverse)
     */
    public <K extends LayerKey> Optional<MultibandTile> readValue(String name, int zoom, K key) {
        required(name, "name");
        required(key, "key");
        LayerId id = new LayerId(name, zoom);
        @SuppressWarnings("unchecked")
        Class<K> type = (Class<K>) key.getClass();
        return layers.readValue(id, LayerStore.typed(id, definition(id), type), key);
    }

    /** The whole layer; tiles are read as the result is streamed. */
    public TileLayer<?> query(String name, int zoom) {
        required(name, "name");
        LayerId id = new LayerId(name, zoom);
        return select(id, definition(id), LayerQuery.all());
    }

    /**
     * The whole layer with keys of {@code keyType}.
     *
     * @throws IllegalArgumentException when the layer's keys are of the other type
     */
    public <K extends LayerKey> TileLayer<K> query(String name, int zoom, Class<K> keyType) {
        required(name, "name");
        required(keyType, "keyType");
        LayerId id = new LayerId(name, zoom);
        return select(id, LayerStore.typed(id, definition(id), keyType), LayerQuery.all());
    }

    /**
     * The tiles a query selects (geometry and/or time), with metadata whose bounds are the
     * query's. A query that selects nothing gives an empty layer, not an error.
     *
     * @throws IllegalArgumentException for a time filter on a spatial layer, or a geometry that
     *     cannot be reprojected into the layer's CRS
     */
    public TileLayer<?> query(String name, int zoom, LayerQuery query) {
        required(name, "name");
        required(query, "query");
        LayerId id = new LayerId(name, zoom);
        return select(id, definition(id), query);
    }

    /** {@link #query(String, int, LayerQuery)} for a layer with keys of {@code keyType}. */
    public <K extends LayerKey> TileLayer<K> query(String name, int zoom, Class<K> keyType, LayerQuery query) {
        required(name, "name");
        required(keyType, "keyType");
        required(query, "query");
        LayerId id = new LayerId(name, zoom);
        return select(id, LayerStore.typed(id, definition(id), keyType), query);
    }

    private <K extends LayerKey> TileLayer<K> select(LayerId id, LayerDescriptor<K> d, LayerQuery query) {
        QueryPlan<K> plan = QueryPlanner.plan(d.metadata(), query);
        return TileLayer.lazy(d.keyType(), plan.metadata(), () -> {
            ensureOpen();
            return layers.read(id, d, plan.keyBounds());
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
        required(name, "name");
        required(layer, "layer");
        required(options, "options");
        layers.publish(List.of(stage(name, layer, options)));
    }

    private <K extends LayerKey> LayerStore.Staged stage(String name, TileLayer<K> layer, WriteOptions options) {
        ensureOpen();
        LayerId id = new LayerId(Names.requireLayerName(name), layer.zoom().orElse(0));
        TileLayerMetadata<K> md = layer.metadata();
        KeyBounds<K> bounds = md.bounds().orElseThrow(() -> new IllegalArgumentException(
                "layer '" + name + "' has empty bounds: there is nothing to write"));
        KeyIndex<K> index = KeyIndexes.create(bounds, options);
        return layers.stage(id, layer.keyType(), options.singleBandTiles() ? ValueClass.TILE : ValueClass.MULTIBAND_TILE,
                md, index, layer::stream, options.compressionLevel());
    }

    /**
     * Writes every level of a pyramid, each at its own zoom, as one unit: every level's tiles are
     * stored before any level is committed, so a write that fails or is killed part-way leaves no
     * level visible and can simply be run again. Every level must have a zoom.
     *
     * @throws LayerExistsException before anything is written, when a level exists
     */
    public <K extends LayerKey> void writePyramid(String name, List<TileLayer<K>> levels, WriteOptions options) {
        required(name, "name");
        required(levels, "levels");
        required(options, "options");
        List<LayerId> ids = new ArrayList<>();
        for (TileLayer<K> level : levels) {
            if (level.zoom().isEmpty()) {
                throw new IllegalArgumentException("every pyramid level needs a zoom; use TileLayer.atZoom");
            }
            ids.add(new LayerId(name, level.zoom().getAsInt()));
        }
        ensureOpen();
        layers.requireAbsent(ids);
        List<LayerStore.Staged> staged = new ArrayList<>();
        try {
            for (TileLayer<K> level : levels) {
                staged.add(stage(name, level, options));
            }
        } catch (RuntimeException e) {
            layers.discard(staged, e);
            throw e;
        }
        layers.publish(staged);
    }

    /** Writes every level of a pyramid, z-order indexed. */
    public <K extends LayerKey> void writePyramid(String name, List<TileLayer<K>> levels) {
        writePyramid(name, levels, WriteOptions.DEFAULT);
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
        required(name, "name");
        required(layer, "layer");
        required(merge, "merge");
        change(name, layer, LayerStore.Change.UPDATE, merge);
    }

    /** Replaces the records the update's tiles fall in by those tiles, without reading them first. */
    public <K extends LayerKey> void overwrite(String name, TileLayer<K> layer) {
        required(name, "name");
        required(layer, "layer");
        change(name, layer, LayerStore.Change.OVERWRITE, (a, b) -> b);
    }

    @SuppressWarnings("unchecked")
    private <K extends LayerKey> void change(String name, TileLayer<K> layer, LayerStore.Change how,
            BinaryOperator<MultibandTile> merge) {
        ensureOpen();
        layers.change(new LayerId(name, layer.zoom().orElse(0)), (Class<K>) layer.keyType().javaType(),
                layer.metadata(), layer::stream, how, merge);
    }

    // ---- reads and writes in parallel processes (Spark) ----

    /**
     * Plans a read of the tiles a query selects, cut into at most {@code parts} splits that other
     * processes (Spark executors) read apart with {@link #read(ReadSplit)} on a catalog opened from
     * the same URI. Splits are balanced by record count where the layer has a record inventory,
     * else by index count.
     *
     * @throws LayerNotFoundException when there is no such layer
     * @throws IllegalArgumentException when the layer's keys are of the other type, or {@code parts < 1}
     */
    public <K extends LayerKey> ReadPlan<K> planRead(String name, int zoom, Class<K> keyType, LayerQuery query,
            int parts) {
        required(name, "name");
        required(keyType, "keyType");
        required(query, "query");
        if (parts < 1) {
            throw new IllegalArgumentException("a read needs at least one split, got " + parts);
        }
        ensureOpen();
        LayerId id = new LayerId(name, zoom);
        LayerDescriptor<K> d = LayerStore.typed(id, definition(id), keyType);
        QueryPlan<K> plan = QueryPlanner.plan(d.metadata(), query);
        String definition = d.toJson().toString();
        List<ReadSplit<K>> splits = new ArrayList<>();
        for (List<IndexRange> piece : IndexRanges.split(layers.ranges(id, d, plan.keyBounds()), parts)) {
            splits.add(new ReadSplit<>(id, keyType, definition, plan.keyBounds(), piece, splits.size()));
        }
        return new ReadPlan<>(plan.metadata(), splits);
    }

    /**
     * The tiles of one split of a planned read, streamed, in index order.
     *
     * @throws CatalogException when the layer was changed or deleted since the read was planned (at
     *     once, or at the end of the stream when it happens while the split is read)
     */
    public <K extends LayerKey> Stream<KeyedTile<K>> read(ReadSplit<K> split) {
        required(split, "split");
        ensureOpen();
        LayerId id = split.layer();
        LayerDescriptor<K> d;
        try {
            d = LayerStore.typed(id, definition(id), split.keyType());
            if (!d.toJson().toString().equals(split.definition())) {
                // This process may have cached the layer before another one rewrote it.
                d = LayerStore.typed(id, layers.storedDefinition(id), split.keyType());
            }
        } catch (LayerNotFoundException gone) {
            throw new CatalogException("layer " + id + " in " + location() + " was deleted after its read was planned",
                    gone);
        }
        if (!d.toJson().toString().equals(split.definition())) {
            throw new CatalogException("layer " + id + " in " + location() + " was changed by another writer after its"
                    + " read was planned; plan the read again");
        }
        return layers.read(id, d, split.query(), split.ranges());
    }

    /**
     * Begins a new layer whose tiles other processes write in parts ({@link #writePart}) and this
     * process commits ({@link SharedWrite#commit}); see {@link SharedWrite}.
     *
     * @param zoom the new layer's zoom
     * @throws LayerExistsException when the layer exists
     * @throws IllegalArgumentException for empty bounds or an invalid name
     */
    public <K extends LayerKey> SharedWrite<K> beginSharedWrite(String name, int zoom, KeyType keyType,
            TileLayerMetadata<K> metadata, WriteOptions options) {
        required(name, "name");
        required(keyType, "keyType");
        required(metadata, "metadata");
        required(options, "options");
        ensureOpen();
        LayerId id = new LayerId(Names.requireLayerName(name), zoom);
        KeyBounds<K> bounds = metadata.bounds().orElseThrow(() -> new IllegalArgumentException(
                "layer '" + name + "' has empty bounds: there is nothing to write"));
        KeyIndex<K> index = KeyIndexes.create(bounds, options);
        LayerStore.SharedCreate create = layers.beginShared(id, keyType,
                options.singleBandTiles() ? ValueClass.TILE : ValueClass.MULTIBAND_TILE, metadata, index);
        @SuppressWarnings("unchecked")
        Class<K> type = (Class<K>) keyType.javaType();
        return new SharedWrite<>(layers, create, new WriteTicket<>(id, type, create.descriptor().toJson().toString(),
                create.share(), create.claimId(), options.compressionLevel(), layers.partsNeedIndexSpans()));
    }

    /**
     * Begins a reindex of a layer whose new records other processes write in parts, reading the
     * layer as it is ({@link #planRead}); the commit switches the layer to them in one step, as
     * {@link #reindex} does, keeping its tiles, value class and user attributes.
     *
     * @param options the new key index (method, time resolution, bounds) and compression level
     * @throws LayerNotFoundException when there is no such layer
     * @throws IllegalArgumentException when the layer's keys are of the other type
     */
    public <K extends LayerKey> SharedWrite<K> beginSharedReindex(String name, int zoom, Class<K> keyType,
            WriteOptions options) {
        required(name, "name");
        required(keyType, "keyType");
        required(options, "options");
        ensureOpen();
        LayerId id = new LayerId(name, zoom);
        LayerDescriptor<K> d = LayerStore.typed(id, definition(id), keyType);
        LayerStore.SharedCreate reindex = layers.beginSharedReindex(id, KeyIndexes.create(d.keyIndex().keyBounds(),
                options));
        return new SharedWrite<>(layers, reindex, new WriteTicket<>(id, keyType, reindex.descriptor().toJson().toString(),
                reindex.share(), reindex.claimId(), options.compressionLevel(), layers.partsNeedIndexSpans()));
    }

    /**
     * Writes one part of a shared write: every tile is checked against the new layer (bounds, size,
     * cell type, bands), the tiles of each index become one record, and the records are durable
     * when this returns, yet invisible until the owner commits. Run it again with the same tiles
     * after a failure: the retry writes the same records again.
     *
     * @param part this part's number, unique within the write (a Spark partition's index)
     * @return what to give the owner for its commit
     * @throws CatalogException when the write is gone (abandoned, or committed)
     * @throws LayerOutOfKeyBoundsException when a key lies outside the layer's bounds
     * @throws IllegalArgumentException when a tile does not match the layer
     */
    public <K extends LayerKey> WrittenPart writePart(WriteTicket<K> ticket, int part, Stream<KeyedTile<K>> tiles) {
        return writePart(ticket, part, tiles, (existing, fresh) -> fresh);
    }

    /**
     * {@link #writePart(WriteTicket, int, Stream)} for a part of a {@link SharedChange}, combining
     * the tiles of keys the layer has with {@code merge(existing, new)} in an update (an overwrite
     * replaces records without reading them). The existing tile is the one from before the change,
     * also when the part runs again.
     *
     * @throws CatalogException when the change is over, or the tiles differ from those the part checked
     * @throws IllegalArgumentException when the ticket is a change's that was not held, or a change
     *     that takes one part is given another part number
     */
    public <K extends LayerKey> WrittenPart writePart(WriteTicket<K> ticket, int part, Stream<KeyedTile<K>> tiles,
            BinaryOperator<MultibandTile> merge) {
        required(ticket, "ticket");
        required(tiles, "tiles");
        required(merge, "merge");
        ensureOpen();
        if (ticket.change().isEmpty()) {
            RecordInventory written = layers.writePart(ticket.layer(), ticket.descriptor(), ticket.share(),
                    ticket.claimId(), part, tiles, ticket.level());
            return new WrittenPart(part, written.ranges());
        }
        if (ticket.singlePart() && part != 0) {
            throw new IllegalArgumentException("the " + ticket + " is written by one part on this catalog (its files"
                    + " take one replacing writer at a time): give every tile to part 0, not part " + part);
        }
        WriteCoverage<K> written = layers.changePart(ticket.layer(), ticket.descriptor(), part, tiles,
                ticket.change().get(), merge, ticket.level());
        return new WrittenPart(part, written.indexes().ranges(), written.bounds());
    }

    /**
     * Checks one part of a {@link SharedChange}, writing nothing: every tile against the layer
     * (key type, the key index's bounds, tile size, cell type, bands).
     *
     * @return what the part would write, for {@link SharedChange#hold}
     * @throws LayerOutOfKeyBoundsException when a key lies outside the layer's key index bounds
     * @throws IllegalArgumentException when a tile does not match the layer, or the ticket is not a change's
     */
    public <K extends LayerKey> WrittenPart checkPart(WriteTicket<K> ticket, int part, Stream<KeyedTile<K>> tiles) {
        required(ticket, "ticket");
        required(tiles, "tiles");
        ensureOpen();
        if (ticket.change().isEmpty()) {
            throw new IllegalArgumentException("the " + ticket + " is not a change: its parts are only written");
        }
        LayerDescriptor<K> d = ticket.descriptor().withPending(Optional.empty());
        WriteCoverage<K> covered = layers.checkPart(ticket.layer(), d, tiles);
        return new WrittenPart(part, covered.indexes().ranges(), covered.bounds());
    }

    /**
     * Begins an update of an existing layer whose tiles other processes write in parts; see
     * {@link SharedChange}. Where a key exists, the tiles are combined by the {@code merge} each part
     * is written with ({@link #writePart(WriteTicket, int, Stream, BinaryOperator)}).
     *
     * @param update the metadata of the tiles the parts hold (the layer's metadata grows to cover it)
     * @throws LayerNotFoundException when there is no such layer
     * @throws LayerOutOfKeyBoundsException when the update's bounds reach outside the layer's key index bounds
     * @throws IllegalArgumentException for another key type, layout or CRS, or empty bounds
     */
    public <K extends LayerKey> SharedChange<K> beginSharedUpdate(String name, int zoom, Class<K> keyType,
            TileLayerMetadata<K> update) {
        return beginSharedChange(name, zoom, keyType, update, LayerStore.Change.UPDATE);
    }

    /**
     * Begins an overwrite of an existing layer whose tiles other processes write in parts: each
     * record a part's tiles fall in is replaced by those tiles only; see {@link SharedChange}.
     *
     * @throws LayerNotFoundException when there is no such layer
     * @throws LayerOutOfKeyBoundsException when the update's bounds reach outside the layer's key index bounds
     * @throws IllegalArgumentException for another key type, layout or CRS, or empty bounds
     */
    public <K extends LayerKey> SharedChange<K> beginSharedOverwrite(String name, int zoom, Class<K> keyType,
            TileLayerMetadata<K> update) {
        return beginSharedChange(name, zoom, keyType, update, LayerStore.Change.OVERWRITE);
    }

    private <K extends LayerKey> SharedChange<K> beginSharedChange(String name, int zoom, Class<K> keyType,
            TileLayerMetadata<K> update, LayerStore.Change how) {
        required(name, "name");
        required(keyType, "keyType");
        required(update, "update");
        ensureOpen();
        LayerId id = new LayerId(name, zoom);
        LayerStore.PlannedChange<K> plan = layers.planChange(id, keyType, update).orElseThrow(() ->
                new IllegalArgumentException("the " + how.name().toLowerCase(Locale.ROOT) + " of layer " + id
                        + " has empty bounds: there is nothing to write"));
        WriteTicket<K> ticket = new WriteTicket<>(id, keyType, plan.descriptor().toJson().toString(), null,
                Optional.empty(), OptionalInt.empty(), false, how, layers.changesTakeOnePart());
        return new SharedChange<>(layers, plan, ticket);
    }

    // ---- delete, copy, move, reindex ----

    /**
     * Deletes a layer's tiles and all its attributes. The layer disappears first (its definition
     * goes before its tiles), so a delete cut short leaves no half layer.
     *
     * @throws LayerNotFoundException when there is no such layer
     */
    public void delete(String name, int zoom) {
        ensureOpen();
        layers.delete(new LayerId(name, zoom));
    }

    /**
     * Deletes every zoom level of a layer.
     *
     * @throws LayerNotFoundException when no zoom of that name exists
     */
    public void delete(String name) {
        required(name, "name");
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
     * the new index, built over the old index's key bounds, at its compression level (or the target
     * catalog's).
     *
     * @throws LayerNotFoundException when the source does not exist
     * @throws LayerExistsException when the target exists
     */
    public void copyTo(Catalog target, String name, int zoom, String newName, Optional<WriteOptions> reindex) {
        required(target, "target");
        required(name, "name");
        required(newName, "newName");
        required(reindex, "reindex");
        ensureOpen();
        target.ensureOpen();
        LayerId from = new LayerId(name, zoom);
        copyLayer(from, definition(from), target.layers, new LayerId(Names.requireLayerName(newName), zoom), reindex);
    }

    private <K extends LayerKey> void copyLayer(LayerId from, LayerDescriptor<K> d, LayerStore target, LayerId to,
            Optional<WriteOptions> reindex) {
        Optional<KeyIndex<K>> index = reindex.map(o -> KeyIndexes.create(d.keyIndex().keyBounds(), o));
        layers.copy(from, target, to, index, reindex.map(WriteOptions::compressionLevel).orElse(OptionalInt.empty()));
    }

    /**
     * Moves a layer to another name at the same zoom: a copy, then the source is deleted.
     *
     * @throws LayerNotFoundException when the source does not exist
     * @throws LayerExistsException when the target exists (including a move onto itself)
     */
    public void move(String name, int zoom, String newName) {
        required(name, "name");
        required(newName, "newName");
        ensureOpen();
        layers.move(new LayerId(name, zoom), new LayerId(Names.requireLayerName(newName), zoom));
    }

    /**
     * Rewrites a layer with another key index (built over the current index's key bounds), keeping
     * its tiles, value class and user attributes. The new records are stored first, out of sight (no
     * temporary layer appears), then swapped in with the new definition in one quick step, so a
     * failure while rebuilding leaves the original as it was.
     *
     * @throws LayerNotFoundException when the layer does not exist
     */
    public void reindex(String name, int zoom, WriteOptions options) {
        required(name, "name");
        required(options, "options");
        LayerId id = new LayerId(name, zoom);
        reindexLayer(id, definition(id), options);
    }

    private <K extends LayerKey> void reindexLayer(LayerId id, LayerDescriptor<K> d, WriteOptions options) {
        layers.reindex(id, KeyIndexes.create(d.keyIndex().keyBounds(), options), options.compressionLevel());
    }

    /**
     * Checks a layer's integrity: decodes every record and checks every key and cell type.
     *
     * @throws LayerNotFoundException when the layer does not exist
     */
    public VerifyReport verify(String name, int zoom) {
        required(name, "name");
        ensureOpen();
        return layers.verify(new LayerId(name, zoom));
    }

    /**
     * Rolls back a change (update or overwrite) of a layer whose writer is gone — a killed process,
     * a lost machine — which left the layer marked as changing: the records it wrote get their
     * previous bytes back and the layer its previous metadata. The next writer does this by itself
     * when the writer ran on this host or has held the layer for an hour; this is for now.
     *
     * @return true when there was such a change, false when the layer had none
     * @throws CatalogException when the change's writer still runs on this host
     * @throws LayerNotFoundException when the layer does not exist
     */
    public boolean repair(String name, int zoom) {
        required(name, "name");
        ensureOpen();
        return layers.repair(new LayerId(name, zoom));
    }

    /**
     * The exact number of records (stored tiles; more than one tile shares a record only where the
     * key index maps several keys to one index) of a layer this library wrote, known without reading
     * any; empty for a layer without a record inventory, such as one GeoTrellis wrote.
     *
     * @throws LayerNotFoundException when the layer does not exist
     */
    public OptionalLong recordCount(String name, int zoom) {
        required(name, "name");
        ensureOpen();
        return layers.recordCount(new LayerId(name, zoom));
    }

    // ---- helpers ----

    /** A null argument is a caller's mistake: say which one. */
    private static <T> T required(T value, String parameter) {
        return java.util.Objects.requireNonNull(value, () -> "parameter '" + parameter + "' is null");
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new CatalogException("catalog " + location() + " is closed; open it again to read or write layers");
        }
    }

    private LayerDescriptor<?> definition(LayerId id) {
        ensureOpen();
        return layers.definition(id);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            layers.close();
        }
    }
}
