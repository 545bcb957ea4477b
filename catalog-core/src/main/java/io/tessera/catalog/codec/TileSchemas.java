package io.tessera.catalog.codec;

import io.tessera.catalog.raster.CellType.DataType;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.Schema.Field;
import org.apache.avro.Schema.Type;

/**
 * Builds the Avro schemas GeoTrellis 3.x writes, record for record and field for field, so that
 * {@link Schema#toString()} reproduces GeoTrellis's text and parsing fingerprint exactly.
 */
final class TileSchemas {

    static final String RASTER_NAMESPACE = "geotrellis.raster";
    static final String KEY_NAMESPACE = "geotrellis.tiling";

    private TileSchemas() {
    }

    /** The {@code KeyValueRecord} schema for a key kind and value class. */
    static Schema keyValueRecord(boolean spaceTime, ValueClass valueClass) {
        return keyValueRecord(spaceTime, valueClass, null);
    }

    /**
     * The {@code KeyValueRecord} schema with, when not null, {@code keyAlias} as an alias of the key
     * record: a reader schema that resolves writers whose key record has another full name.
     */
    static Schema keyValueRecord(boolean spaceTime, ValueClass valueClass, String keyAlias) {
        Schema value = tileUnion();
        if (valueClass == ValueClass.MULTIBAND_TILE) {
            value = record("ArrayMultibandTile", RASTER_NAMESPACE,
                    List.of(new Field("bands", Schema.createArray(value))));
        }
        Schema key = key(spaceTime);
        if (keyAlias != null) {
            key.addAlias(keyAlias);
        }
        Schema tuple = record("Tuple2", "scala", List.of(new Field("_1", key), new Field("_2", value)));
        return record("KeyValueRecord", "geotrellis.spark.io", List.of(new Field("pairs", Schema.createArray(tuple))));
    }

    private static Schema key(boolean spaceTime) {
        List<Field> fields = new ArrayList<>(List.of(intField("col"), intField("row")));
        if (spaceTime) {
            Field instant = new Field("instant", Schema.create(Type.LONG));
            // Very old GeoTrellis writers named the field "millis"; the alias lets their data resolve.
            instant.addAlias("millis");
            fields.add(instant);
        }
        return record(spaceTime ? "SpaceTimeKey" : "SpatialKey", KEY_NAMESPACE, fields);
    }

    /** The 17-branch tile union, branches in {@link TileBranch} order. */
    private static Schema tileUnion() {
        List<Schema> branches = new ArrayList<>(TileBranch.COUNT);
        for (TileBranch b : TileBranch.values()) {
            if (b.kind != TileBranch.Kind.PADDED) {
                branches.add(tileRecord(b));
            }
        }
        Schema padded = record(TileBranch.PADDED.recordName, RASTER_NAMESPACE, List.of(
                new Field("chunk", Schema.createUnion(branches)),
                intField("colOffset"), intField("rowOffset"), intField("cols"), intField("rows")));
        branches.add(padded);
        return Schema.createUnion(branches);
    }

    private static Schema tileRecord(TileBranch b) {
        List<Field> fields = new ArrayList<>(List.of(intField("cols"), intField("rows")));
        boolean array = b.kind == TileBranch.Kind.ARRAY;
        fields.add(new Field(array ? "cells" : "cell", array ? cellsSchema(b.dataType) : cellSchema(b.dataType)));
        if (b.floatingNoData()) {
            Type valueType = b.dataType == DataType.FLOAT32 ? Type.FLOAT : Type.DOUBLE;
            fields.add(new Field("noDataValue", union(Type.BOOLEAN, valueType), null, Boolean.TRUE));
        } else if (b.hasNoDataField()) {
            fields.add(new Field("noDataValue", union(Type.INT, Type.NULL), null, b.intNoDataDefault));
        }
        return record(b.recordName, RASTER_NAMESPACE, fields);
    }

    private static Schema cellsSchema(DataType type) {
        return switch (type) {
            case BOOL, INT8, UINT8 -> Schema.create(Type.BYTES);
            case INT16, UINT16, INT32 -> Schema.createArray(Schema.create(Type.INT));
            case FLOAT32 -> Schema.createArray(Schema.create(Type.FLOAT));
            case FLOAT64 -> Schema.createArray(Schema.create(Type.DOUBLE));
        };
    }

    private static Schema cellSchema(DataType type) {
        return switch (type) {
            case BOOL -> Schema.create(Type.BOOLEAN);
            case INT8, UINT8, INT16, UINT16, INT32 -> Schema.create(Type.INT);
            case FLOAT32 -> Schema.create(Type.FLOAT);
            case FLOAT64 -> Schema.create(Type.DOUBLE);
        };
    }

    private static Schema union(Type a, Type b) {
        return Schema.createUnion(Schema.create(a), Schema.create(b));
    }

    private static Field intField(String name) {
        return new Field(name, Schema.create(Type.INT));
    }

    private static Schema record(String name, String namespace, List<Field> fields) {
        return Schema.createRecord(name, null, namespace, false, fields);
    }
}
