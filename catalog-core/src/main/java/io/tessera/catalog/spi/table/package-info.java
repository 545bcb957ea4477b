/**
 * What the backends that keep layers in tables shared by every layer (Cassandra, HBase, Accumulo)
 * have in common: clients shared per cluster, the twin table a reindex writes into, and the log of
 * rows a create batch wrote so that its abort removes exactly those.
 */
package io.tessera.catalog.spi.table;
