package io.tessera.catalog.ingest;

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
 * Tiles of one pyramid level parked in a temporary file between being built (while the finer level
 * is written) and being written themselves, so a pyramid never holds a level in memory. Tiles are
 * stored as bare Avro records of the layer codec, which encodes and decodes without copying cells.
 */
final class TileSpill<K extends LayerKey> implements AutoCloseable {

    private final TileRecordCodec<K> codec;
    private final Path file;
    private final DataOutputStream out;
    private long count;

    @SuppressWarnings("unchecked")
    TileSpill(KeyType keyType, int zoom) {
        this.codec = TileRecordCodec.forLayer((Class<K>) keyType.javaType(), ValueClass.MULTIBAND_TILE);
        try {
            this.file = Files.createTempFile("tessera-pyramid-z" + zoom + "-", ".tiles");
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for pyramid level " + zoom
                    + " (set java.io.tmpdir to a disk with room): " + e.getMessage(), e);
        }
    }

    void add(KeyedTile<K> tile) {
        byte[] record = codec.encodeRaw(List.of(tile));
        try {
            out.writeInt(record.length);
            out.write(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write pyramid tiles to " + file + ": " + e.getMessage(), e);
        }
        count++;
    }

    long count() {
        return count;
    }

    /** Ends writing; the tiles can then be streamed, once. The file goes when that stream is closed. */
    Stream<KeyedTile<K>> finishAndRead() {
        DataInputStream in;
        try {
            out.close();
            in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("cannot read pyramid tiles back from " + file + ": " + e.getMessage(), e);
        }
        Iterator<KeyedTile<K>> it = new Iterator<>() {
            private long left = count;

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public KeyedTile<K> next() {
                if (left == 0) {
                    throw new NoSuchElementException();
                }
                try {
                    byte[] record = new byte[in.readInt()];
                    in.readFully(record);
                    left--;
                    return codec.decodeRaw(record).get(0);
                } catch (EOFException e) {
                    throw new IllegalStateException("pyramid spill file " + file + " was truncated", e);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read pyramid tiles from " + file + ": " + e.getMessage(), e);
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
            throw new UncheckedIOException("cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
