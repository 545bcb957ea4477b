package io.tessera.catalog.store;

import io.tessera.catalog.codec.TileRecordCodec;
import io.tessera.catalog.codec.ValueClass;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.exceptions.LayerOutOfKeyBoundsException;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.format.RecordInventory;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.StoredRecord;
import io.tessera.catalog.spi.WriteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Writes tiles, or records as they are, into a {@link RecordBatch} in the order the backend asks
 * for ({@link WriteOrder}).
 *
 * <ul>
 *   <li>{@link WriteOrder#ANY}: tiles are taken in chunks, grouped by index, and go through the
 *       {@link WritePipeline} (reads and writes on the IO pool, encoding on one thread per core); a
 *       chunk finishes before the next is read, so memory is bounded by the chunk. An index met
 *       again in a later chunk is read back and merged.
 *   <li>{@link WriteOrder#ASCENDING_UNIQUE}: tiles go through a {@link TileSorter} (bounded memory,
 *       runs spilled to disk), each index's tiles become one record, records are encoded on the pool
 *       a window ahead and handed to the batch in index order from this thread.
 * </ul>
 *
 * <p>Committing the layer is the caller's job, after the batch is closed.
 */
final class LayerWriter {

    /** What happens to records already stored at an index the write touches. */
    enum Mode {
        /** A new layer: there are no records from before. */
        CREATE,
        /** Existing pairs at the index are merged with the new ones by key. */
        UPDATE,
        /** The record is replaced by the new pairs only. */
        OVERWRITE
    }

    /** Cell bytes a sorted write holds in memory before parking a sorted run on disk. */
    static final long SORT_BUDGET_BYTES = 64L << 20;

    private final RecordSource source;
    private final ExecutorService pool;
    private final WritePipeline pipeline;
    private final int chunkSize;
    private final long sortBudget;
    private final int level;

    /**
     * @param pool the IO pool
     * @param pipeline the IO pool and the encoding threads, for writes in {@link WriteOrder#ANY}
     * @param level the zlib level records are deflated at
     */
    LayerWriter(RecordSource source, ExecutorService pool, WritePipeline pipeline, int chunkSize, long sortBudget,
            int level) {
        this.source = source;
        this.pool = pool;
        this.pipeline = pipeline;
        this.chunkSize = chunkSize;
        this.sortBudget = sortBudget;
        this.level = level;
    }

    /** This writer deflating at another zlib level. */
    LayerWriter atLevel(int other) {
        return other == level ? this : new LayerWriter(source, pool, pipeline, chunkSize, sortBudget, other);
    }

    /**
     * Writes {@code tiles} into the layer described by {@code d} through {@code batch}.
     *
     * @param merge combines (existing, new) tiles of the same key in {@link Mode#UPDATE}
     * @param allowed bounds every key must lie in
     * @return the indexes written
     * @throws LayerOutOfKeyBoundsException when a key lies outside {@code allowed}
     * @throws IllegalArgumentException when a tile's size or cell type does not match the layer
     */
    <K extends LayerKey> RecordInventory write(LayerId id, LayerDescriptor<K> d, RecordLocation loc, RecordBatch batch,
            WriteOrder order, Stream<KeyedTile<K>> tiles, Mode mode, BinaryOperator<MultibandTile> merge,
            KeyBounds<K> allowed) {
        return order == WriteOrder.ANY
                ? writeChunked(id, d, loc, batch, tiles, mode, merge, allowed)
                : writeSorted(id, d, loc, batch, tiles, mode, merge, allowed);
    }

    private <K extends LayerKey> RecordInventory writeChunked(LayerId id, LayerDescriptor<K> d, RecordLocation loc,
            RecordBatch batch, Stream<KeyedTile<K>> tiles, Mode mode, BinaryOperator<MultibandTile> merge,
            KeyBounds<K> allowed) {
        TileRecordCodec<K> codec = RecordCodecs.forLayer(d);
        Set<Long> touched = new HashSet<>();
        int[] bands = {0};
        Iterator<KeyedTile<K>> it = tiles.iterator();
        Map<Long, List<KeyedTile<K>>> chunk = new LinkedHashMap<>();
        int inChunk = 0;
        while (it.hasNext()) {
            KeyedTile<K> t = it.next();
            check(id, d, t, allowed, bands);
            chunk.computeIfAbsent(d.keyIndex().toIndex(t.key()), i -> new ArrayList<>()).add(t);
            if (++inChunk >= chunkSize) {
                flush(id, d, loc, batch, codec, chunk, touched, mode, merge);
                chunk.clear();
                inChunk = 0;
            }
        }
        flush(id, d, loc, batch, codec, chunk, touched, mode, merge);
        RecordInventory.Builder written = new RecordInventory.Builder();
        touched.forEach(written::add);
        return written.build();
    }

    private <K extends LayerKey> void flush(LayerId id, LayerDescriptor<K> d, RecordLocation loc, RecordBatch batch,
            TileRecordCodec<K> codec, Map<Long, List<KeyedTile<K>>> chunk, Set<Long> touched, Mode mode,
            BinaryOperator<MultibandTile> merge) {
        List<WritePipeline.Job<Optional<byte[]>>> jobs = new ArrayList<>(chunk.size());
        for (Map.Entry<Long, List<KeyedTile<K>>> e : chunk.entrySet()) {
            long index = e.getKey();
            List<KeyedTile<K>> fresh = e.getValue();
            boolean seenInThisWrite = !touched.add(index);
            if (seenInThisWrite || mode == Mode.UPDATE) {
                jobs.add(merged(id, d, codec, index, () -> source.read(loc, index), fresh,
                        seenInThisWrite ? (a, b) -> b : merge));
            } else {
                jobs.add(new WritePipeline.Job<>(index, null,
                        none -> codec.encode(combine(List.of(), fresh, (a, b) -> b), level)));
            }
        }
        pipeline.run(id, batch, jobs);
    }

    private <K extends LayerKey> RecordInventory writeSorted(LayerId id, LayerDescriptor<K> d, RecordLocation loc,
            RecordBatch batch, Stream<KeyedTile<K>> tiles, Mode mode, BinaryOperator<MultibandTile> merge,
            KeyBounds<K> allowed) {
        try (TileSorter<K> sorter = sorter(d)) {
            park(id, d, tiles, allowed, sorter::add);
            return drain(id, d, i -> source.read(loc, i), batch, WriteOrder.ASCENDING_UNIQUE, sorter.sorted(), mode,
                    merge);
        }
    }

    /**
     * Writes tiles as records with every tile of an index in one record, whatever order they come
     * in (sorted in bounded memory first), handed to the batch in {@code order}: a part of a shared
     * create, whose other parts never hold tiles of the same indexes.
     *
     * @return the indexes written
     */
    <K extends LayerKey> RecordInventory writeGrouped(LayerId id, LayerDescriptor<K> d, RecordLocation loc,
            RecordBatch batch, WriteOrder order, Stream<KeyedTile<K>> tiles, KeyBounds<K> allowed) {
        try (TileSorter<K> sorter = sorter(d)) {
            park(id, d, tiles, allowed, sorter::add);
            return drain(id, d, i -> Optional.empty(), batch, order, sorter.sorted(), Mode.CREATE, (a, b) -> b);
        }
    }

    /** A sorter for the tiles of one write into {@code d}, in this writer's memory budget. */
    <K extends LayerKey> TileSorter<K> sorter(LayerDescriptor<K> d) {
        return new TileSorter<>(d.keyType(), d.keyIndex()::toIndex, sortBudget);
    }

    /**
     * Checks every tile and hands it to {@code parking}, before any record is touched.
     *
     * @return the bounds of the keys and the indexes of their records
     * @throws LayerOutOfKeyBoundsException when a key lies outside {@code allowed}
     * @throws IllegalArgumentException when a tile's key type, size, bands or cell type do not match the layer
     */
    <K extends LayerKey> WriteCoverage<K> park(LayerId id, LayerDescriptor<K> d, Stream<KeyedTile<K>> tiles,
            KeyBounds<K> allowed, Consumer<KeyedTile<K>> parking) {
        KeyBounds<K> seen = null;
        RecordInventory.Builder indexes = new RecordInventory.Builder();
        int[] bands = {0};
        Iterator<KeyedTile<K>> it = tiles.iterator();
        while (it.hasNext()) {
            KeyedTile<K> t = it.next();
            check(id, d, t, allowed, bands);
            parking.accept(t);
            indexes.add(d.keyIndex().toIndex(t.key()));
            seen = seen == null ? KeyBounds.of(t.key()) : seen.include(t.key());
        }
        return new WriteCoverage<>(Optional.ofNullable(seen), indexes.build());
    }

    /**
     * Writes sorted groups of tiles as records: each group merged with the record {@code stored}
     * gives for its index in {@link Mode#UPDATE}. For {@link WriteOrder#ANY} they go through the
     * {@link WritePipeline} a chunk at a time; otherwise they are encoded on the pool a window ahead
     * and written from this thread in index order.
     *
     * @return the indexes written
     */
    <K extends LayerKey> RecordInventory drain(LayerId id, LayerDescriptor<K> d, LongFunction<Optional<byte[]>> stored,
            RecordBatch batch, WriteOrder order, Iterator<TileSorter.Group<K>> groups, Mode mode, BinaryOperator<MultibandTile> merge) {
        TileRecordCodec<K> codec = RecordCodecs.forLayer(d);
        RecordInventory.Builder written = new RecordInventory.Builder();
        if (order == WriteOrder.ANY) {
            List<WritePipeline.Job<Optional<byte[]>>> jobs = new ArrayList<>(chunkSize);
            while (groups.hasNext()) {
                TileSorter.Group<K> g = groups.next();
                written.add(g.index());
                jobs.add(mode == Mode.UPDATE
                        ? merged(id, d, codec, g.index(), () -> stored.apply(g.index()), g.tiles(), merge)
                        : new WritePipeline.Job<>(g.index(), null, none -> codec.encode(g.tiles(), level)));
                if (jobs.size() >= chunkSize) {
                    pipeline.run(id, batch, jobs);
                    jobs.clear();
                }
            }
            pipeline.run(id, batch, jobs);
            return written.build();
        }
        Iterator<Callable<List<StoredRecord>>> encodes = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return groups.hasNext();
            }

            @Override
            public Callable<List<StoredRecord>> next() {
                TileSorter.Group<K> g = groups.next();
                written.add(g.index());
                return () -> {
                    List<KeyedTile<K>> pairs = mode == Mode.UPDATE
                            ? withStored(id, d, codec, stored.apply(g.index()), g.index(), g.tiles(), merge) : g.tiles();
                    return List.of(new StoredRecord(g.index(), codec.encode(pairs, level)));
                };
            }
        };
        try (Stream<StoredRecord> records = Ahead.stream(encodes, pool, chunkSize, () -> { })) {
            records.forEachOrdered(r -> batch.write(r.index(), r.bytes()));
        }
        return written.build();
    }

    /** A record of {@code fresh} merged with what {@code read} finds at {@code index}: read on the IO pool, merged with the encoding. */
    private <K extends LayerKey> WritePipeline.Job<Optional<byte[]>> merged(LayerId id, LayerDescriptor<K> d,
            TileRecordCodec<K> codec, long index, Supplier<Optional<byte[]>> read, List<KeyedTile<K>> fresh,
            BinaryOperator<MultibandTile> merge) {
        return new WritePipeline.Job<>(index, read,
                stored -> codec.encode(withStored(id, d, codec, stored, index, fresh, merge), level));
    }

    /**
     * Stores records as they are (bytes already encoded for the target's key index and schema),
     * in the order they come; in parallel for {@link WriteOrder#ANY}, else from this thread.
     *
     * @return the indexes written
     */
    RecordInventory writeRecords(LayerId id, RecordBatch batch, WriteOrder order, Stream<StoredRecord> stored) {
        long n = 0;
        RecordInventory.Builder written = new RecordInventory.Builder();
        Iterator<StoredRecord> it = stored.iterator();
        if (order == WriteOrder.ASCENDING_UNIQUE) {
            long last = Long.MIN_VALUE;
            while (it.hasNext()) {
                StoredRecord r = it.next();
                if (n > 0 && r.index() <= last) {
                    throw new IllegalStateException("records of layer " + id + " came out of order: " + r.index()
                            + " after " + last);
                }
                batch.write(r.index(), r.bytes());
                written.add(r.index());
                last = r.index();
                n++;
            }
            return written.build();
        }
        List<Callable<Void>> writes = new ArrayList<>(chunkSize);
        while (it.hasNext()) {
            StoredRecord r = it.next();
            writes.add(() -> {
                batch.write(r.index(), r.bytes());
                return null;
            });
            written.add(r.index());
            if (writes.size() >= chunkSize) {
                runAll(id, writes);
                writes.clear();
            }
        }
        runAll(id, writes);
        return written.build();
    }

    private void runAll(LayerId id, List<Callable<Void>> tasks) {
        List<Future<Void>> futures = new ArrayList<>(tasks.size());
        for (Callable<Void> t : tasks) {
            futures.add(IoPool.submit(pool, t));
        }
        for (Future<Void> f : futures) {
            try {
                f.get();
            } catch (InterruptedException ex) {
                futures.forEach(w -> w.cancel(true));
                Thread.currentThread().interrupt();
                throw new CatalogException("interrupted while writing layer " + id, ex);
            } catch (ExecutionException ex) {
                futures.forEach(w -> w.cancel(true));
                Throwable c = ex.getCause();
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new CatalogException("writing layer " + id + " failed: " + c, c);
            }
        }
    }

    /** The pairs of the {@code stored} record, if any, combined with {@code fresh}. */
    private static <K extends LayerKey> List<KeyedTile<K>> withStored(LayerId id, LayerDescriptor<K> d,
            TileRecordCodec<K> codec, Optional<byte[]> stored, long index, List<KeyedTile<K>> fresh,
            BinaryOperator<MultibandTile> merge) {
        List<KeyedTile<K>> old = stored.isPresent() ? RecordCodecs.decode(codec, d, id, index, stored.get()) : List.of();
        return combine(old, fresh, merge);
    }

    /** Pairs of both lists, one per key; where a key is in both, {@code merge(old, fresh)}. */
    private static <K extends LayerKey> List<KeyedTile<K>> combine(List<KeyedTile<K>> old, List<KeyedTile<K>> fresh,
            BinaryOperator<MultibandTile> merge) {
        if (old.isEmpty() && fresh.size() == 1) {
            return fresh;
        }
        Map<K, MultibandTile> byKey = new LinkedHashMap<>();
        for (KeyedTile<K> t : old) {
            byKey.put(t.key(), t.tile());
        }
        for (KeyedTile<K> t : fresh) {
            byKey.merge(t.key(), t.tile(), merge);
        }
        List<KeyedTile<K>> out = new ArrayList<>(byKey.size());
        byKey.forEach((k, v) -> out.add(new KeyedTile<>(k, v)));
        return out;
    }

    /**
     * Checks one tile against the layer and against the tiles before it in the same write.
     *
     * @param bands the band count of the write's first tile, 0 before it (updated here)
     */
    private static <K extends LayerKey> void check(LayerId id, LayerDescriptor<K> d, KeyedTile<K> t, KeyBounds<K> allowed,
            int[] bands) {
        if (t.key().getClass() != d.keyType().javaType()) {
            throw new IllegalArgumentException("layer " + id + " has " + d.keyType() + " keys but a tile has key " + t.key());
        }
        if (!allowed.includes(t.key())) {
            throw new LayerOutOfKeyBoundsException(id, t.key(), allowed);
        }
        MultibandTile tile = t.tile();
        if (bands[0] == 0) {
            bands[0] = tile.bandCount();
        } else if (tile.bandCount() != bands[0]) {
            throw new IllegalArgumentException("tile " + t.key() + " has " + tile.bandCount() + " bands but the tiles"
                    + " before it in this write have " + bands[0] + "; every tile of a layer has the same bands");
        }
        if (tile.bandCount() != 1 && ValueClass.TILE.className().equals(d.header().valueClass())) {
            throw new IllegalArgumentException("layer " + id + " stores single-band tiles but tile " + t.key() + " has "
                    + tile.bandCount() + " bands");
        }
        int cols = d.metadata().layout().tileCols();
        int rows = d.metadata().layout().tileRows();
        if (tile.cols() != cols || tile.rows() != rows) {
            throw new IllegalArgumentException("tile " + t.key() + " is " + tile.cols() + "x" + tile.rows()
                    + " cells but layer " + id + " has " + cols + "x" + rows + " tiles");
        }
        for (Tile band : tile.bands()) {
            if (!band.cellType().equals(d.metadata().cellType())) {
                throw new IllegalArgumentException("tile " + t.key() + " has cell type " + band.cellType() + " but layer "
                        + id + " has " + d.metadata().cellType() + "; convert the tiles or write another layer");
            }
        }
    }
}
