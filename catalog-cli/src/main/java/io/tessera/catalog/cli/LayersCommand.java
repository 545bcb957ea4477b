package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.model.LayerId;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code tessera layers URI}. */
@Command(name = "layers", mixinStandardHelpOptions = true, description = "List the layers of a catalog: name, zoom, key type.")
final class LayersCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "URI", description = "Catalog URI, e.g. file:///data/catalog")
    String uri;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (Catalog c = Catalog.open(Parsing.existingCatalogUri(uri))) {
            for (LayerId id : c.layers()) {
                String type;
                try {
                    type = c.keyType(id.name(), id.zoom()).toString();
                } catch (CatalogException damaged) {
                    // One unreadable layer must not hide the others; verify and delete handle it.
                    type = "DAMAGED\t" + damaged.getMessage();
                }
                spec.commandLine().getOut().println(id.name() + "\t" + id.zoom() + "\t" + type);
            }
        }
        return 0;
    }
}
