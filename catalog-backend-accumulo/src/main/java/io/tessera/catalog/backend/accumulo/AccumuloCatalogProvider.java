package io.tessera.catalog.backend.accumulo;

import io.tessera.catalog.spi.CatalogProvider;
import io.tessera.catalog.spi.CatalogStorage;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * {@code accumulo://[user[:password]@]zookeeper[,zookeeper2][:port]/instance?attributes=metadata&layers=tiles}:
 * catalogs in GeoTrellis 3.x's Accumulo tables. Options, as URI parameters or {@code Catalog.open}
 * options: {@code attributes} and {@code layers} (table names, {@code namespace.table} allowed),
 * {@code user} (default {@code root}) and {@code password} (default empty), {@code client-properties}
 * (an Accumulo client properties file, e.g. for its authentication), {@code write-memory} (MiB a
 * batch buffers, default 64), {@code write-threads} and {@code query-threads} (default 4 each) and
 * {@code timeout} (default 60s).
 */
public final class AccumuloCatalogProvider implements CatalogProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("accumulo");
    }

    @Override
    public CatalogStorage open(URI uri, Map<String, String> options) {
        AccumuloSettings settings = AccumuloSettings.parse(uri, options);
        AccumuloTables tables = AccumuloTables.connect(settings);
        AccumuloAttributes attributes = new AccumuloAttributes(tables);
        return CatalogStorage.of(settings.location(), "accumulo", attributes, new AccumuloRecords(tables), attributes,
                tables::close);
    }
}
