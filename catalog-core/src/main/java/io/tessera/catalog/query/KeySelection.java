package io.tessera.catalog.query;

import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Membership of keys in a list of key bounds, answered without scanning the whole list: a
 * polygon's tile cover can be thousands of rectangles, and every tile read is checked against it.
 * The rectangles are bucketed by bands of {@value #BAND} rows; a key is checked only against the
 * rectangles of its band.
 *
 * @param <K> the key type
 */
public final class KeySelection<K extends LayerKey> {

    private static final int BAND = 16;
    /** Up to this many rectangles a plain scan is as fast as the buckets. */
    private static final int SCAN_LIMIT = 8;

    private final List<KeyBounds<K>> bounds;
    private final Map<Integer, List<KeyBounds<K>>> bands;

    /** A selection of the keys inside any of {@code bounds}. */
    public KeySelection(List<KeyBounds<K>> bounds) {
        this.bounds = List.copyOf(bounds);
        if (this.bounds.size() <= SCAN_LIMIT) {
            this.bands = null;
            return;
        }
        this.bands = new HashMap<>();
        for (KeyBounds<K> b : this.bounds) {
            int first = Math.floorDiv(b.minKey().row(), BAND);
            int last = Math.floorDiv(b.maxKey().row(), BAND);
            for (int band = first; band <= last; band++) {
                bands.computeIfAbsent(band, k -> new ArrayList<>(4)).add(b);
            }
        }
    }

    /** True when {@code key} lies inside any of the bounds. */
    public boolean includes(K key) {
        List<KeyBounds<K>> candidates = bands == null ? bounds : bands.get(Math.floorDiv(key.row(), BAND));
        if (candidates == null) {
            return false;
        }
        for (KeyBounds<K> b : candidates) {
            if (b.includes(key)) {
                return true;
            }
        }
        return false;
    }
}
