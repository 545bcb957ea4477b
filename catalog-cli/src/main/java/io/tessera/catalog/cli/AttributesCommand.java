package io.tessera.catalog.cli;

import io.tessera.catalog.AttributeStore;
import io.tessera.catalog.LayerAttributes;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tessera attributes URI NAME ZOOM [--get A | --set A JSON | --delete A]}. */
@Command(name = "attributes", mixinStandardHelpOptions = true, description = "List a layer's attributes, or get, set or delete one.")
final class AttributesCommand implements Callable<Integer> {

    @Mixin
    LayerRef layer;

    @ArgGroup(exclusive = true)
    Action action;

    static final class Action {
        @Option(names = "--get", paramLabel = "A", description = "Print attribute A as JSON.")
        String get;

        @Option(names = "--set", arity = "2", paramLabel = "A JSON", description = "Store JSON as attribute A.")
        String[] set;

        @Option(names = "--delete", paramLabel = "A", description = "Delete attribute A.")
        String delete;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (AttributeStore store = AttributeStore.open(layer.catalogUri())) {
            LayerAttributes a = store.layer(layer.name, layer.zoom);
            if (action == null) {
                a.names().forEach(out::println);
            } else if (action.get != null) {
                out.println(Json.pretty(a.read(action.get)));
            } else if (action.set != null) {
                if (!store.contains(layer.name, layer.zoom)) {
                    throw new IllegalArgumentException("there is no layer '" + layer.name + "' zoom " + layer.zoom + " in "
                            + layer.uri + "; attributes are set on existing layers (tessera layers lists them)");
                }
                a.write(action.set[0], Json.parse(action.set[1], "--set " + action.set[0]));
                out.println("set " + action.set[0]);
            } else if (!a.delete(action.delete)) {
                throw new IllegalArgumentException("layer " + layer.name + " zoom " + layer.zoom + " has no attribute '" + action.delete + "'");
            } else {
                out.println("deleted " + action.delete);
            }
        }
        return 0;
    }
}
