package io.tessera.catalog.export;

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

/**
 * Writes a {@link LayerRaster} out: as a GeoTIFF (tiled, deflated, with the layer's CRS as GeoKeys
 * and its NoData), streamed window by window so any region size fits in memory; or as a PNG for
 * people to look at.
 */
public final class Export {

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
     * Writes the region as a PNG: one band through {@code ramp}, stretched by the layer's histogram;
     * three or more bands as RGB from the first three. The histogram is the layer's at its
     * coarsest zoom with at least a tile's worth of cells over the data (or at the exported zoom) —
     * the whole layer is represented there, and reading it is cheap however large the finest zoom
     * is — so PNGs of different regions share one colour scale.
     *
     * @throws IllegalArgumentException when the region is too large to hold as one image
     */
    public static void png(LayerRaster raster, ColorRamp ramp, Path out) {
        PixelGrid g = raster.grid();
        if ((long) g.cols() * g.rows() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a PNG of " + g.cols() + " x " + g.rows() + " cells does not fit in memory;"
                    + " give a smaller region or a coarser zoom, or export a GeoTIFF");
        }
        PngRenderer.render(raster.read(), histograms(raster), ramp, out);
    }

    private static List<Histogram> histograms(LayerRaster raster) {
        int zoom = histogramZoom(raster);
        List<Histogram> out = new ArrayList<>(raster.bandCount());
        for (int b = 0; b < raster.bandCount(); b++) {
            out.add(LayerHistograms.streaming(raster.catalog().query(raster.name(), zoom), b));
        }
        return out;
    }

    /**
     * The coarsest zoom of the layer that still has {@link #HISTOGRAM_CELLS} cells over its data
     * (zoom 0 of a small area may be a handful of cells, too few to say anything about the
     * distribution), else the exported zoom.
     */
    private static int histogramZoom(LayerRaster raster) {
        List<Integer> zooms = raster.catalog().layers().stream()
                .filter(id -> id.name().equals(raster.name()))
                .map(LayerId::zoom)
                .sorted()
                .toList();
        for (int z : zooms) {
            if (z >= raster.zoom()) {
                break;
            }
            TileLayerMetadata<?> md = raster.catalog().readMetadata(raster.name(), z);
            CellSize cs = md.layout().cellSize();
            double cells = (md.extent().width() / cs.width()) * (md.extent().height() / cs.height());
            if (cells >= HISTOGRAM_CELLS) {
                return z;
            }
        }
        return raster.zoom();
    }
}
