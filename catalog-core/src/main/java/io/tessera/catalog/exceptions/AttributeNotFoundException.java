package io.tessera.catalog.exceptions;

import io.tessera.catalog.model.LayerId;

/** A layer has no attribute of the requested name. */
public class AttributeNotFoundException extends CatalogException {

    public AttributeNotFoundException(LayerId id, String attribute, String catalog) {
        super("layer '" + id.name() + "' zoom " + id.zoom() + " has no attribute '" + attribute + "' in catalog " + catalog);
    }
}
