package io.tessera.catalog.exceptions;

import io.tessera.catalog.model.LayerId;

/** A layer with this name and zoom already exists where a new one was to be created. */
public class LayerExistsException extends CatalogException {

    public LayerExistsException(LayerId id, String catalog) {
        super("layer '" + id.name() + "' zoom " + id.zoom() + " already exists in catalog " + catalog
                + "; delete it first, or use update or overwrite to change it");
    }
}
