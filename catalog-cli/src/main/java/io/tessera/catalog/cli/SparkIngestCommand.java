package io.tessera.catalog.cli;

import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.ingest.IngestOptions;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.spark.SparkCatalog;
import io.tessera.catalog.spark.SparkIngest;
import io.tessera.catalog.spark.SparkLayer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tessera-spark ingest INPUT... URI NAME}, with the flags of {@code tessera ingest}. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Cut GeoTIFFs into a new layer on the cluster,"
        + " as tessera ingest does (the same tiles), optionally with every coarser zoom level. Inputs are paths every"
        + " executor can read, or URIs of a Hadoop file system (hdfs://namenode/path/a.tif).")
final class SparkIngestCommand implements Callable<Integer> {

    @Parameters(arity = "3..*", paramLabel = "INPUT... URI NAME", description = "GeoTIFFs, then the catalog URI, then"
            + " the layer name.")
    List<String> args;

    @Mixin
    IngestFlags flags;

    @Mixin
    IndexOptions indexOptions;

    @ParentCommand
    TesseraSpark parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> inputs = args.subList(0, args.size() - 2);
        String uri = Parsing.catalogUri(args.get(args.size() - 2));
        String name = args.get(args.size() - 1);
        IngestOptions options = flags.options();
        WriteOptions write = indexOptions.writeOptionsOrDefault();
        SparkCatalog catalog = SparkCatalog.of(parent.spark, uri);
        List<LayerId> written = flags.spaceTime() ? ingest(catalog, SpaceTimeKey.class, inputs, name, options, write)
                : ingest(catalog, SpatialKey.class, inputs, name, options, write);
        StringBuilder report = new StringBuilder("ingested " + inputs.size() + " file(s) into " + name + ":");
        for (LayerId id : written) {
            report.append(" zoom ").append(id.zoom()).append(' ')
                    .append(catalog.catalog().recordCount(id.name(), id.zoom()).orElse(0)).append(" records;");
        }
        spec.commandLine().getOut().println(report.substring(0, report.length() - 1));
        return 0;
    }

    private <K extends LayerKey> List<LayerId> ingest(SparkCatalog catalog, Class<K> keyType, List<String> inputs,
            String name, IngestOptions options, WriteOptions write) {
        List<SparkLayer<K>> levels = flags.pyramid
                ? SparkIngest.pyramid(parent.spark, keyType, inputs, options, flags.resample(), flags.minZoom)
                : List.of(SparkIngest.layer(parent.spark, keyType, inputs, options));
        try {
            catalog.writePyramid(name, levels, write);
        } finally {
            levels.forEach(l -> l.tiles().unpersist());
        }
        return levels.stream().map(l -> new LayerId(name, l.zoom())).toList();
    }
}
