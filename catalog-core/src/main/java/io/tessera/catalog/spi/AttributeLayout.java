package io.tessera.catalog.spi;

/**
 * How a backend keeps the documents that define a layer, as GeoTrellis does on that backend. The
 * core writes and reads both forms, so users see the same attributes on every backend.
 */
public enum AttributeLayout {

    /**
     * One document {@code metadata} holding {@code {"header","metadata","keyIndex","schema"}} (GeoTrellis's
     * file, HDFS and S3 stores).
     */
    BLOB,

    /**
     * Four documents {@code header}, {@code metadata}, {@code keyIndex} and {@code schema}, each holding one
     * part (GeoTrellis's Cassandra, HBase and Accumulo stores).
     */
    DISCRETE
}
