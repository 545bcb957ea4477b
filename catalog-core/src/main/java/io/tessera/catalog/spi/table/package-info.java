/**
 * What the backends that keep layers in tables shared by every layer (Cassandra, HBase, Accumulo)
 * have in common: clients shared per cluster, GeoTrellis's layer key, the twin table a reindex
 * writes into, record batches whose abort removes exactly the rows a create wrote, and
 * reads cut into pieces that run ahead in parallel and come out in order.
 */
package io.tessera.catalog.spi.table;
