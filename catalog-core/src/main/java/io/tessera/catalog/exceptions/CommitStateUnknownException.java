package io.tessera.catalog.exceptions;

import io.tessera.catalog.model.LayerId;

/**
 * A commit was sent but neither the storage's answer nor reading the layer back could tell whether
 * it took effect (the server or network failed at that moment). Nothing is assumed: check the layer
 * (e.g. {@code tessera info}) before retrying.
 */
public class CommitStateUnknownException extends CatalogException {

    public CommitStateUnknownException(LayerId id, String catalog, String step, Throwable cause) {
        super("cannot tell whether the " + step + " of layer '" + id.name() + "' zoom " + id.zoom() + " in catalog "
                + catalog + " took effect: " + (cause == null ? "the storage could not say" : cause.getMessage())
                + "; check the layer before retrying", cause);
    }
}
