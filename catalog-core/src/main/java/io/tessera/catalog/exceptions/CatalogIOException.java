package io.tessera.catalog.exceptions;

/** Storage failed underneath the catalog (disk, network, server); the message names the object. */
public class CatalogIOException extends CatalogException {

    public CatalogIOException(String message, Throwable cause) {
        super(message, cause);
    }
}
