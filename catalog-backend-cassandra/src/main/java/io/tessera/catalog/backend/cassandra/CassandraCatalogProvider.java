package io.tessera.catalog.backend.cassandra;

import io.tessera.catalog.spi.CatalogProvider;
import io.tessera.catalog.spi.CatalogStorage;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * {@code cassandra://[user:password@]host[,host2][:port]/keyspace?attributes=metadata&layers=tiles}:
 * catalogs in GeoTrellis 3.x's Cassandra tables (the attribute table in either of GeoTrellis's two
 * schemas). Options, as URI parameters or {@code Catalog.open} options: {@code datacenter} (default
 * {@code datacenter1}), {@code replication-strategy} and {@code replication-factor} (for a keyspace
 * made on the first write; default SimpleStrategy, 1), {@code consistency} (default LOCAL_QUORUM),
 * {@code request-timeout} (default 12s), {@code max-in-flight} (requests per batch, default 64),
 * {@code user} and {@code password}. Unlike GeoTrellis, the port in the URI is honoured.
 */
public final class CassandraCatalogProvider implements CatalogProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("cassandra");
    }

    @Override
    public CatalogStorage open(URI uri, Map<String, String> options) {
        CassandraSettings settings = CassandraSettings.parse(uri, options);
        CassandraTables tables = CassandraTables.connect(settings);
        CassandraAttributes attributes = new CassandraAttributes(tables);
        return CatalogStorage.of(settings.location(), "cassandra", attributes, new CassandraRecords(tables), attributes,
                tables::close);
    }
}
