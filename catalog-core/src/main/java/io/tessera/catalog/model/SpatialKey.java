package io.tessera.catalog.model;

/** The grid position of a tile: column from the west edge, row from the north edge. */
public record SpatialKey(int col, int row) implements LayerKey, Comparable<SpatialKey> {

    @Override
    public SpatialKey spatialKey() {
        return this;
    }

    /** This position at the given instant. */
    public SpaceTimeKey at(long instantMillis) {
        return new SpaceTimeKey(col, row, instantMillis);
    }

    /** Row-major order (row, then column), the order tiles are usually listed in. */
    @Override
    public int compareTo(SpatialKey o) {
        int c = Integer.compare(row, o.row);
        return c != 0 ? c : Integer.compare(col, o.col);
    }

    @Override
    public String toString() {
        return "(" + col + "," + row + ")";
    }
}
