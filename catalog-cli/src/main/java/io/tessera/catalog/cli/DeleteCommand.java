package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tessera delete URI NAME [--zoom Z]}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a layer's tiles and attributes (every zoom, or one).")
final class DeleteCommand implements Callable<Integer> {

    @Mixin
    LayerSelection layer;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Catalog c = Catalog.open(layer.catalogUri())) {
            List<Integer> zooms = layer.zooms(c);
            for (int z : zooms) {
                c.delete(layer.name, z);
            }
            spec.commandLine().getOut().println("deleted " + layer.name + " zoom(s) " + zooms);
        }
        return 0;
    }
}
