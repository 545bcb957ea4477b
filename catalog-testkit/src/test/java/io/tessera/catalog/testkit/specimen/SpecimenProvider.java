package io.tessera.catalog.testkit.specimen;

import io.tessera.catalog.spi.CatalogProvider;
import io.tessera.catalog.spi.CatalogStorage;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code specimen://name}: an in-memory catalog that lives as long as the JVM, a specimen of the
 * storage contract as the table and Hadoop backends will use it (not a product backend): records
 * taken only ascending and unique from one thread per batch and invisible until the batch closes,
 * ranges read by its own scan, attributes discrete, commits atomic per layer row, deletes bounded by
 * the layer's index ranges. It refuses any misuse loudly, so the core's side of the contract is
 * checked on every call.
 */
public final class SpecimenProvider implements CatalogProvider {

    private static final Map<String, SpecimenStore> STORES = new ConcurrentHashMap<>();

    @Override
    public Set<String> schemes() {
        return Set.of("specimen");
    }

    @Override
    public CatalogStorage open(URI uri, Map<String, String> options) {
        if (uri.getAuthority() == null || !options.isEmpty()) {
            throw new IllegalArgumentException("specimen catalogs are specimen://name and take no options, got " + uri);
        }
        return new SpecimenStorage(uri.toString(), STORES.computeIfAbsent(uri.getAuthority(), n -> new SpecimenStore()));
    }
}
