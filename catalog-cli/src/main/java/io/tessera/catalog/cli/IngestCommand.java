package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.ingest.GlobalLayout;
import io.tessera.catalog.ingest.Ingest;
import io.tessera.catalog.ingest.IngestOptions;
import io.tessera.catalog.ingest.IngestPlan;
import io.tessera.catalog.ingest.LocalLayout;
import io.tessera.catalog.ingest.TargetLayout;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.warp.ResampleMethod;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tessera ingest INPUT... URI NAME [--crs] [--layout] [--zoom] [--tile-size] [--resample] [--pyramid] [--time]}. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Cut GeoTIFFs into a new layer (one mosaic of"
        + " all inputs), reprojected and resampled to a global (zoomed) or local (floating) layout, optionally with"
        + " every coarser zoom level.")
final class IngestCommand implements Callable<Integer> {

    @Parameters(arity = "3..*", paramLabel = "INPUT... URI NAME", description = "GeoTIFF files, then the catalog URI,"
            + " then the layer name.")
    List<String> args;

    @Option(names = "--crs", paramLabel = "CRS", description = "Target CRS, e.g. EPSG:3857 (default: the inputs' own).")
    String crs;

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

    @Mixin
    IndexOptions indexOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<Path> inputs = new ArrayList<>();
        for (String a : args.subList(0, args.size() - 2)) {
            inputs.add(Path.of(a));
        }
        String uri = Parsing.catalogUri(args.get(args.size() - 2));
        String name = args.get(args.size() - 1);
        IngestOptions options = options();
        WriteOptions write = indexOptions.writeOptionsOrDefault();
        try (Catalog catalog = Catalog.open(uri)) {
            if (time == null) {
                try (IngestPlan<?> plan = Ingest.spatial(inputs, options)) {
                    run(catalog, name, plan, write);
                }
            } else {
                try (IngestPlan<?> plan = Ingest.spaceTime(inputs, options)) {
                    run(catalog, name, plan, write);
                }
            }
        }
        return 0;
    }

    private IngestOptions options() {
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
        if (noData != null) {
            o = o.withNoData(Parsing.number(noData, "--nodata"));
        }
        if (time != null && !time.equalsIgnoreCase("tag")) {
            o = o.withInstant(Parsing.instant(time));
        }
        return o;
    }

    private <K extends LayerKey> void run(Catalog catalog, String name, IngestPlan<K> plan, WriteOptions write) {
        PrintWriter out = spec.commandLine().getOut();
        OptionalInt z = plan.zoom();
        List<TileLayer<K>> levels = pyramid ? plan.pyramid(ResampleMethod.parse(resample), minZoom) : List.of(plan.layer());
        long estimate = 0;
        long base = plan.candidateTiles();
        for (int i = 0; i < levels.size(); i++) {
            estimate += Math.max(1, base >> (2 * i));
        }
        long[] written = new long[1];
        try (Progress p = new Progress(spec.commandLine().getErr(), "ingest " + name, estimate)) {
            List<TileLayer<K>> counted = new ArrayList<>();
            for (TileLayer<K> level : levels) {
                TileLayer<K> c = TileLayer.lazy(level.keyType(), level.metadata(),
                        () -> level.stream().peek(t -> {
                            written[0]++;
                            p.step(1);
                        }));
                counted.add(level.zoom().isPresent() ? c.atZoom(level.zoom().getAsInt()) : c);
            }
            if (counted.size() == 1) {
                catalog.write(name, counted.get(0), write);
            } else {
                catalog.writePyramid(name, counted, write);
            }
        }
        String zooms = z.isEmpty() ? "zoom 0 (local layout)"
                : pyramid ? "zooms " + minZoom + ".." + z.getAsInt() : "zoom " + z.getAsInt();
        out.println("ingested " + args.subList(0, args.size() - 2).size() + " file(s) into " + name + ", " + zooms + ": "
                + written[0] + " tiles, " + plan.metadata().cellType() + ", " + plan.metadata().crs() + ", extent "
                + plan.metadata().extent());
    }
}
