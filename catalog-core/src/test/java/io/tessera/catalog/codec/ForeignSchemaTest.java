package io.tessera.catalog.codec;

import static io.tessera.catalog.codec.TileAssertions.assertSamePairs;
import static io.tessera.catalog.codec.TileAssertions.assertSameTile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.ConstantTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import io.tessera.catalog.raster.UByteArrayTile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

/**
 * Data whose writer schema is not ours take the generic path (Avro schema resolution); hand-made
 * records exercise the union branches and array encodings GeoTrellis's own writer never produces.
 */
class ForeignSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> USED = Set.of("FloatArrayTile", "ShortConstantTile", "UByteArrayTile");

    /**
     * Our schema as GeoTrellis 2.x or a foreign writer might have stored it: keys in
     * {@code geotrellis.spark}, the time field named {@code millis}, a tile union of only the
     * records used.
     */
    static Schema foreign(Schema ours) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(ours.toString());
        ObjectNode tuple = (ObjectNode) root.get("fields").get(0).get("type").get("items");
        ObjectNode key = (ObjectNode) tuple.get("fields").get(0).get("type");
        key.put("namespace", "geotrellis.spark");
        for (JsonNode f : key.get("fields")) {
            if (f.get("name").asText().equals("instant")) {
                ((ObjectNode) f).put("name", "millis");
                ((ObjectNode) f).remove("aliases");
            }
        }
        JsonNode value = tuple.get("fields").get(1).get("type");
        ArrayNode union = (ArrayNode) (value.isArray() ? value : value.get("fields").get(0).get("type").get("items"));
        // Records nested in ArrayMultibandTile inherit its namespace; keep them explicit once reduced.
        for (Iterator<JsonNode> it = union.elements(); it.hasNext(); ) {
            ObjectNode r = (ObjectNode) it.next();
            if (!USED.contains(r.get("name").asText())) {
                it.remove();
            } else {
                r.put("namespace", "geotrellis.raster");
            }
        }
        return new Schema.Parser().parse(root.toString());
    }

    static byte[] writeGeneric(Schema schema, List<? extends KeyedTile<?>> pairs) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(GenericTileRecords.toKeyValueRecord(pairs, schema), enc);
        enc.flush();
        return out.toByteArray();
    }

    private static MultibandTile sample(int bands, Random random) {
        List<Tile> tiles = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            tiles.add(switch (b % 3) {
                case 0 -> CodecRoundTripTest.randomTile(CellType.fromName("float32ud-9999.0"), 5, 4, random);
                case 1 -> ConstantTile.of(CellType.fromName("int16ud-9999"), 5, 4, -5);
                default -> CodecRoundTripTest.randomTile(CellType.UINT8, 5, 4, random);
            });
        }
        return MultibandTile.of(tiles);
    }

    @Test
    void decodesAllFourLayerKindsWrittenWithAForeignSchema() throws IOException {
        Random random = new Random(7);
        for (ValueClass vc : ValueClass.values()) {
            int bands = vc == ValueClass.TILE ? 1 : 3;
            List<KeyedTile<SpatialKey>> spatial = List.of(
                    new KeyedTile<>(new SpatialKey(3, 4), sample(bands, random)),
                    new KeyedTile<>(new SpatialKey(5, 6), sample(bands, random)));
            List<KeyedTile<SpaceTimeKey>> spaceTime = List.of(
                    new KeyedTile<>(new SpaceTimeKey(3, 4, 1577836800000L), sample(bands, random)));
            assertForeignRoundTrip(TileRecordCodec.forLayer(SpatialKey.class, vc), spatial);
            assertForeignRoundTrip(TileRecordCodec.forLayer(SpaceTimeKey.class, vc), spaceTime);
        }
    }

    private static <K extends LayerKey> void assertForeignRoundTrip(TileRecordCodec<K> codec, List<KeyedTile<K>> pairs)
            throws IOException {
        Schema foreign = foreign(codec.schema());
        assertFalse(codec.isDirect(foreign));
        byte[] raw = writeGeneric(foreign, pairs);
        assertSamePairs(pairs, codec.decodeRaw(raw, foreign));
        assertSamePairs(pairs, codec.decode(Zlib.deflate(raw, 0, raw.length), foreign));
    }

    @Test
    void foreignDataOfTheWrongKeyKindFailsClearly() throws IOException {
        TileRecordCodec<SpatialKey> spatial = TileRecordCodec.forLayer(SpatialKey.class, ValueClass.TILE);
        TileRecordCodec<SpaceTimeKey> spaceTime = TileRecordCodec.forLayer(SpaceTimeKey.class, ValueClass.TILE);
        Schema foreign = foreign(spatial.schema());
        byte[] raw = writeGeneric(foreign, List.of(new KeyedTile<>(new SpatialKey(1, 1), sample(1, new Random(1)))));
        TileCodecException e = assertThrows(TileCodecException.class, () -> spaceTime.decodeRaw(raw, foreign));
        assertTrue(e.getMessage().contains("schema resolution"), e.getMessage());
    }

    /** PaddedTile records (never written by GeoTrellis's layer writers) are materialised on both paths. */
    @Test
    void decodesPaddedTiles() {
        AvroOutput out = new AvroOutput(64);
        out.startArray(2);
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(TileBranch.PADDED.ordinal());
        out.writeInt(TileBranch.UBYTE_ARRAY.ordinal());
        out.writeInt(2);
        out.writeInt(2);
        out.writeBytes(new byte[] {1, 2, 3, (byte) 200});
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(1);
        out.writeInt(1);
        out.writeInt(4);
        out.writeInt(3);
        out.writeInt(1);
        out.writeInt(0);
        out.writeInt(TileBranch.PADDED.ordinal());
        out.writeInt(TileBranch.FLOAT_CONSTANT.ordinal());
        out.writeInt(1);
        out.writeInt(2);
        out.writeFloat(2.5f);
        out.writeInt(0);
        out.writeBoolean(true);
        out.writeInt(2);
        out.writeInt(0);
        out.writeInt(3);
        out.writeInt(3);
        out.endArray();
        byte[] raw = out.toByteArray();

        ArrayTile first = ArrayTile.empty(CellType.UINT8, 4, 3);
        first.setInt(1 * 4 + 1, 1);
        first.setInt(1 * 4 + 2, 2);
        first.setInt(2 * 4 + 1, 3);
        first.setInt(2 * 4 + 2, 200);
        ArrayTile second = ArrayTile.empty(CellType.FLOAT32, 3, 3);
        second.setDouble(2, 2.5);
        second.setDouble(5, 2.5);
        List<KeyedTile<SpatialKey>> expected = List.of(CodecRoundTripTest.pair(first),
                new KeyedTile<>(new SpatialKey(1, 0), MultibandTile.of(second)));

        TileRecordCodec<SpatialKey> codec = TileRecordCodec.forLayer(SpatialKey.class, ValueClass.TILE);
        assertSamePairs(expected, codec.decodeRaw(raw));
        assertSamePairs(expected, CodecRoundTripTest.genericDecode(codec, raw));
        assertTrue(first.isNoData(0));
    }

    /** Arrays in several blocks, some with negative counts followed by byte sizes, as the Avro spec allows. */
    @Test
    void decodesMultiBlockArrays() {
        AvroOutput out = new AvroOutput(64);
        out.writeLong(-1);
        out.writeLong(99);
        out.writeInt(1);
        out.writeInt(2);
        out.writeInt(TileBranch.FLOAT_ARRAY.ordinal());
        out.writeInt(2);
        out.writeInt(2);
        out.writeLong(3);
        out.writeFloat(1f);
        out.writeFloat(-0.0f);
        out.writeFloat(3.5f);
        out.writeLong(-1);
        out.writeLong(4);
        out.writeFloat(Float.NaN);
        out.writeLong(0);
        out.writeInt(0);
        out.writeBoolean(true);
        out.writeLong(1);
        out.writeInt(3);
        out.writeInt(4);
        out.writeInt(TileBranch.INT_ARRAY.ordinal());
        out.writeInt(1);
        out.writeInt(3);
        for (int v : new int[] {7, Integer.MIN_VALUE, Integer.MAX_VALUE}) {
            out.writeLong(1);
            out.writeInt(v);
        }
        out.writeLong(0);
        out.writeInt(1);
        out.endArray();
        byte[] raw = out.toByteArray();

        TileRecordCodec<SpatialKey> codec = TileRecordCodec.forLayer(SpatialKey.class, ValueClass.TILE);
        List<KeyedTile<SpatialKey>> expected = List.of(
                new KeyedTile<>(new SpatialKey(1, 2), MultibandTile.of(new io.tessera.catalog.raster.FloatArrayTile(
                        new float[] {1f, -0.0f, 3.5f, Float.NaN}, 2, 2, CellType.FLOAT32))),
                new KeyedTile<>(new SpatialKey(3, 4), MultibandTile.of(new io.tessera.catalog.raster.IntArrayTile(
                        new int[] {7, Integer.MIN_VALUE, Integer.MAX_VALUE}, 1, 3, CellType.INT32_RAW))));
        assertSamePairs(expected, codec.decodeRaw(raw));
        assertSamePairs(expected, CodecRoundTripTest.genericDecode(codec, raw));
        assertEquals(Integer.MIN_VALUE, codec.decodeRaw(raw).get(1).tile().band(0).getInt(1));
    }

    @Test
    void genericRecordsOfConstantTilesKeepTheirForm() {
        Schema union = TileRecordCodec.forLayer(SpatialKey.class, ValueClass.TILE).schema()
                .getField("pairs").schema().getElementType().getField("_2").schema();
        for (String name : CodecRoundTripTest.CELL_TYPES) {
            CellType ct = CellType.fromName(name);
            Tile constant = ConstantTile.ofRawBits(ct, 3, 3, CodecRoundTripTest.oddBits(ct, new Random(name.hashCode())));
            GenericRecord record = GenericTileRecords.toTileRecord(constant, union);
            assertSameTile(constant, GenericTileRecords.toTile(record), name);
        }
        GenericRecord bad = GenericTileRecords.toTileRecord(new UByteArrayTile(new byte[4], 2, 2, CellType.UINT8), union);
        bad.put("cols", 3);
        TileCodecException e = assertThrows(TileCodecException.class, () -> GenericTileRecords.toTile(bad));
        assertTrue(e.getMessage().startsWith("tile record, UByteArrayTile: "), e.getMessage());
    }
}
