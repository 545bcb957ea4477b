package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.spark.SparkCatalog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tessera-spark copy SRC_URI DST_URI NAME [--zoom Z] [--to NAME] [--index M]}. */
@Command(name = "copy", mixinStandardHelpOptions = true, description = "Copy a layer (every zoom, or one) to another"
        + " catalog on the cluster: read by the executors, written by them as one commit per zoom, under --index"
        + " (default zorder).")
final class SparkCopyCommand implements Callable<Integer> {

    @Mixin
    CopyArgs copy;

    @Mixin
    IndexOptions indexOptions;

    @ParentCommand
    TesseraSpark parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        WriteOptions options = indexOptions.writeOptionsOrDefault();
        SparkCatalog from = SparkCatalog.of(parent.spark, Parsing.existingCatalogUri(copy.src));
        SparkCatalog into = SparkCatalog.of(parent.spark, Parsing.catalogUri(copy.dst));
        Catalog source = from.catalog();
        List<Integer> zooms = LayerSelection.zooms(source, copy.name, copy.zoom);
        String target = copy.target();
        for (int z : zooms) {
            copy(from, into, z, source.keyType(copy.name, z).javaType(), target, options);
        }
        spec.commandLine().getOut().println("copied " + copy.name + " zoom(s) " + zooms + " to " + into.catalog().location()
                + " as " + target);
        return 0;
    }

    private <K extends LayerKey> void copy(SparkCatalog from, SparkCatalog into, int z, Class<K> keyType, String target,
            WriteOptions options) {
        from.copyTo(into, copy.name, z, keyType, target, options);
    }
}
