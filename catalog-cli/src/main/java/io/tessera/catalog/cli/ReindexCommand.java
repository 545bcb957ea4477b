package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.WriteOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tessera reindex URI NAME ZOOM --index M}. */
@Command(name = "reindex", mixinStandardHelpOptions = true, description = "Rewrite a layer with another key index; the original stays readable until"
        + " the new one is complete.")
final class ReindexCommand implements Callable<Integer> {

    @Mixin
    LayerRef layer;

    @Mixin
    IndexOptions indexOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Catalog c = Catalog.open(layer.catalogUri())) {
            WriteOptions options = indexOptions.writeOptions()
                    .orElseThrow(() -> new IllegalArgumentException("reindex needs --index zorder|hilbert|rowmajor"));
            c.reindex(layer.name, layer.zoom, options);
            spec.commandLine().getOut().println("reindexed " + layer.name + " zoom " + layer.zoom + " with " + options.indexMethod().id());
        }
        return 0;
    }
}
