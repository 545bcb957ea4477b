package io.tessera.catalog.exceptions;

/** Base of every error the catalog reports; the message says what went wrong and what to do. */
public class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
