package io.tessera.catalog.histogram;

import io.tessera.catalog.TileLayer;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.raster.Tile;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Histograms of one band of a layer, built while the layer's tiles stream by (one tile in memory
 * at a time). NoData cells are not counted.
 */
public final class LayerHistograms {

    private LayerHistograms() {
    }

    /** An approximate histogram of the band's values in {@code maxBucketCount} buckets (GeoTrellis uses 80). */
    public static StreamingHistogram streaming(TileLayer<?> layer, int band, int maxBucketCount) {
        StreamingHistogram h = new StreamingHistogram(maxBucketCount);
        forEachBand(layer, band, t -> {
            for (int i = 0, n = t.size(); i < n; i++) {
                if (!t.isNoData(i)) {
                    h.countItem(t.getDouble(i));
                }
            }
        });
        return h;
    }

    /** {@link #streaming(TileLayer, int, int)} with 80 buckets. */
    public static StreamingHistogram streaming(TileLayer<?> layer, int band) {
        return streaming(layer, band, StreamingHistogram.DEFAULT_MAX_BUCKET_COUNT);
    }

    /**
     * Exact counts of the band's values.
     *
     * @throws IllegalArgumentException for a floating-point layer, whose values are not classes
     */
    public static IntHistogram exact(TileLayer<?> layer, int band) {
        if (layer.metadata().cellType().isFloatingPoint()) {
            throw new IllegalArgumentException("exact (class) histograms need an integer cell type, the layer has "
                    + layer.metadata().cellType() + "; use a streaming histogram");
        }
        IntHistogram h = new IntHistogram();
        forEachBand(layer, band, t -> {
            for (int i = 0, n = t.size(); i < n; i++) {
                if (!t.isNoData(i)) {
                    h.countItem(t.getInt(i));
                }
            }
        });
        return h;
    }

    private static void forEachBand(TileLayer<?> layer, int band, java.util.function.Consumer<Tile> action) {
        try (Stream<? extends KeyedTile<?>> s = layer.stream()) {
            Iterator<? extends KeyedTile<?>> it = s.iterator();
            while (it.hasNext()) {
                KeyedTile<?> t = it.next();
                if (band < 0 || band >= t.tile().bandCount()) {
                    throw new IllegalArgumentException("band " + band + " does not exist; tile " + t.key() + " has "
                            + t.tile().bandCount() + " bands");
                }
                action.accept(t.tile().band(band));
            }
        }
    }
}
