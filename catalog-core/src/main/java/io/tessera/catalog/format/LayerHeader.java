package io.tessera.catalog.format;

import io.tessera.catalog.model.KeyType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A layer's {@code header}: which backend format holds it, its key and value classes as
 * GeoTrellis names them, its layer type, and the backend's location fields ({@code path} for
 * file and HDFS, {@code bucket}/{@code key} for S3, {@code keyspace}/{@code tileTable} for
 * Cassandra, {@code tileTable} for HBase and Accumulo), kept in their written order.
 *
 * @param format the backend format name, e.g. {@code file}, {@code s3}
 * @param keyClass e.g. {@code geotrellis.layer.SpatialKey}
 * @param valueClass {@code geotrellis.raster.Tile} or {@code geotrellis.raster.MultibandTile}
 * @param layerType {@code AvroLayerType} (tiles as Avro records) or {@code COGLayerType}
 * @param location backend-specific fields, e.g. {@code path}
 */
public record LayerHeader(String format, String keyClass, String valueClass, String layerType,
        Map<String, String> location) {

    /** The layer type of Avro tile layers, the only kind this library reads and writes. */
    public static final String AVRO_LAYER_TYPE = "AvroLayerType";
    /** The layer type of GeoTrellis COG layers, which are detected and refused. */
    public static final String COG_LAYER_TYPE = "COGLayerType";

    public LayerHeader {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(keyClass, "keyClass");
        Objects.requireNonNull(valueClass, "valueClass");
        Objects.requireNonNull(layerType, "layerType");
        location = Collections.unmodifiableMap(new LinkedHashMap<>(location));
    }

    /** An Avro layer header. */
    public static LayerHeader avro(String format, KeyType keyType, String valueClass, Map<String, String> location) {
        return new LayerHeader(format, keyType.geotrellisClassName(), valueClass, AVRO_LAYER_TYPE, location);
    }

    /** The key type named by {@link #keyClass()}. */
    public KeyType keyType() {
        return KeyType.fromGeotrellisClassName(keyClass);
    }

    /** True for Avro tile layers. */
    public boolean isAvroLayer() {
        return AVRO_LAYER_TYPE.equals(layerType);
    }

    /**
     * A location field.
     *
     * @throws IllegalArgumentException naming the field when the header lacks it
     */
    public String location(String field) {
        String v = location.get(field);
        if (v == null) {
            throw new IllegalArgumentException("layer header (format '" + format + "') has no '" + field + "' field");
        }
        return v;
    }

    /** This header with one location field replaced (e.g. a new {@code path} after a copy). */
    public LayerHeader withLocation(String field, String value) {
        Map<String, String> m = new LinkedHashMap<>(location);
        m.put(field, value);
        return new LayerHeader(format, keyClass, valueClass, layerType, m);
    }
}
