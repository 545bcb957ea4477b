package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tessera reindex URI NAME ZOOM --index M}. */
@Command(name = "reindex", description = "Rewrite a layer with another key index; the original stays readable until"
        + " the new one is complete.")
final class ReindexCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URI")
    String uri;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Parameters(index = "2", paramLabel = "ZOOM")
    int zoom;

    @Option(names = "--index", required = true, paramLabel = "zorder|hilbert|rowmajor")
    String index;

    @Option(names = "--time-unit", defaultValue = "days", description = "Z-order time bin unit (default: ${DEFAULT-VALUE}).")
    String timeUnit;

    @Option(names = "--time-count", defaultValue = "1", description = "Units per z-order time bin (default: ${DEFAULT-VALUE}).")
    int timeCount;

    @Option(names = "--hilbert-time-bits", defaultValue = "8", description = "Hilbert time resolution bits (default: ${DEFAULT-VALUE}).")
    int hilbertBits;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Catalog c = Catalog.open(Parsing.catalogUri(uri))) {
            c.reindex(name, zoom, Parsing.writeOptions(index, timeUnit, timeCount, hilbertBits));
            spec.commandLine().getOut().println("reindexed " + name + " zoom " + zoom + " with " + index);
        }
        return 0;
    }
}
