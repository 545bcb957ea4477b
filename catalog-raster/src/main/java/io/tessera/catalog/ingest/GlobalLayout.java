package io.tessera.catalog.ingest;

import io.tessera.catalog.layout.ZoomedLayoutScheme;
import java.io.Serializable;
import java.util.OptionalInt;

/**
 * A zoomed layout (GeoTrellis's {@code ZoomedLayoutScheme}, GeoPySpark's {@code GlobalLayout}): the
 * world extent of the target CRS split into 2^z × 2^z square tiles. Without a zoom, the level is
 * chosen from the inputs' resolution as GeoTrellis chooses it.
 *
 * @param tileSize columns and rows of one tile
 * @param zoom the level to tile at, or empty to choose it from the data
 * @param threshold how much coarser than the data a level may be before the finer one is taken
 */
public record GlobalLayout(int tileSize, OptionalInt zoom, double threshold) implements TargetLayout {

    public GlobalLayout {
        if (tileSize <= 0) {
            throw new IllegalArgumentException("tile size must be positive, got " + tileSize);
        }
        if (zoom.isPresent() && (zoom.getAsInt() < 0 || zoom.getAsInt() > ZoomedLayoutScheme.MAX_ZOOM)) {
            throw new IllegalArgumentException("zoom must be in 0.." + ZoomedLayoutScheme.MAX_ZOOM + ", got "
                    + zoom.getAsInt());
        }
        if (!(threshold >= 0 && threshold < 1)) {
            throw new IllegalArgumentException("resolution threshold must be in [0, 1), got " + threshold);
        }
    }

    /** Serialised without {@link OptionalInt}, which is not serialisable. */
    private Object writeReplace() {
        return new Serialized(tileSize, zoom.orElse(-1), threshold);
    }

    /** The serialised form of a global layout. */
    private record Serialized(int tileSize, int zoom, double threshold) implements Serializable {
        private Object readResolve() {
            return new GlobalLayout(tileSize, zoom < 0 ? OptionalInt.empty() : OptionalInt.of(zoom), threshold);
        }
    }

    /** 256-pixel tiles, zoom chosen from the data, GeoTrellis's threshold 0.1. */
    public static GlobalLayout of() {
        return new GlobalLayout(ZoomedLayoutScheme.DEFAULT_TILE_SIZE, OptionalInt.empty(),
                ZoomedLayoutScheme.DEFAULT_RESOLUTION_THRESHOLD);
    }

    /** This layout at a fixed zoom. */
    public GlobalLayout atZoom(int z) {
        return new GlobalLayout(tileSize, OptionalInt.of(z), threshold);
    }

    /** This layout with another tile size. */
    public GlobalLayout withTileSize(int size) {
        return new GlobalLayout(size, zoom, threshold);
    }

    @Override
    public int tileCols() {
        return tileSize;
    }

    @Override
    public int tileRows() {
        return tileSize;
    }
}
