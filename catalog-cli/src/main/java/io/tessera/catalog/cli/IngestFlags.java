package io.tessera.catalog.cli;

import io.tessera.catalog.ingest.GlobalLayout;
import io.tessera.catalog.ingest.IngestOptions;
import io.tessera.catalog.ingest.LocalLayout;
import io.tessera.catalog.ingest.TargetLayout;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.warp.ResampleMethod;
import picocli.CommandLine.Option;

/** The flags of an ingest, the same for {@code tessera ingest} and {@code tessera-spark ingest}. */
final class IngestFlags {

    @Option(names = "--crs", paramLabel = "CRS", description = "Target CRS, e.g. EPSG:3857 (default: the inputs' own).")
    String crs;

    @Option(names = "--src-crs", paramLabel = "CRS", description = "The inputs' CRS, e.g. EPSG:32633 or a PROJ string,"
            + " for files without one or with a wrong one (gdalwarp's -s_srs; default: each file's GeoKeys).")
    String srcCrs;

    @Option(names = "--layout", defaultValue = "global", paramLabel = "global|local",
            description = "Zoomed world layout or floating layout on the inputs (default: ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--zoom", paramLabel = "Z", description = "Zoom of a global layout (default: from the resolution).")
    Integer zoom;

    @Option(names = "--tile-size", defaultValue = "256", paramLabel = "N", description = "Tile columns and rows"
            + " (default: ${DEFAULT-VALUE}).")
    int tileSize;

    @Option(names = "--resample", defaultValue = "nearest", paramLabel = "M",
            description = "nearest, bilinear, cubic, average or mode (default: ${DEFAULT-VALUE}); also used for the pyramid.")
    String resample;

    @Option(names = "--nodata", paramLabel = "V", description = "NoData value of the layer (e.g. nan), replacing the"
            + " inputs'; cells no input covers get it. Without it, inputs without NoData leave such cells 0.")
    String noData;

    @Option(names = "--pyramid", description = "Also write every coarser zoom level down to --min-zoom.")
    boolean pyramid;

    @Option(names = "--min-zoom", defaultValue = "0", paramLabel = "Z", description = "Coarsest pyramid level (default: ${DEFAULT-VALUE}).")
    int minZoom;

    @Option(names = "--time", paramLabel = "T|tag", description = "Make a space-time layer: every input at instant T,"
            + " or 'tag' for each file's TIFF DateTime.")
    String time;

    /**
     * The ingest options the flags give.
     *
     * @throws IllegalArgumentException naming the flag that is wrong
     */
    IngestOptions options() {
        TargetLayout target = switch (layout.toLowerCase()) {
            case "global" -> zoom == null ? GlobalLayout.of().withTileSize(tileSize)
                    : GlobalLayout.of().withTileSize(tileSize).atZoom(zoom);
            case "local" -> {
                if (zoom != null || pyramid) {
                    throw new IllegalArgumentException("--zoom and --pyramid need --layout global: a local layout has no zooms");
                }
                yield LocalLayout.of(tileSize);
            }
            default -> throw new IllegalArgumentException("--layout must be global or local, got '" + layout + "'");
        };
        IngestOptions o = IngestOptions.DEFAULT.withLayout(target).withResample(ResampleMethod.parse(resample));
        if (crs != null) {
            o = o.withTargetCrs(CRS.parse(crs));
        }
        if (srcCrs != null) {
            o = o.withSourceCrs(CRS.parse(srcCrs));
        }
        if (noData != null) {
            o = o.withNoData(Parsing.number(noData, "--nodata"));
        }
        if (time != null && !time.equalsIgnoreCase("tag")) {
            o = o.withInstant(Parsing.instant(time));
        }
        return o;
    }

    /** The resampling method, also the pyramid's. */
    ResampleMethod resample() {
        return ResampleMethod.parse(resample);
    }

    /** True for a space-time layer ({@code --time}). */
    boolean spaceTime() {
        return time != null;
    }
}
