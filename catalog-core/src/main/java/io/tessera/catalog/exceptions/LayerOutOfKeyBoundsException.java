package io.tessera.catalog.exceptions;

import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;

/** An update holds keys the layer's key index cannot address. */
public class LayerOutOfKeyBoundsException extends CatalogException {

    public LayerOutOfKeyBoundsException(LayerId id, LayerKey key, KeyBounds<?> indexBounds) {
        super("key " + key + " is outside the key index bounds " + indexBounds + " of layer '" + id.name()
                + "' zoom " + id.zoom() + "; write the layer again (or reindex it) with bounds that hold the new keys");
    }
}
