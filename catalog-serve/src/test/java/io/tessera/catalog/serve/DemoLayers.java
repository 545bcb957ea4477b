package io.tessera.catalog.serve;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.ingest.Ingest;
import io.tessera.catalog.ingest.IngestOptions;
import io.tessera.catalog.ingest.IngestPlan;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.warp.ResampleMethod;
import java.nio.file.Path;
import java.util.List;

/** The layers the server tests serve besides the fixtures: elevation.tif as map tiles and in EPSG:4326. */
final class DemoLayers {

    static final Path ELEVATION = Path.of("../catalog-raster/src/test/resources/geotiff/real/elevation.tif")
            .toAbsolutePath().normalize();
    /** The file has no NoData: NaN marks the cells of the layers' tiles it does not cover, as in the demo. */
    private static final IngestOptions OPTIONS = IngestOptions.DEFAULT.withNoData(Double.NaN);
    /** The pyramid's coarsest zoom. */
    static final int COARSEST = 6;

    private DemoLayers() {
    }

    /** Writes "dem", a Web Mercator pyramid, and returns its deepest zoom. */
    static int webMercator(Catalog catalog) {
        try (IngestPlan<SpatialKey> plan = Ingest.spatial(List.of(ELEVATION),
                OPTIONS.withTargetCrs(CRS.WEB_MERCATOR).withResample(ResampleMethod.BILINEAR))) {
            catalog.writePyramid("dem", plan.pyramid(ResampleMethod.AVERAGE, COARSEST));
            return plan.zoom().getAsInt();
        }
    }

    /** Writes "dem-4326", a pyramid of three zooms in the geographic layout. */
    static void geographic(Catalog catalog) {
        try (IngestPlan<SpatialKey> plan = Ingest.spatial(List.of(ELEVATION), OPTIONS.withTargetCrs(CRS.LAT_LNG))) {
            catalog.writePyramid("dem-4326", plan.pyramid(ResampleMethod.NEAREST, plan.zoom().getAsInt() - 2));
        }
    }
}
