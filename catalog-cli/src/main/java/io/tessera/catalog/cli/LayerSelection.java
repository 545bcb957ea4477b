package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.exceptions.LayerNotFoundException;
import io.tessera.catalog.model.LayerId;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code URI NAME [--zoom Z]}: every zoom level of a layer name, or one. */
final class LayerSelection {

    @Parameters(index = "0", paramLabel = "URI", description = "Catalog URI, e.g. file:///data/catalog, or a path.")
    String uri;

    @Parameters(index = "1", paramLabel = "NAME", description = "Layer name.")
    String name;

    @Option(names = "--zoom", paramLabel = "Z", description = "Only this zoom (default: every zoom of NAME).")
    Integer zoom;

    /** The catalog URI, with a relative path resolved against the working directory. */
    String catalogUri() {
        return Parsing.existingCatalogUri(uri);
    }

    /** The selected zooms of {@link #name} in {@code c}. */
    List<Integer> zooms(Catalog c) {
        return zooms(c, name, zoom);
    }

    static List<Integer> zooms(Catalog c, String name, Integer zoom) {
        if (zoom != null) {
            if (!c.exists(name, zoom)) {
                throw new LayerNotFoundException(new LayerId(name, zoom), c.location());
            }
            return List.of(zoom);
        }
        List<Integer> zooms = c.layers().stream().filter(l -> l.name().equals(name)).map(LayerId::zoom).toList();
        if (zooms.isEmpty()) {
            throw new IllegalArgumentException("catalog " + c.location() + " has no layer named '" + name + "'");
        }
        return zooms;
    }
}
