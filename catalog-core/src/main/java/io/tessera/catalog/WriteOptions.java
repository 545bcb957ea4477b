package io.tessera.catalog;

import io.tessera.catalog.index.TimeUnit;
import io.tessera.catalog.model.KeyBounds;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How a new layer is indexed: the {@link IndexMethod} and, for space-time layers, the time
 * resolution. Z-order bins time by {@code timeCount × timeUnit} (default one day); Hilbert splits
 * the layer's time span into {@code 2^hilbertTimeBits} bins (default 8 bits). The index covers the
 * layer's key bounds, or wider {@code indexBounds} so that later updates can add keys beyond the
 * first write (updates must stay inside the index's bounds). Tiles are stored as GeoTrellis
 * {@code MultibandTile} values unless {@code singleBandTiles} asks for single-band {@code Tile}
 * values, which GeoTrellis code reading {@code RDD[(K, Tile)]} layers needs. Records are deflated at
 * the catalog's compression level (GeoTrellis's, 6, unless the catalog was opened with another)
 * unless {@code compressionLevel} names one: writes are deflate-bound, level 1 takes about half the
 * CPU for a few percent more bytes, and GeoTrellis reads every level.
 *
 * @param indexMethod the curve
 * @param timeUnit the z-order time bin unit
 * @param timeCount how many units one z-order time bin spans
 * @param hilbertTimeBits bits of time resolution of a Hilbert space-time index
 * @param indexBounds the key bounds the index covers, when wider than the layer's
 * @param singleBandTiles store single-band {@code Tile} values (every tile must have one band)
 * @param compressionLevel the zlib level of the records (0–9), when not the catalog's
 */
public record WriteOptions(IndexMethod indexMethod, TimeUnit timeUnit, int timeCount, int hilbertTimeBits,
        Optional<KeyBounds<?>> indexBounds, boolean singleBandTiles, OptionalInt compressionLevel) {

    /** Z-order, one-day time bins, 8 Hilbert time bits, index over the layer's bounds. */
    public static final WriteOptions DEFAULT = new WriteOptions(IndexMethod.ZORDER, TimeUnit.DAYS, 1, 8, Optional.empty(), false,
            OptionalInt.empty());

    public WriteOptions {
        Objects.requireNonNull(indexMethod, "indexMethod");
        Objects.requireNonNull(timeUnit, "timeUnit");
        Objects.requireNonNull(indexBounds, "indexBounds");
        if (timeCount < 1) {
            throw new IllegalArgumentException("time resolution count must be >= 1, got " + timeCount);
        }
        if (hilbertTimeBits < 0 || hilbertTimeBits > 31) {
            throw new IllegalArgumentException("Hilbert time bits must be in 0..31, got " + hilbertTimeBits);
        }
        Objects.requireNonNull(compressionLevel, "compressionLevel");
        compressionLevel.ifPresent(WriteOptions::checkLevel);
    }

    /** Defaults with another index method. */
    public static WriteOptions index(IndexMethod method) {
        return DEFAULT.withIndex(method);
    }

    public WriteOptions withIndex(IndexMethod method) {
        return new WriteOptions(method, timeUnit, timeCount, hilbertTimeBits, indexBounds, singleBandTiles, compressionLevel);
    }

    /** Z-order time bins of {@code count × unit} (GeoTrellis's {@code byDays(n)} and friends). */
    public WriteOptions withTimeResolution(TimeUnit unit, int count) {
        return new WriteOptions(indexMethod, unit, count, hilbertTimeBits, indexBounds, singleBandTiles, compressionLevel);
    }

    /** Bits of time resolution for a Hilbert space-time index. */
    public WriteOptions withHilbertTimeBits(int bits) {
        return new WriteOptions(indexMethod, timeUnit, timeCount, bits, indexBounds, singleBandTiles, compressionLevel);
    }

    /** An index over {@code bounds} (which must hold the layer's bounds) instead of the layer's own bounds. */
    public WriteOptions withIndexBounds(KeyBounds<?> bounds) {
        return new WriteOptions(indexMethod, timeUnit, timeCount, hilbertTimeBits, Optional.of(bounds), singleBandTiles, compressionLevel);
    }

    /** Store single-band GeoTrellis {@code Tile} values instead of {@code MultibandTile}s. */
    public WriteOptions withSingleBandTiles() {
        return new WriteOptions(indexMethod, timeUnit, timeCount, hilbertTimeBits, indexBounds, true, compressionLevel);
    }

    /**
     * Deflate records at {@code level}: 1 (fastest) to 9 (smallest), or 0 (stored, no compression).
     *
     * @throws IllegalArgumentException for any other level
     */
    public WriteOptions withCompressionLevel(int level) {
        return new WriteOptions(indexMethod, timeUnit, timeCount, hilbertTimeBits, indexBounds, singleBandTiles,
                OptionalInt.of(checkLevel(level)));
    }

    /**
     * A zlib level.
     *
     * @throws IllegalArgumentException naming the level when it is not 0..9
     */
    static int checkLevel(int level) {
        if (level < 0 || level > 9) {
            throw new IllegalArgumentException("compression level must be 0 (none) to 9 (smallest), got " + level);
        }
        return level;
    }
}
