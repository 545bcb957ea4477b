package io.tessera.catalog.store;

import io.tessera.catalog.CatalogException;
import io.tessera.catalog.LayerOutOfKeyBoundsException;
import io.tessera.catalog.codec.TileRecordCodec;
import io.tessera.catalog.codec.ValueClass;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.RecordStorage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.BinaryOperator;
import java.util.stream.Stream;

/**
 * Writes tiles into a layer's records. Tiles are taken from the stream in chunks, grouped by
 * record index, encoded and written on a bounded pool; a chunk finishes before the next is read,
 * so memory is bounded by the chunk size. An index met again in a later chunk is read back and
 * merged, so every key written ends up in its record.
 *
 * <p>Committing (writing the layer's {@code metadata}) is the caller's job, after this returns.
 */
public final class LayerWriter {

    /** What happens to records already stored at an index the write touches. */
    public enum Mode {
        /** A new layer: records are created; there are none from before. */
        CREATE,
        /** Existing pairs at the index are merged with the new ones by key. */
        UPDATE,
        /** The record is replaced by the new pairs only. */
        OVERWRITE
    }

    private final RecordStorage records;
    private final ExecutorService pool;
    private final int chunkSize;

    /**
     * @param records where the records go
     * @param pool runs encodes and writes
     * @param chunkSize tiles taken from the stream at a time
     */
    public LayerWriter(RecordStorage records, ExecutorService pool, int chunkSize) {
        this.records = records;
        this.pool = pool;
        this.chunkSize = chunkSize;
    }

    /**
     * Writes {@code tiles} into the layer described by {@code d}.
     *
     * @param merge combines (existing, new) tiles of the same key in {@link Mode#UPDATE}
     * @param allowed bounds every key must lie in
     * @return the number of tiles written
     * @throws LayerOutOfKeyBoundsException when a key lies outside {@code allowed}
     * @throws IllegalArgumentException when a tile's size or cell type does not match the layer
     */
    public <K extends LayerKey> long write(LayerId id, LayerDescriptor<K> d, Stream<KeyedTile<K>> tiles, Mode mode,
            BinaryOperator<MultibandTile> merge, KeyBounds<K> allowed) {
        RecordLocation loc = LayerReader.location(id, d);
        TileRecordCodec<K> codec = RecordCodecs.forLayer(d);
        Set<Long> touched = new HashSet<>();
        long count = 0;
        Iterator<KeyedTile<K>> it = tiles.iterator();
        Map<Long, List<KeyedTile<K>>> chunk = new LinkedHashMap<>();
        int inChunk = 0;
        while (it.hasNext()) {
            KeyedTile<K> t = it.next();
            check(id, d, t, allowed);
            chunk.computeIfAbsent(d.keyIndex().toIndex(t.key()), i -> new ArrayList<>()).add(t);
            count++;
            if (++inChunk >= chunkSize) {
                flush(id, d, loc, codec, chunk, touched, mode, merge);
                chunk.clear();
                inChunk = 0;
            }
        }
        flush(id, d, loc, codec, chunk, touched, mode, merge);
        return count;
    }

    private <K extends LayerKey> void flush(LayerId id, LayerDescriptor<K> d, RecordLocation loc, TileRecordCodec<K> codec,
            Map<Long, List<KeyedTile<K>>> chunk, Set<Long> touched, Mode mode, BinaryOperator<MultibandTile> merge) {
        List<Future<?>> writes = new ArrayList<>(chunk.size());
        for (Map.Entry<Long, List<KeyedTile<K>>> e : chunk.entrySet()) {
            long index = e.getKey();
            List<KeyedTile<K>> fresh = e.getValue();
            boolean seenInThisWrite = !touched.add(index);
            writes.add(IoPool.submit(pool, () -> {
                List<KeyedTile<K>> pairs = fresh;
                if (seenInThisWrite || mode == Mode.UPDATE) {
                    pairs = combine(id, d, codec, loc, index, fresh, seenInThisWrite ? (a, b) -> b : merge);
                } else if (fresh.size() > 1) {
                    pairs = combine(List.of(), fresh, (a, b) -> b);
                }
                records.write(loc, index, codec.encode(pairs));
                return null;
            }));
        }
        awaitAll(id, writes);
    }

    /**
     * Stores records as they are (bytes already encoded for {@code dst}'s key index and schema),
     * {@code chunkSize} writes at a time on the pool.
     *
     * @return the number of records written
     */
    public long writeRecords(LayerId id, RecordLocation dst, Stream<LayerReader.StoredRecord> stored) {
        long n = 0;
        List<Future<?>> writes = new ArrayList<>(chunkSize);
        Iterator<LayerReader.StoredRecord> it = stored.iterator();
        while (it.hasNext()) {
            LayerReader.StoredRecord r = it.next();
            writes.add(IoPool.submit(pool, () -> {
                records.write(dst, r.index(), r.bytes());
                return null;
            }));
            n++;
            if (writes.size() >= chunkSize) {
                awaitAll(id, writes);
                writes.clear();
            }
        }
        awaitAll(id, writes);
        return n;
    }

    private static void awaitAll(LayerId id, List<Future<?>> writes) {
        for (Future<?> f : writes) {
            try {
                f.get();
            } catch (InterruptedException ex) {
                writes.forEach(w -> w.cancel(true));
                Thread.currentThread().interrupt();
                throw new CatalogException("interrupted while writing layer " + id, ex);
            } catch (ExecutionException ex) {
                writes.forEach(w -> w.cancel(true));
                Throwable c = ex.getCause();
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                throw new CatalogException("writing layer " + id + " failed: " + c, c);
            }
        }
    }

    private <K extends LayerKey> List<KeyedTile<K>> combine(LayerId id, LayerDescriptor<K> d, TileRecordCodec<K> codec,
            RecordLocation loc, long index, List<KeyedTile<K>> fresh, BinaryOperator<MultibandTile> merge) {
        Optional<byte[]> existing = records.read(loc, index);
        List<KeyedTile<K>> old = existing.isPresent()
                ? RecordCodecs.decode(codec, d, id, index, existing.get()) : List.of();
        return combine(old, fresh, merge);
    }

    /** Pairs of both lists, one per key; where a key is in both, {@code merge(old, fresh)}. */
    private static <K extends LayerKey> List<KeyedTile<K>> combine(List<KeyedTile<K>> old, List<KeyedTile<K>> fresh,
            BinaryOperator<MultibandTile> merge) {
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

    private static <K extends LayerKey> void check(LayerId id, LayerDescriptor<K> d, KeyedTile<K> t, KeyBounds<K> allowed) {
        if (t.key().getClass() != d.keyType().javaType()) {
            throw new IllegalArgumentException("layer " + id + " has " + d.keyType() + " keys but a tile has key " + t.key());
        }
        if (!allowed.includes(t.key())) {
            throw new LayerOutOfKeyBoundsException(id, t.key(), allowed);
        }
        MultibandTile tile = t.tile();
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
