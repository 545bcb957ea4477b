package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.export.Export;
import io.tessera.catalog.export.LayerRaster;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.ProjectedExtent;
import io.tessera.catalog.render.ColorRamp;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tessera export URI NAME ZOOM (--png F | --geotiff F) [--extent E [--crs C]] [--time T]}. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Write one zoom of a layer (all of it, or the"
        + " cells over --extent) as a tiled, deflated GeoTIFF, or as a PNG: one band through a color ramp stretched by"
        + " the layer's histogram, three or more bands as RGB.")
final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URI")
    String uri;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Parameters(index = "2", paramLabel = "ZOOM")
    int zoom;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--png", paramLabel = "FILE", required = true, description = "Write a PNG.")
        Path png;

        @Option(names = "--geotiff", paramLabel = "FILE", required = true, description = "Write a GeoTIFF.")
        Path geotiff;
    }

    @Option(names = "--extent", paramLabel = "XMIN,YMIN,XMAX,YMAX", description = "Region to export (default: the"
            + " layer's data extent), snapped outward to the layer's cells.")
    String extent;

    @Option(names = "--crs", paramLabel = "CRS", description = "CRS of --extent, e.g. EPSG:4326 (default: the layer's).")
    String crs;

    @Option(names = "--ramp", defaultValue = "viridis", paramLabel = "NAME", description = "Color ramp of a one-band"
            + " PNG: viridis, magma or grayscale (default: ${DEFAULT-VALUE}).")
    String ramp;

    @Option(names = "--time", paramLabel = "T", description = "Instant of a space-time layer.")
    String time;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (crs != null && extent == null) {
            throw new IllegalArgumentException("--crs says which CRS --extent is in; give --extent too");
        }
        try (Catalog catalog = Catalog.open(Parsing.existingCatalogUri(uri))) {
            Optional<Extent> region = Optional.empty();
            if (extent != null) {
                Extent e = Extent.parse(extent);
                CRS layerCrs = catalog.readMetadata(name, zoom).crs();
                region = Optional.of(crs == null ? e : new ProjectedExtent(e, CRS.parse(crs)).reproject(layerCrs));
            }
            Optional<Instant> t = Optional.ofNullable(time).map(Parsing::instant);
            LayerRaster raster = LayerRaster.open(catalog, name, zoom, region, t);
            Path file;
            if (target.png != null) {
                file = target.png;
                Export.png(raster, ColorRamp.named(ramp), file);
            } else {
                file = target.geotiff;
                Export.geoTiff(raster, file);
            }
            spec.commandLine().getOut().println("exported " + name + " zoom " + zoom + ": " + raster.grid().cols() + "x"
                    + raster.grid().rows() + " cells, " + raster.bandCount() + " band(s), " + raster.cellType() + ", extent "
                    + raster.grid().extent() + " in " + raster.crs() + " to " + file);
        }
        return 0;
    }
}
