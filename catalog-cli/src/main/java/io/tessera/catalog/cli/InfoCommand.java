package io.tessera.catalog.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.LayerAttributes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tessera info URI NAME ZOOM}. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Print a layer's metadata JSON (cell type, layout, extent, CRS, bounds),"
        + " its header, key index and (for layers this tool wrote) the exact number of records.")
final class InfoCommand implements Callable<Integer> {

    @Mixin
    LayerRef layer;

    @Option(names = "--schema", description = "Also print the Avro schema of the layer's records.")
    boolean schema;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Catalog c = Catalog.open(layer.catalogUri())) {
            c.readMetadata(layer.name, layer.zoom);
            LayerAttributes a = c.attributeStore().layer(layer.name, layer.zoom);
            ObjectNode definition = Json.object();
            for (String part : schema ? List.of("header", "metadata", "keyIndex", "schema")
                    : List.of("header", "metadata", "keyIndex")) {
                definition.set(part, a.read(part));
            }
            c.recordCount(layer.name, layer.zoom).ifPresent(n -> definition.put("records", n));
            spec.commandLine().getOut().println(Json.pretty(definition));
        }
        return 0;
    }
}
