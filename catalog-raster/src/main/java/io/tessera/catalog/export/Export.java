package io.tessera.catalog.export;

import io.tessera.catalog.geotiff.GeoTiffSpec;
import io.tessera.catalog.geotiff.GeoTiffWriter;
import io.tessera.catalog.histogram.Histogram;
import io.tessera.catalog.histogram.LayerHistograms;
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
     * coarsest zoom — every cell of the layer is represented there, and reading it is cheap however
     * large the finest zoom is — so PNGs of different regions and zooms share one colour scale.
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
        int coarsest = raster.catalog().layers().stream()
                .filter(id -> id.name().equals(raster.name()))
                .mapToInt(LayerId::zoom)
                .min()
                .orElse(raster.zoom());
        List<Histogram> out = new ArrayList<>(raster.bandCount());
        for (int b = 0; b < raster.bandCount(); b++) {
            out.add(LayerHistograms.streaming(raster.catalog().query(raster.name(), coarsest), b));
        }
        return out;
    }
}
