package io.tessera.catalog.model;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * An inclusive box of keys: every key whose column, row (and instant, for space-time keys) lie
 * between those of {@code minKey} and {@code maxKey}.
 *
 * @param <K> the key type; both corners have the same type
 */
public record KeyBounds<K extends LayerKey>(K minKey, K maxKey) implements Serializable {

    public KeyBounds {
        Objects.requireNonNull(minKey, "minKey");
        Objects.requireNonNull(maxKey, "maxKey");
        if (minKey.getClass() != maxKey.getClass()) {
            throw new IllegalArgumentException("key bounds mix key types: " + minKey + " and " + maxKey);
        }
        if (minKey.col() > maxKey.col() || minKey.row() > maxKey.row()
                || instant(minKey) > instant(maxKey)) {
            throw new IllegalArgumentException("key bounds min " + minKey + " is not <= max " + maxKey);
        }
    }

    /** The one-key bounds. */
    public static <K extends LayerKey> KeyBounds<K> of(K key) {
        return new KeyBounds<>(key, key);
    }

    /** True when {@code key} lies inside these bounds, all edges inclusive. */
    public boolean includes(K key) {
        return key.col() >= minKey.col() && key.col() <= maxKey.col()
                && key.row() >= minKey.row() && key.row() <= maxKey.row()
                && (!(key instanceof SpaceTimeKey t)
                        || (t.instant() >= instant(minKey) && t.instant() <= instant(maxKey)));
    }

    /** True when {@code other} lies wholly inside these bounds. */
    public boolean contains(KeyBounds<K> other) {
        return includes(other.minKey) && includes(other.maxKey);
    }

    /** The overlap of both bounds, or empty when they do not overlap. */
    public Optional<KeyBounds<K>> intersect(KeyBounds<K> other) {
        int c0 = Math.max(minKey.col(), other.minKey.col());
        int r0 = Math.max(minKey.row(), other.minKey.row());
        int c1 = Math.min(maxKey.col(), other.maxKey.col());
        int r1 = Math.min(maxKey.row(), other.maxKey.row());
        long t0 = Math.max(instant(minKey), instant(other.minKey));
        long t1 = Math.min(instant(maxKey), instant(other.maxKey));
        if (c0 > c1 || r0 > r1 || t0 > t1) {
            return Optional.empty();
        }
        return Optional.of(new KeyBounds<>(rebuild(minKey, c0, r0, t0), rebuild(minKey, c1, r1, t1)));
    }

    /** The smallest bounds holding both. */
    public KeyBounds<K> combine(KeyBounds<K> other) {
        int c0 = Math.min(minKey.col(), other.minKey.col());
        int r0 = Math.min(minKey.row(), other.minKey.row());
        int c1 = Math.max(maxKey.col(), other.maxKey.col());
        int r1 = Math.max(maxKey.row(), other.maxKey.row());
        long t0 = Math.min(instant(minKey), instant(other.minKey));
        long t1 = Math.max(instant(maxKey), instant(other.maxKey));
        return new KeyBounds<>(rebuild(minKey, c0, r0, t0), rebuild(minKey, c1, r1, t1));
    }

    /** The smallest bounds holding these and {@code key}. */
    public KeyBounds<K> include(K key) {
        return combine(of(key));
    }

    /** The spatial part of these bounds. */
    public KeyBounds<SpatialKey> spatial() {
        return new KeyBounds<>(minKey.spatialKey(), maxKey.spatialKey());
    }

    /** Bounds with the same spatial part as these and the given spatial box. */
    public KeyBounds<K> withSpatial(int minCol, int minRow, int maxCol, int maxRow) {
        return new KeyBounds<>(rebuild(minKey, minCol, minRow, instant(minKey)),
                rebuild(maxKey, maxCol, maxRow, instant(maxKey)));
    }

    /** Bounds with the same spatial part and the given inclusive time span (space-time keys only). */
    public KeyBounds<K> withTime(long minInstant, long maxInstant) {
        if (!(minKey instanceof SpaceTimeKey)) {
            throw new IllegalArgumentException("a time range needs space-time keys, these bounds are spatial");
        }
        return new KeyBounds<>(rebuild(minKey, minKey.col(), minKey.row(), minInstant),
                rebuild(maxKey, maxKey.col(), maxKey.row(), maxInstant));
    }

    /** Number of distinct spatial positions (columns × rows). */
    public long spatialCount() {
        return ((long) maxKey.col() - minKey.col() + 1) * ((long) maxKey.row() - minKey.row() + 1);
    }

    private static long instant(LayerKey key) {
        return key instanceof SpaceTimeKey t ? t.instant() : 0L;
    }

    @SuppressWarnings("unchecked")
    private static <K extends LayerKey> K rebuild(K like, int col, int row, long instant) {
        return (K) (like instanceof SpaceTimeKey ? new SpaceTimeKey(col, row, instant) : new SpatialKey(col, row));
    }

    @Override
    public String toString() {
        return minKey + ".." + maxKey;
    }
}
