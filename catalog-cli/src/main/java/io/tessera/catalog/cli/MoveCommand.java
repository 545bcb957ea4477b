package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tessera move URI NAME NEW_NAME [--zoom Z]}. */
@Command(name = "move", mixinStandardHelpOptions = true, description = "Rename a layer (every zoom, or one) within a catalog.")
final class MoveCommand implements Callable<Integer> {

    @Mixin
    LayerSelection layer;

    @Parameters(index = "2", paramLabel = "NEW_NAME")
    String newName;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Catalog c = Catalog.open(layer.catalogUri())) {
            List<Integer> zooms = layer.zooms(c);
            for (int z : zooms) {
                c.move(layer.name, z, newName);
            }
            spec.commandLine().getOut().println("moved " + layer.name + " zoom(s) " + zooms + " to " + newName);
        }
        return 0;
    }
}
