package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tessera delete URI NAME [--zoom Z]}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a layer's tiles and attributes (every zoom, or one).")
final class DeleteCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URI")
    String uri;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Option(names = "--zoom", paramLabel = "Z", description = "Delete only this zoom.")
    Integer zoom;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Catalog c = Catalog.open(Parsing.catalogUri(uri))) {
            List<Integer> zooms = LayerSelection.zooms(c, name, zoom);
            for (int z : zooms) {
                c.delete(name, z);
            }
            spec.commandLine().getOut().println("deleted " + name + " zoom(s) " + zooms);
        }
        return 0;
    }
}
