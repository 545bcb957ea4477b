package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.ingest.Ingest;
import io.tessera.catalog.ingest.IngestOptions;
import io.tessera.catalog.ingest.IngestPlan;
import io.tessera.catalog.model.LayerKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin
    IngestFlags flags;

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
        IngestOptions options = flags.options();
        WriteOptions write = indexOptions.writeOptionsOrDefault();
        try (Catalog catalog = Catalog.open(uri)) {
            if (!flags.spaceTime()) {
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

    private <K extends LayerKey> void run(Catalog catalog, String name, IngestPlan<K> plan, WriteOptions write) {
        PrintWriter out = spec.commandLine().getOut();
        OptionalInt z = plan.zoom();
        List<TileLayer<K>> levels = flags.pyramid ? plan.pyramid(flags.resample(), flags.minZoom) : List.of(plan.layer());
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
                : flags.pyramid ? "zooms " + flags.minZoom + ".." + z.getAsInt() : "zoom " + z.getAsInt();
        out.println("ingested " + args.subList(0, args.size() - 2).size() + " file(s) into " + name + ", " + zooms + ": "
                + written[0] + " tiles, " + plan.metadata().cellType() + ", " + plan.metadata().crs() + ", extent "
                + plan.metadata().extent());
    }
}
