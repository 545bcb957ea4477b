package io.tessera.catalog.cli;

import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.spark.SparkCatalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code tessera-spark reindex URI NAME ZOOM --index M}. */
@Command(name = "reindex", mixinStandardHelpOptions = true, description = "Rewrite a layer with another key index on"
        + " the cluster; the original stays readable until the new one is complete, and a failed job leaves it as it was.")
final class SparkReindexCommand implements Callable<Integer> {

    @Mixin
    LayerRef layer;

    @Mixin
    IndexOptions indexOptions;

    @ParentCommand
    TesseraSpark parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        WriteOptions options = indexOptions.writeOptions()
                .orElseThrow(() -> new IllegalArgumentException("reindex needs --index zorder|hilbert|rowmajor"));
        SparkCatalog catalog = SparkCatalog.of(parent.spark, layer.catalogUri());
        catalog.reindex(layer.name, layer.zoom, catalog.catalog().keyType(layer.name, layer.zoom).javaType(), options);
        spec.commandLine().getOut().println("reindexed " + layer.name + " zoom " + layer.zoom + " with "
                + options.indexMethod().id() + " on Spark");
        return 0;
    }
}
