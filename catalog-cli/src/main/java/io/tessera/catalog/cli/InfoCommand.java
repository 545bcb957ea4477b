package io.tessera.catalog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.AttributeStore;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.format.LayerJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tessera info URI NAME ZOOM}. */
@Command(name = "info", mixinStandardHelpOptions = true, description = "Print a layer's metadata JSON (cell type, layout, extent, CRS, bounds),"
        + " its header and key index.")
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
            JsonNode blob = c.attributeStore().layer(layer.name, layer.zoom).read(AttributeStore.METADATA);
            if (!schema && blob instanceof ObjectNode o) {
                o.remove("schema");
            }
            spec.commandLine().getOut().println(LayerJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(blob));
        }
        return 0;
    }
}
