package io.tessera.catalog.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.histogram.Histogram;
import io.tessera.catalog.histogram.LayerHistograms;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The histogram each band of a layer is stretched by, so that every tile of a layer gets the same
 * colours: the layer's stored {@code histogram} attribute when it has one (one histogram, for band
 * 0, or an array of one per band, as GeoTrellis stores a multiband layer's), else one computed once
 * from the coarsest zoom and kept.
 */
final class Stretches {

    static final String ATTRIBUTE = "histogram";

    private final Catalog catalog;
    private final Map<String, Histogram> computed = new ConcurrentHashMap<>();

    Stretches(Catalog catalog) {
        this.catalog = catalog;
    }

    /** One histogram per band in {@code bands}. */
    List<Histogram> of(LayerSummary layer, int[] bands) {
        List<Histogram> out = new ArrayList<>(bands.length);
        for (int b : bands) {
            out.add(stored(layer, b).orElseGet(() -> computed.computeIfAbsent(layer.name() + "/" + layer.version() + "/" + b,
                    k -> LayerHistograms.streaming(catalog.query(layer.name(), layer.minZoom()), b))));
        }
        return out;
    }

    private Optional<Histogram> stored(LayerSummary layer, int band) {
        for (int z : layer.zooms()) {
            Optional<JsonNode> json = catalog.attributeStore().layer(layer.name(), z).find(ATTRIBUTE);
            if (json.isPresent()) {
                JsonNode h = json.get();
                if (h.isArray()) {
                    return band < h.size() ? Optional.of(Histogram.fromJson(h.get(band))) : Optional.empty();
                }
                return band == 0 ? Optional.of(Histogram.fromJson(h)) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
