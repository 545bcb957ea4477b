package io.tessera.catalog.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.geotiff.GeoTiffSpec;
import io.tessera.catalog.geotiff.GeoTiffWriter;
import io.tessera.catalog.histogram.Histogram;
import io.tessera.catalog.histogram.LayerHistograms;
import io.tessera.catalog.layout.CellSize;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.render.ColorRamp;
import io.tessera.catalog.render.PngRenderer;
import io.tessera.catalog.warp.PixelGrid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a {@link LayerRaster} out: as a GeoTIFF (tiled, deflated, with the layer's CRS as GeoKeys
 * and its NoData), streamed window by window so any region size fits in memory; or as a PNG for
 * people to look at.
 */
public final class Export {

    /** The layer attribute holding a histogram to stretch by, as GeoTrellis users store one. */
    public static final String HISTOGRAM_ATTRIBUTE = "histogram";

    /** Enough cells for a histogram to describe a layer's distribution: one 256 × 256 tile's worth. */
    private static final double HISTOGRAM_CELLS = 65_536;

    private Export() {
    }

    /** Writes the region as a GeoTIFF; the file appears only when complete. */
    public static void geoTiff(LayerRaster raster, Path out) {
        PixelGrid g = raster.grid();
        GeoTiffSpec spec = GeoTiffSpec.of(g.cols(), g.rows(), raster.bandCount(), raster.cellType(), g.extent(),
                raster.crs());
        GeoTiffWriter.write(out, spec, raster::window);
    }

    /** {@link #png(LayerRaster, ColorRamp, Path)} with the viridis ramp. */
    public static void png(LayerRaster raster, Path out) {
        png(raster, ColorRamp.VIRIDIS, out);
    }

    /**
     * Writes the region as a PNG: one band through {@code ramp}, stretched by the layer's histogram
     * ({@link #stretchHistograms}); three or more bands as RGB from the first three.
     *
     * @throws IllegalArgumentException when the region is too large to hold as one image
     */
    public static void png(LayerRaster raster, ColorRamp ramp, Path out) {
        PixelGrid g = raster.grid();
        if ((long) g.cols() * g.rows() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a PNG of " + g.cols() + " x " + g.rows() + " cells does not fit in memory;"
                    + " give a smaller region or a coarser zoom, or export a GeoTIFF");
        }
        int[] bands = new int[raster.bandCount()];
        for (int b = 0; b < bands.length; b++) {
            bands[b] = b;
        }
        PngRenderer.render(raster.read(), stretchHistograms(raster.catalog(), raster.name(), raster.zoom(), bands), ramp,
                out);
    }

    /**
     * The histograms pictures of a layer are stretched by, one per band in {@code bands}, so that
     * pictures of any region or zoom share one colour scale: the layer's stored {@code histogram}
     * attribute when it has one (a histogram, for band 0, or an array of one per band, at any zoom),
     * else one computed from its coarsest zoom with at least a tile's worth of cells over the data
     * (or {@code zoom}) — the whole layer is represented there, and reading it is cheap however large
     * the finest zoom is.
     */
    public static List<Histogram> stretchHistograms(Catalog catalog, String name, int zoom, int[] bands) {
        List<Integer> zooms = catalog.layers().stream().filter(id -> id.name().equals(name)).map(LayerId::zoom)
                .sorted().toList();
        List<Histogram> out = new ArrayList<>(bands.length);
        int computedFrom = -1;
        for (int b : bands) {
            Optional<Histogram> stored = stored(catalog, name, zooms, b);
            if (stored.isPresent()) {
                out.add(stored.get());
                continue;
            }
            if (computedFrom < 0) {
                computedFrom = histogramZoom(catalog, name, zoom, zooms);
            }
            out.add(LayerHistograms.streaming(catalog.query(name, computedFrom), b));
        }
        return out;
    }

    private static Optional<Histogram> stored(Catalog catalog, String name, List<Integer> zooms, int band) {
        for (int z : zooms) {
            Optional<JsonNode> json = catalog.attributeStore().layer(name, z).find(HISTOGRAM_ATTRIBUTE);
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

    /**
     * The coarsest zoom of the layer that still has {@link #HISTOGRAM_CELLS} cells over its data
     * (zoom 0 of a small area may be a handful of cells, too few to say anything about the
     * distribution), else the exported zoom.
     */
    private static int histogramZoom(Catalog catalog, String name, int zoom, List<Integer> zooms) {
        for (int z : zooms) {
            if (z >= zoom) {
                break;
            }
            TileLayerMetadata<?> md = catalog.readMetadata(name, z);
            CellSize cs = md.layout().cellSize();
            double cells = (md.extent().width() / cs.width()) * (md.extent().height() / cs.height());
            if (cells >= HISTOGRAM_CELLS) {
                return z;
            }
        }
        return zoom;
    }
}
