package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.WriteOptions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tessera copy SRC_URI DST_URI NAME [--zoom Z] [--to NAME] [--index M]}. */
@Command(name = "copy", mixinStandardHelpOptions = true, description = "Copy a layer (every zoom, or one) to another catalog on any backend. Records are"
        + " copied as they are unless --index asks for another key index, which re-encodes them.")
final class CopyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SRC_URI")
    String src;

    @Parameters(index = "1", paramLabel = "DST_URI")
    String dst;

    @Parameters(index = "2", paramLabel = "NAME")
    String name;

    @Option(names = "--zoom", paramLabel = "Z", description = "Copy only this zoom.")
    Integer zoom;

    @Option(names = "--to", paramLabel = "NAME", description = "Name in the destination (default: the same).")
    String to;

    @Mixin
    IndexOptions indexOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<WriteOptions> options = indexOptions.writeOptions();
        try (Catalog from = Catalog.open(Parsing.existingCatalogUri(src)); Catalog into = Catalog.open(Parsing.catalogUri(dst))) {
            List<Integer> zooms = LayerSelection.zooms(from, name, zoom);
            String target = to == null ? name : to;
            try (Progress p = new Progress(spec.commandLine().getErr(), "copy " + name, zooms.size())) {
                for (int z : zooms) {
                    from.copyTo(into, name, z, target, options);
                    p.step(1);
                }
            }
            spec.commandLine().getOut().println("copied " + name + " zoom(s) " + zooms + " to " + into.location() + " as " + target);
        }
        return 0;
    }
}
