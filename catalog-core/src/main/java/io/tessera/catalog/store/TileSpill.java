package io.tessera.catalog.store;

import io.tessera.catalog.codec.TileRecordCodec;
import io.tessera.catalog.codec.ValueClass;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Tiles parked in a temporary file, each with a number the caller chooses (a key index, or
 * nothing), written once and read back once in the order they came: the pyramid builder parks a
 * level in one between building and writing it, and the sorted writer keeps its sorted runs in them,
 * so neither holds a level in memory. Tiles are stored as bare Avro records of the layer codec,
 * which encodes and decodes without copying cells.
 *
 * @param <K> the key type
 */
public final class TileSpill<K extends LayerKey> implements AutoCloseable {

    /** A parked tile and its number. */
    public record Entry<K extends LayerKey>(long tag, KeyedTile<K> tile) {
    }

    private final TileRecordCodec<K> codec;
    private final Path file;
    private final DataOutputStream out;
    private long count;

    /**
     * A new, empty spill file in {@code java.io.tmpdir}.
     *
     * @param purpose a short description used in the file's name and in errors, e.g. {@code pyramid-z12}
     */
    @SuppressWarnings("unchecked")
    public TileSpill(KeyType keyType, String purpose) {
        this.codec = TileRecordCodec.forLayer((Class<K>) keyType.javaType(), ValueClass.MULTIBAND_TILE);
        try {
            this.file = Files.createTempFile("tessera-" + purpose + "-", ".tiles");
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for " + purpose
                    + " tiles (set java.io.tmpdir to a disk with room): " + e.getMessage(), e);
        }
    }

    /** Parks a tile with the number 0. */
    public void add(KeyedTile<K> tile) {
        add(0, tile);
    }

    /** Parks a tile with a number. */
    public void add(long tag, KeyedTile<K> tile) {
        byte[] record = codec.encodeRaw(List.of(tile));
        try {
            out.writeLong(tag);
            out.writeInt(record.length);
            out.write(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write tiles to a temporary file (disk full?): " + e.getMessage(), e);
        }
        count++;
    }

    /** Tiles parked so far. */
    public long count() {
        return count;
    }

    /** Ends writing; the tiles can then be streamed, once. The file goes when that stream is closed. */
    public Stream<KeyedTile<K>> finishAndRead() {
        return finishAndReadEntries().map(Entry::tile);
    }

    /** {@link #finishAndRead()} with each tile's number. */
    public Stream<Entry<K>> finishAndReadEntries() {
        DataInputStream in;
        try {
            out.close();
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot read parked tiles back from a temporary file: " + e.getMessage(), e);
        }
        Iterator<Entry<K>> it = new Iterator<>() {
            private long left = count;

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public Entry<K> next() {
                if (left == 0) {
                    throw new NoSuchElementException();
                }
                try {
                    long tag = in.readLong();
                    byte[] record = new byte[in.readInt()];
                    in.readFully(record);
                    left--;
                    return new Entry<>(tag, codec.decodeRaw(record).get(0));
                } catch (EOFException e) {
                    throw new IllegalStateException("temporary tile file " + file + " was truncated", e);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read parked tiles: " + e.getMessage(), e);
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliterator(it, count, Spliterator.ORDERED), false).onClose(() -> {
            try {
                in.close();
            } catch (IOException ignored) {
                // Only a read handle on a file about to be deleted.
            }
            close();
        });
    }

    /** Discards the tiles. */
    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete temporary tile file " + file + ": " + e.getMessage(), e);
        }
    }
}
