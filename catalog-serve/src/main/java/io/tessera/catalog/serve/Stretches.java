package io.tessera.catalog.serve;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.export.Export;
import io.tessera.catalog.histogram.Histogram;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The histograms each band of a layer is stretched by, the same for every tile of the layer (and
 * for its exported PNGs, {@link Export#stretchHistograms}), found once per layer version and kept.
 */
final class Stretches {

    private final Catalog catalog;
    private final Map<String, List<Histogram>> known = new ConcurrentHashMap<>();

    Stretches(Catalog catalog) {
        this.catalog = catalog;
    }

    /** One histogram per band in {@code bands}. */
    List<Histogram> of(LayerSummary layer, int[] bands) {
        return known.computeIfAbsent(layer.name() + "/" + layer.version() + "/" + Arrays.toString(bands),
                k -> Export.stretchHistograms(catalog, layer.name(), layer.maxZoom(), bands));
    }
}
