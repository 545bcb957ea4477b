package io.tessera.catalog.model;

import java.time.Instant;

/** A tile's grid position plus an instant in epoch milliseconds (UTC), as GeoTrellis stores it. */
public record SpaceTimeKey(int col, int row, long instant) implements LayerKey, Comparable<SpaceTimeKey> {

    /** A key at the given {@link Instant}, truncated to milliseconds. */
    public static SpaceTimeKey of(int col, int row, Instant time) {
        return new SpaceTimeKey(col, row, time.toEpochMilli());
    }

    @Override
    public SpatialKey spatialKey() {
        return new SpatialKey(col, row);
    }

    /** The instant as a {@link Instant}. */
    public Instant time() {
        return Instant.ofEpochMilli(instant);
    }

    /** Time first, then row-major. */
    @Override
    public int compareTo(SpaceTimeKey o) {
        int c = Long.compare(instant, o.instant);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(row, o.row);
        return c != 0 ? c : Integer.compare(col, o.col);
    }

    @Override
    public String toString() {
        return "(" + col + "," + row + "," + time() + ")";
    }
}
