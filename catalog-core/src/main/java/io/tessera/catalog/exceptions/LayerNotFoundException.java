package io.tessera.catalog.exceptions;

import io.tessera.catalog.model.LayerId;

/** The catalog has no layer with this name and zoom (no {@code metadata} attribute). */
public class LayerNotFoundException extends CatalogException {

    private final transient LayerId layerId;

    public LayerNotFoundException(LayerId id, String catalog) {
        super("layer '" + id.name() + "' zoom " + id.zoom() + " not found in catalog " + catalog);
        this.layerId = id;
    }

    /** The layer that was asked for. */
    public LayerId layerId() {
        return layerId;
    }
}
