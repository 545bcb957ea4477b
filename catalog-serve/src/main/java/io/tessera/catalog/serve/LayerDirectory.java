package io.tessera.catalog.serve;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.SpaceTimeKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The catalog's layers as the server shows them, looked up again after a few seconds so that
 * layers written while the server runs appear (and deleted ones go). Layer names from requests are
 * only ever matched against this list, so no request names a path in storage.
 */
final class LayerDirectory {

    private static final long REFRESH_MILLIS = 5_000;
    /** Web Mercator's latitude limit: lon/lat bounds are clipped to what the map can show. */
    private static final double MAX_LATITUDE = 85.0511287798066;
    static final ZoomedLayoutScheme WEB_MERCATOR = new ZoomedLayoutScheme(CRS.WEB_MERCATOR, 256);

    private final Catalog catalog;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Map<String, LayerSummary> layers;
    private volatile long refreshedAt;

    LayerDirectory(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * Every layer, by name, in name order. When the list is stale one request looks it up again
     * while the others go on with the old one, so a slow catalog never holds every request up.
     */
    Map<String, LayerSummary> all() {
        Map<String, LayerSummary> known = layers;
        if (known == null) {
            synchronized (this) {
                if (layers == null) {
                    layers = load(Map.of());
                    refreshedAt = System.currentTimeMillis();
                }
                return layers;
            }
        }
        if (System.currentTimeMillis() - refreshedAt > REFRESH_MILLIS && refreshing.compareAndSet(false, true)) {
            try {
                layers = load(known);
                refreshedAt = System.currentTimeMillis();
            } finally {
                refreshing.set(false);
            }
        }
        return layers;
    }

    Optional<LayerSummary> find(String name) {
        return Optional.ofNullable(all().get(name));
    }

    private Map<String, LayerSummary> load(Map<String, LayerSummary> previous) {
        Map<String, TreeMap<Integer, TileLayerMetadata<?>>> byName = new TreeMap<>();
        for (LayerId id : catalog.layers()) {
            byName.computeIfAbsent(id.name(), n -> new TreeMap<>()).put(id.zoom(), catalog.readMetadata(id.name(), id.zoom()));
        }
        Map<String, LayerSummary> out = new LinkedHashMap<>();
        for (Map.Entry<String, TreeMap<Integer, TileLayerMetadata<?>>> e : byName.entrySet()) {
            String version = version(e.getValue());
            LayerSummary known = previous.get(e.getKey());
            // Bands and instants cost a read: kept while the layer's metadata stays the same.
            out.put(e.getKey(), known != null && known.version().equals(version) ? known
                    : summarise(e.getKey(), e.getValue(), version));
        }
        return out;
    }

    private LayerSummary summarise(String name, TreeMap<Integer, TileLayerMetadata<?>> zooms, String version) {
        int coarsest = zooms.firstKey();
        TileLayerMetadata<?> md = zooms.get(coarsest);
        KeyType keyType = catalog.keyType(name, coarsest);
        int bands = 0;
        TreeSet<Instant> instants = new TreeSet<>();
        try (Stream<? extends KeyedTile<?>> tiles = catalog.query(name, coarsest).stream()) {
            Iterator<? extends KeyedTile<?>> it = tiles.iterator();
            while (it.hasNext()) {
                KeyedTile<?> t = it.next();
                bands = t.tile().bandCount();
                if (!(t.key() instanceof SpaceTimeKey k)) {
                    break;
                }
                instants.add(Instant.ofEpochMilli(k.instant()));
            }
        }
        TileLayerMetadata<?> finest = zooms.lastEntry().getValue();
        Extent lonLat = MapTiles.reproject(finest.extent(), finest.crs(), CRS.LAT_LNG)
                .map(x -> new Extent(Math.max(-180, x.xmin()), Math.max(-MAX_LATITUDE, x.ymin()), Math.min(180, x.xmax()),
                        Math.min(MAX_LATITUDE, x.ymax())))
                .orElse(new Extent(-180, -MAX_LATITUDE, 180, MAX_LATITUDE));
        boolean webMercator = zooms.entrySet().stream().allMatch(z -> isWebMercatorTile(z.getValue(), z.getKey()));
        return new LayerSummary(name, List.copyOf(zooms.keySet()), Map.copyOf(zooms), keyType, bands, lonLat,
                List.copyOf(new ArrayList<>(instants)), webMercator, version);
    }

    static boolean isWebMercatorTile(TileLayerMetadata<?> md, int zoom) {
        return md.crs().equals(CRS.WEB_MERCATOR) && zoom >= 0 && zoom <= ZoomedLayoutScheme.MAX_ZOOM
                && md.layout().equals(WEB_MERCATOR.levelForZoom(zoom).layout());
    }

    private static String version(TreeMap<Integer, TileLayerMetadata<?>> zooms) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<Integer, TileLayerMetadata<?>> z : zooms.entrySet()) {
                d.update((z.getKey() + ":" + z.getValue() + ";").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
