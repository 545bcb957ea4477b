package io.tessera.catalog.backend.hbase;

import io.tessera.catalog.spi.CatalogProvider;
import io.tessera.catalog.spi.CatalogStorage;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * {@code hbase://zookeeper[,zookeeper2][:port]?master=host&attributes=metadata&layers=tiles}:
 * catalogs in GeoTrellis 3.x's HBase tables. Options, as URI parameters or {@code Catalog.open}
 * options: {@code attributes} and {@code layers} (table names, {@code namespace:table} allowed),
 * {@code master}, {@code write-buffer} (MiB a batch buffers before sending, default 8),
 * {@code operation-timeout} (default 60s), and any {@code hbase.*}, {@code zookeeper.*} or
 * {@code hadoop.*} setting over the {@code hbase-site.xml} found on the class path.
 */
public final class HBaseCatalogProvider implements CatalogProvider {

    @Override
    public Set<String> schemes() {
        return Set.of("hbase");
    }

    @Override
    public CatalogStorage open(URI uri, Map<String, String> options) {
        HBaseSettings settings = HBaseSettings.parse(uri, options);
        HBaseTables tables = HBaseTables.connect(settings);
        HBaseAttributes attributes = new HBaseAttributes(tables);
        return CatalogStorage.of(settings.location(), "hbase", attributes, new HBaseRecords(tables), attributes,
                tables::close);
    }
}
