package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.LayerNotFoundException;
import io.tessera.catalog.model.LayerId;
import java.util.List;

/** The zoom levels a command acts on: one given zoom, or every zoom of the name. */
final class LayerSelection {

    private LayerSelection() {
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
