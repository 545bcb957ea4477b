package io.tessera.catalog.ingest;

import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.store.TileSpill;
import io.tessera.catalog.warp.ResampleMethod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Builds one coarser pyramid level from the tiles of the level above as they stream past in
 * row-major order: a parent is resampled and parked in a {@link TileSpill} as soon as the children
 * rows under it have gone by.
 */
final class ParentBuilder<K extends LayerKey> {

    private static final Comparator<LayerKey> ROW_MAJOR = Comparator.comparingInt(LayerKey::row)
            .thenComparingInt(LayerKey::col)
            .thenComparingLong(k -> k instanceof SpaceTimeKey st ? st.instant() : 0L);

    private final KeyType keyType;
    private final TileLayerMetadata<K> md;
    private final int zoom;
    private final ResampleMethod method;
    private final Map<K, List<KeyedTile<K>>> pending = new HashMap<>();
    private TileSpill<K> building;
    private TileSpill<K> built;
    private int finishedRows;

    ParentBuilder(KeyType keyType, TileLayerMetadata<K> md, int zoom, ResampleMethod method) {
        this.keyType = keyType;
        this.md = md;
        this.zoom = zoom;
        this.method = method;
    }

    /** {@code children}, building this level from them unless it is already built and waiting. */
    Stream<KeyedTile<K>> feedFrom(Stream<KeyedTile<K>> children) {
        if (built != null) {
            return children;
        }
        abandonUnfinished();
        building = new TileSpill<>(keyType, "pyramid-z" + zoom);
        pending.clear();
        finishedRows = 0;
        return Pyramid.tee(children, this);
    }

    /** The built level, streamed once; {@code build} runs first when it is not built yet. */
    Stream<KeyedTile<K>> takeBuilt(Runnable build) {
        if (built == null) {
            build.run();
        }
        if (built == null) {
            throw new IllegalStateException("pyramid level " + zoom + " was not built: the level above it did not"
                    + " stream to its end");
        }
        TileSpill<K> s = built;
        built = null;
        return s.finishAndRead();
    }

    void accept(KeyedTile<K> child) {
        int parentRow = child.key().row() / 2;
        if (parentRow < finishedRows) {
            throw new IllegalStateException("pyramid input must stream in row-major order (as Ingest does): tile "
                    + child.key() + " came after row " + (2 * finishedRows - 1) + " was finished");
        }
        if (parentRow > finishedRows) {
            flushRowsBefore(parentRow);
            finishedRows = parentRow;
        }
        pending.computeIfAbsent(Pyramid.parentKey(child.key()), k -> new ArrayList<>(4)).add(child);
    }

    void finish() {
        flushRowsBefore(Integer.MAX_VALUE);
        built = building;
        building = null;
    }

    void abandonUnfinished() {
        if (building != null) {
            building.close();
            building = null;
        }
    }

    private void flushRowsBefore(int parentRow) {
        List<K> ready = new ArrayList<>();
        for (K k : pending.keySet()) {
            if (k.row() < parentRow) {
                ready.add(k);
            }
        }
        ready.sort(ROW_MAJOR);
        List<List<KeyedTile<K>>> families = new ArrayList<>(ready.size());
        for (K parent : ready) {
            families.add(pending.remove(parent));
        }
        // A row of parents is resampled on all cores, then parked in row-major order.
        List<Optional<KeyedTile<K>>> parents = IntStream.range(0, ready.size()).parallel()
                .mapToObj(i -> Pyramid.parentTile(md, ready.get(i), families.get(i), method))
                .toList();
        for (Optional<KeyedTile<K>> p : parents) {
            p.ifPresent(building::add);
        }
    }
}
