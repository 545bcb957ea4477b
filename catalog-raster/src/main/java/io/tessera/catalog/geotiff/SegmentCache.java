package io.tessera.catalog.geotiff;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recently decoded strips or tiles of one file, bounded by bytes. Tiling reads overlapping windows
 * (neighbouring output tiles share source strips, and a strip spans the whole image width), so
 * without it a wide striped file would be inflated once per output tile it feeds.
 *
 * <p>Entries are immutable once cached; two threads missing the same segment may both decode it,
 * which costs time but never correctness.
 */
final class SegmentCache {

    private final long capacityBytes;
    private final LinkedHashMap<Integer, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long sizeBytes;

    SegmentCache(long capacityBytes) {
        this.capacityBytes = capacityBytes;
    }

    synchronized byte[] get(int segment) {
        return entries.get(segment);
    }

    synchronized void put(int segment, byte[] decoded) {
        if (decoded.length > capacityBytes) {
            return;
        }
        byte[] old = entries.put(segment, decoded);
        sizeBytes += decoded.length - (old == null ? 0 : old.length);
        Iterator<Map.Entry<Integer, byte[]>> eldest = entries.entrySet().iterator();
        while (sizeBytes > capacityBytes && eldest.hasNext()) {
            Map.Entry<Integer, byte[]> e = eldest.next();
            sizeBytes -= e.getValue().length;
            eldest.remove();
        }
    }
}
