package io.tessera.catalog.serve;

import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the server knows of one layer name: its zooms and their metadata, and what the layer list
 * shows (bands, instants, lon/lat bounds).
 *
 * @param webMercator whether every zoom is the Web Mercator zoomed layout of 256-cell tiles, so
 *     map tiles are stored tiles
 * @param version changes when any zoom's metadata does, keying cached responses
 */
record LayerSummary(String name, List<Integer> zooms, Map<Integer, TileLayerMetadata<?>> metadata, KeyType keyType,
        int bandCount, Extent lonLat, List<Instant> instants, boolean webMercator, String version) {

    int minZoom() {
        return zooms.get(0);
    }

    int maxZoom() {
        return zooms.get(zooms.size() - 1);
    }

    TileLayerMetadata<?> metadata(int zoom) {
        return metadata.get(zoom);
    }

    /** The latest instant, shown when a request names none. */
    Instant latest() {
        return instants.get(instants.size() - 1);
    }
}
