package io.tessera.catalog.testkit;

import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.CatalogStorage;
import io.tessera.catalog.spi.LayerCommits;
import io.tessera.catalog.spi.RecordStorage;

/**
 * A real backend's storage seen through test wrappers ({@link FlakyCommits}, {@link FaultyStorage}):
 * its own location (so its attribute cache is its own), the real format, and the given parts.
 */
record WrappedStorage(String location, CatalogStorage inner, AttributeStorage attributes, RecordStorage records,
        LayerCommits commits) implements CatalogStorage {

    @Override
    public String format() {
        return inner.format();
    }

    @Override
    public void close() {
        inner.close();
    }
}
