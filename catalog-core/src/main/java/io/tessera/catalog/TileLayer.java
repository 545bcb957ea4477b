package io.tessera.catalog;

import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A tiled raster layer: its metadata and its tiles, each a {@link io.tessera.catalog.raster.MultibandTile}
 * under a key, optionally at a zoom level. Tiles of a layer read from a catalog are fetched lazily
 * each time {@link #stream()} is consumed, so a large layer need not fit in memory; close the
 * stream (try-with-resources) when stopping early.
 *
 * @param <K> the key type
 */
public final class TileLayer<K extends LayerKey> {

    private final TileLayerMetadata<K> metadata;
    private final KeyType keyType;
    private final OptionalInt zoom;
    private final Supplier<Stream<KeyedTile<K>>> tiles;

    private TileLayer(TileLayerMetadata<K> metadata, KeyType keyType, OptionalInt zoom,
            Supplier<Stream<KeyedTile<K>>> tiles) {
        this.metadata = Objects.requireNonNull(metadata, "metadata");
        this.keyType = Objects.requireNonNull(keyType, "keyType");
        this.zoom = zoom;
        this.tiles = tiles;
    }

    /** An in-memory layer of {@code keyType} keys, without a zoom (written at zoom 0). */
    public static <K extends LayerKey> TileLayer<K> of(KeyType keyType, TileLayerMetadata<K> metadata,
            Collection<KeyedTile<K>> tiles) {
        List<KeyedTile<K>> copy = List.copyOf(tiles);
        return new TileLayer<>(metadata, keyType, OptionalInt.empty(), copy::stream);
    }

    /** A layer whose tiles come from {@code tiles} each time they are streamed. */
    public static <K extends LayerKey> TileLayer<K> lazy(KeyType keyType, TileLayerMetadata<K> metadata,
            Supplier<Stream<KeyedTile<K>>> tiles) {
        return new TileLayer<>(metadata, keyType, OptionalInt.empty(), tiles);
    }

    /** This layer at a zoom level. */
    public TileLayer<K> atZoom(int z) {
        if (z < 0) {
            throw new IllegalArgumentException("zoom must be >= 0, got " + z);
        }
        return new TileLayer<>(metadata, keyType, OptionalInt.of(z), tiles);
    }

    public TileLayerMetadata<K> metadata() {
        return metadata;
    }

    public KeyType keyType() {
        return keyType;
    }

    /** The zoom level, when the layer has one. */
    public OptionalInt zoom() {
        return zoom;
    }

    /** The tiles, fetched as the stream is consumed. */
    public Stream<KeyedTile<K>> stream() {
        return tiles.get();
    }

    /** All tiles in a list (reads everything). */
    public List<KeyedTile<K>> tiles() {
        try (Stream<KeyedTile<K>> s = stream()) {
            return s.toList();
        }
    }

    /** Number of tiles (reads everything). */
    public long count() {
        try (Stream<KeyedTile<K>> s = stream()) {
            return s.count();
        }
    }

    @Override
    public String toString() {
        return "TileLayer(" + keyType + ", " + metadata.cellType() + ", bounds " + metadata.bounds().map(Object::toString).orElse("empty")
                + (zoom.isPresent() ? ", zoom " + zoom.getAsInt() : "") + ")";
    }
}
