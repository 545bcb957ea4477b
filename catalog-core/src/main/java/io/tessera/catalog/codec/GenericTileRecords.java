package io.tessera.catalog.codec;

import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.CellType.DataType;
import io.tessera.catalog.raster.ConstantTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Converts between tiles and Avro {@link GenericRecord}s of GeoTrellis's tile schemas. This is the
 * slow, schema-tolerant path: {@link TileRecordCodec} uses it for data whose writer schema is not
 * exactly ours (decoded with Avro schema resolution), and it lets callers write records against
 * another schema with Avro's own writer. Records are recognised by their short names, so any
 * namespace (such as GeoTrellis 2.x's {@code geotrellis.spark} keys) is accepted.
 */
public final class GenericTileRecords {

    private GenericTileRecords() {
    }

    /**
     * The pairs of a decoded {@code KeyValueRecord}.
     *
     * @throws TileCodecException naming the pair and band when a record is not a valid tile
     */
    public static <K extends LayerKey> List<KeyedTile<K>> fromKeyValueRecord(GenericRecord keyValueRecord,
            Class<K> keyType) {
        List<?> pairs = (List<?>) keyValueRecord.get("pairs");
        List<KeyedTile<K>> out = new ArrayList<>(pairs.size());
        for (Object o : pairs) {
            GenericRecord pair = (GenericRecord) o;
            String where = "pair #" + out.size();
            K key = key((GenericRecord) pair.get("_1"), keyType, where);
            GenericRecord value = (GenericRecord) pair.get("_2");
            MultibandTile tile;
            if ("ArrayMultibandTile".equals(value.getSchema().getName())) {
                List<?> records = (List<?>) value.get("bands");
                List<Tile> bands = new ArrayList<>(records.size());
                for (Object band : records) {
                    bands.add(toTile((GenericRecord) band, where + ", band #" + bands.size()));
                }
                tile = build(() -> MultibandTile.of(bands), where);
            } else {
                tile = MultibandTile.of(toTile(value, where));
            }
            out.add(new KeyedTile<>(key, tile));
        }
        return out;
    }

    /**
     * A {@code KeyValueRecord} of the given schema (ours or a compatible one) holding the pairs; the
     * value class and key kind follow the schema.
     */
    public static GenericRecord toKeyValueRecord(List<? extends KeyedTile<?>> tiles, Schema keyValueSchema) {
        Schema pairsSchema = keyValueSchema.getField("pairs").schema();
        Schema tupleSchema = pairsSchema.getElementType();
        Schema keySchema = tupleSchema.getField("_1").schema();
        Schema valueSchema = tupleSchema.getField("_2").schema();
        boolean multiband = valueSchema.getType() == Schema.Type.RECORD;
        Schema unionSchema = multiband ? valueSchema.getField("bands").schema().getElementType() : valueSchema;
        Schema.Field timeField = keySchema.getField("instant") != null ? keySchema.getField("instant")
                : keySchema.getField("millis");
        GenericData.Array<GenericRecord> pairs = new GenericData.Array<>(tiles.size(), pairsSchema);
        for (KeyedTile<?> kt : tiles) {
            GenericRecord key = new GenericData.Record(keySchema);
            key.put("col", kt.key().col());
            key.put("row", kt.key().row());
            if (timeField != null) {
                key.put(timeField.pos(), ((SpaceTimeKey) kt.key()).instant());
            }
            GenericRecord tuple = new GenericData.Record(tupleSchema);
            tuple.put("_1", key);
            if (multiband) {
                Schema bandsSchema = valueSchema.getField("bands").schema();
                GenericData.Array<GenericRecord> bands = new GenericData.Array<>(kt.tile().bandCount(), bandsSchema);
                for (Tile band : kt.tile().bands()) {
                    bands.add(toTileRecord(band, unionSchema));
                }
                GenericRecord value = new GenericData.Record(valueSchema);
                value.put("bands", bands);
                tuple.put("_2", value);
            } else {
                tuple.put("_2", toTileRecord(kt.tile().band(0), unionSchema));
            }
            pairs.add(tuple);
        }
        GenericRecord record = new GenericData.Record(keyValueSchema);
        record.put("pairs", pairs);
        return record;
    }

    /**
     * The tile a tile record stands for: array records as array tiles, constant records as
     * {@link ConstantTile}s, padded records materialised as array tiles.
     *
     * @throws TileCodecException when the record is not a valid tile
     */
    public static Tile toTile(GenericRecord record) {
        return toTile(record, "tile record");
    }

    private static Tile toTile(GenericRecord record, String where) {
        String name = record.getSchema().getName();
        TileBranch b = TileBranch.ofRecordName(name);
        String at = where + ", " + name;
        if (b.kind == TileBranch.Kind.PADDED) {
            Tile chunk = toTile((GenericRecord) record.get("chunk"), at + ".chunk");
            return build(() -> TileAssembly.padded(chunk, (Integer) record.get("colOffset"),
                    (Integer) record.get("rowOffset"), (Integer) record.get("cols"), (Integer) record.get("rows")), at);
        }
        return build(() -> {
            int cols = (Integer) record.get("cols");
            int rows = (Integer) record.get("rows");
            ArrayTile.checkedSize(cols, rows);
            Object noData = b.hasNoDataField() ? record.get("noDataValue") : null;
            CellType cellType = TileAssembly.cellType(b, noData);
            if (b.kind == TileBranch.Kind.CONSTANT) {
                return ConstantTile.ofRawBits(cellType, cols, rows, TileAssembly.constantBits(b.dataType, record.get("cell")));
            }
            // The tile constructors check the cell count against cols x rows.
            return TileAssembly.array(cellType, cols, rows, cells(b.dataType, record.get("cells")));
        }, at);
    }

    /** The cells of an array record as the primitive array its tile wraps. */
    private static Object cells(DataType type, Object cells) {
        switch (type) {
            case BOOL:
            case INT8:
            case UINT8: {
                ByteBuffer buffer = ((ByteBuffer) cells).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            }
            case INT16:
            case UINT16: {
                List<?> list = (List<?>) cells;
                short[] out = new short[list.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (short) (int) (Integer) list.get(i);
                }
                return out;
            }
            case INT32: {
                List<?> list = (List<?>) cells;
                int[] out = new int[list.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (Integer) list.get(i);
                }
                return out;
            }
            case FLOAT32: {
                List<?> list = (List<?>) cells;
                float[] out = new float[list.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (Float) list.get(i);
                }
                return out;
            }
            case FLOAT64: {
                List<?> list = (List<?>) cells;
                double[] out = new double[list.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = (Double) list.get(i);
                }
                return out;
            }
            default:
                throw new AssertionError(type);
        }
    }

    /**
     * The record for a tile in a tile union schema: constant tiles as their constant record, others
     * as their array record.
     */
    public static GenericRecord toTileRecord(Tile tile, Schema tileUnion) {
        CellType cellType = tile.cellType();
        DataType type = cellType.dataType();
        boolean constant = tile instanceof ConstantTile;
        TileBranch b = constant ? TileBranch.constantFor(type) : TileBranch.arrayFor(type);
        GenericRecord record = new GenericData.Record(branchSchema(tileUnion, b.recordName));
        record.put("cols", tile.cols());
        record.put("rows", tile.rows());
        if (constant) {
            record.put("cell", TileAssembly.constantCell(type, ((ConstantTile) tile).rawBits()));
        } else {
            Schema cellsSchema = record.getSchema().getField("cells").schema();
            record.put("cells", cellsValue((tile instanceof ArrayTile a ? a : ArrayTile.copyOf(tile)).array(), type, cellsSchema));
        }
        if (b.hasNoDataField()) {
            record.put("noDataValue", TileAssembly.noDataValue(cellType));
        }
        return record;
    }

    private static Object cellsValue(Object array, DataType type, Schema schema) {
        switch (type) {
            case BOOL:
            case INT8:
            case UINT8:
                return ByteBuffer.wrap((byte[]) array);
            case INT16:
            case UINT16: {
                short[] values = (short[]) array;
                GenericData.Array<Integer> out = new GenericData.Array<>(values.length, schema);
                for (short v : values) {
                    out.add((int) v);
                }
                return out;
            }
            case INT32: {
                int[] values = (int[]) array;
                GenericData.Array<Integer> out = new GenericData.Array<>(values.length, schema);
                for (int v : values) {
                    out.add(v);
                }
                return out;
            }
            case FLOAT32: {
                float[] values = (float[]) array;
                GenericData.Array<Float> out = new GenericData.Array<>(values.length, schema);
                for (float v : values) {
                    out.add(v);
                }
                return out;
            }
            case FLOAT64: {
                double[] values = (double[]) array;
                GenericData.Array<Double> out = new GenericData.Array<>(values.length, schema);
                for (double v : values) {
                    out.add(v);
                }
                return out;
            }
            default:
                throw new AssertionError(type);
        }
    }

    private static Schema branchSchema(Schema union, String recordName) {
        for (Schema s : union.getTypes()) {
            if (s.getName().equals(recordName)) {
                return s;
            }
        }
        throw new TileCodecException("the tile union has no " + recordName + " record to write this tile with");
    }

    @SuppressWarnings("unchecked")
    private static <K extends LayerKey> K key(GenericRecord record, Class<K> keyType, String where) {
        int col = (Integer) record.get("col");
        int row = (Integer) record.get("row");
        if (keyType == SpatialKey.class) {
            return (K) new SpatialKey(col, row);
        }
        Schema.Field time = record.getSchema().getField("instant") != null ? record.getSchema().getField("instant")
                : record.getSchema().getField("millis");
        if (time == null) {
            throw new TileCodecException(where + ": key record " + record.getSchema().getFullName()
                    + " has no instant field but the layer has space-time keys");
        }
        return (K) new SpaceTimeKey(col, row, (Long) record.get(time.pos()));
    }

    /** Runs a conversion step, reporting bad record content as a {@link TileCodecException} naming it. */
    private static <T> T build(Supplier<T> step, String where) {
        try {
            return step.get();
        } catch (TileCodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TileCodecException(where + ": " + e, e);
        }
    }
}
