package io.tessera.catalog.spi;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * A storage backend, found with {@link java.util.ServiceLoader} by URI scheme. Register an
 * implementation in {@code META-INF/services/io.tessera.catalog.spi.CatalogProvider}.
 */
public interface CatalogProvider {

    /** The URI schemes this backend serves, in lower case (e.g. {@code file}). */
    Set<String> schemes();

    /**
     * Opens the catalog at {@code uri}.
     *
     * @param uri an absolute URI with one of {@link #schemes()}
     * @param options backend settings given by the caller; they take precedence over URI query parameters
     * @throws IllegalArgumentException when the URI or an option is malformed, saying which and the expected form
     */
    CatalogStorage open(URI uri, Map<String, String> options);
}
