package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.WriteOptions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tessera copy SRC_URI DST_URI NAME [--zoom Z] [--to NAME] [--index M]}. */
@Command(name = "copy", mixinStandardHelpOptions = true, description = "Copy a layer (every zoom, or one) to another catalog on any backend. Records are"
        + " copied as they are unless --index asks for another key index, which re-encodes them.")
final class CopyCommand implements Callable<Integer> {

    @Mixin
    CopyArgs copy;

    @Mixin
    IndexOptions indexOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<WriteOptions> options = indexOptions.writeOptions();
        try (Catalog from = Catalog.open(Parsing.existingCatalogUri(copy.src)); Catalog into = Catalog.open(Parsing.catalogUri(copy.dst))) {
            List<Integer> zooms = LayerSelection.zooms(from, copy.name, copy.zoom);
            String target = copy.target();
            try (Progress p = new Progress(spec.commandLine().getErr(), "copy " + copy.name, zooms.size())) {
                for (int z : zooms) {
                    from.copyTo(into, copy.name, z, target, options);
                    p.step(1);
                }
            }
            spec.commandLine().getOut().println("copied " + copy.name + " zoom(s) " + zooms + " to " + into.location() + " as " + target);
        }
        return 0;
    }
}
