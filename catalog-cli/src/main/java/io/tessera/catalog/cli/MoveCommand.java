package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tessera move URI NAME NEW_NAME [--zoom Z]}. */
@Command(name = "move", mixinStandardHelpOptions = true, description = "Rename a layer (every zoom, or one) within a catalog.")
final class MoveCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URI")
    String uri;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Parameters(index = "2", paramLabel = "NEW_NAME")
    String newName;

    @Option(names = "--zoom", paramLabel = "Z", description = "Move only this zoom.")
    Integer zoom;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Catalog c = Catalog.open(Parsing.catalogUri(uri))) {
            List<Integer> zooms = LayerSelection.zooms(c, name, zoom);
            for (int z : zooms) {
                c.move(name, z, newName);
            }
            spec.commandLine().getOut().println("moved " + name + " zoom(s) " + zooms + " to " + newName);
        }
        return 0;
    }
}
