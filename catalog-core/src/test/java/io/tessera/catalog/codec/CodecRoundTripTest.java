package io.tessera.catalog.codec;

import static io.tessera.catalog.codec.TileAssertions.assertSamePairs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.ConstantTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Encoding: bit-exact against GeoTrellis's bytes and Avro's own writer, and lossless round trips. */
class CodecRoundTripTest {

    static final String[] CELL_TYPES = {
        "bool", "int8", "int8raw", "int8ud-5", "uint8", "uint8raw", "uint8ud255", "uint8ud7",
        "int16", "int16raw", "int16ud-9999", "uint16", "uint16raw", "uint16ud65535", "uint16ud40000",
        "int32", "int32raw", "int32ud42", "float32", "float32raw", "float32ud-9999.0",
        "float32ud-3.3999999521443642E38", "float64", "float64raw", "float64ud1.0E-5", "float64ud-9999.0"};

    static Stream<Fixtures.Layer> layers() {
        return Fixtures.layers().stream();
    }

    @Test
    void fingerprintsMatchGeoTrellis() {
        assertEquals(8121670935840932586L, TileRecordCodec.forLayer(SpatialKey.class, ValueClass.TILE).fingerprint());
        assertEquals(-1011260055322701348L,
                TileRecordCodec.forLayer(SpatialKey.class, ValueClass.MULTIBAND_TILE).fingerprint());
        assertEquals(-6450825153636405169L, TileRecordCodec.forLayer(SpaceTimeKey.class, ValueClass.TILE).fingerprint());
        assertEquals(-1986177758267784144L,
                TileRecordCodec.forLayer(SpaceTimeKey.class, ValueClass.MULTIBAND_TILE).fingerprint());
        assertEquals(4690, TileRecordCodec.forLayer(SpatialKey.class, ValueClass.TILE).schemaText().length());
    }

    /** Re-encoding the pairs of each GeoTrellis file gives exactly the Avro bytes GeoTrellis wrote. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("layers")
    void reEncodingFixtureFilesReproducesGeoTrellisBytes(Fixtures.Layer layer) throws IOException {
        TileRecordCodec<LayerKey> codec = layer.codec();
        for (String f : layer.files()) {
            byte[] stored = Fixtures.read(Fixtures.CATALOG.resolve(f));
            byte[] original = new InflaterInputStream(new java.io.ByteArrayInputStream(stored)).readAllBytes();
            List<KeyedTile<LayerKey>> pairs = codec.decode(stored, layer.writerSchema());
            assertArrayEquals(original, codec.encodeRaw(pairs), f);
            byte[] ours = codec.encode(pairs);
            assertEquals(0x78, ours[0] & 0xFF);
            assertEquals(0x9C, ours[1] & 0xFF);
            assertSamePairs(pairs, codec.decode(ours, layer.writerSchema()));
        }
    }

    /** The walkthrough bytes of spz/3/09: uint8 4x4 tile at key (1,2). */
    @Test
    void encodesTheSpecWalkthroughBytes() {
        byte[] cells = new byte[16];
        for (int i = 0; i < 16; i++) {
            cells[i] = (byte) (0x0c + i);
        }
        TileRecordCodec<SpatialKey> codec = TileRecordCodec.forLayer(SpatialKey.class, ValueClass.TILE);
        byte[] raw = codec.encodeRaw(List.of(new KeyedTile<>(new SpatialKey(1, 2),
                MultibandTile.of(new io.tessera.catalog.raster.UByteArrayTile(cells, 4, 4, CellType.UINT8)))));
        byte[] expected = new byte[26];
        byte[] head = {0x02, 0x02, 0x04, 0x0c, 0x08, 0x08, 0x20};
        System.arraycopy(head, 0, expected, 0, head.length);
        System.arraycopy(cells, 0, expected, head.length, 16);
        assertArrayEquals(expected, raw);
    }

    @Test
    void encodesTheOtherVerifiedByteSequences() {
        TileRecordCodec<SpaceTimeKey> st = TileRecordCodec.forLayer(SpaceTimeKey.class, ValueClass.TILE);
        byte[] raw = st.encodeRaw(List.of(new KeyedTile<>(new SpaceTimeKey(0, 0, 1577836800000L),
                MultibandTile.of(ConstantTile.of(CellType.INT32, 256, 256, 42)))));
        assertArrayEquals(bytes("02 00 00 80 a0 b7 e6 eb 5b 18 80 04 80 04 54 00 ff ff ff ff 0f 00"), raw);

        TileRecordCodec<SpatialKey> sp = TileRecordCodec.forLayer(SpatialKey.class, ValueClass.TILE);
        assertArrayEquals(bytes("02 00 00 0c 02 02 02 01 00 01 00"), sp.encodeRaw(List.of(pair(
                new io.tessera.catalog.raster.UByteArrayTile(new byte[] {1}, 1, 1, CellType.fromName("uint8ud255"))))));
        assertTail(sp, ArrayTile.empty(CellType.INT16, 4, 4), "00 00 ff ff 03 00");
        assertTail(sp, ArrayTile.empty(CellType.FLOAT32_RAW, 1, 1), "00 00 00");
        assertTail(sp, ArrayTile.empty(CellType.fromName("float64ud-1.0"), 1, 1), "02 00 00 00 00 00 00 f0 bf 00");
    }

    private static void assertTail(TileRecordCodec<SpatialKey> codec, Tile tile, String tail) {
        byte[] raw = codec.encodeRaw(List.of(pair(tile)));
        byte[] t = bytes(tail);
        assertArrayEquals(t, java.util.Arrays.copyOfRange(raw, raw.length - t.length, raw.length), tile.toString());
    }

    /** Every cell type, single- and multiband, spatial and space-time, with odd values and NoData. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cellTypes")
    void roundTripsEveryCellType(String cellTypeName) {
        CellType cellType = CellType.fromName(cellTypeName);
        Random random = new Random(cellTypeName.hashCode());
        for (ValueClass vc : ValueClass.values()) {
            List<KeyedTile<SpatialKey>> spatial = new ArrayList<>();
            List<KeyedTile<SpaceTimeKey>> spaceTime = new ArrayList<>();
            for (int p = 0; p < 3; p++) {
                int bands = vc == ValueClass.TILE ? 1 : 1 + p;
                List<Tile> tiles = new ArrayList<>();
                for (int b = 0; b < bands; b++) {
                    tiles.add(b == 1 ? ConstantTile.ofRawBits(cellType, 7, 5, oddBits(cellType, random))
                            : randomTile(cellType, 7, 5, random));
                }
                MultibandTile tile = MultibandTile.of(tiles);
                spatial.add(new KeyedTile<>(new SpatialKey(p, -p), tile));
                spaceTime.add(new KeyedTile<>(new SpaceTimeKey(p, p * 3, 1577836800000L - p * 86400000L), tile));
            }
            assertRoundTrips(TileRecordCodec.forLayer(SpatialKey.class, vc), spatial);
            assertRoundTrips(TileRecordCodec.forLayer(SpaceTimeKey.class, vc), spaceTime);
        }
    }

    static Stream<String> cellTypes() {
        return Stream.of(CELL_TYPES);
    }

    /** Our bytes equal Avro's generic writer's; both decoders agree; zlib and raw round trips are lossless. */
    static <K extends LayerKey> void assertRoundTrips(TileRecordCodec<K> codec, List<KeyedTile<K>> pairs) {
        byte[] raw = codec.encodeRaw(pairs);
        assertArrayEquals(genericEncode(codec, pairs), raw);
        assertSamePairs(pairs, codec.decodeRaw(raw));
        assertSamePairs(pairs, genericDecode(codec, raw));
        assertSamePairs(pairs, codec.decode(codec.encode(pairs)));
    }

    static <K extends LayerKey> byte[] genericEncode(TileRecordCodec<K> codec, List<KeyedTile<K>> pairs) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(codec.schema())
                    .write(GenericTileRecords.toKeyValueRecord(pairs, codec.schema()), enc);
            enc.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static <K extends LayerKey> List<KeyedTile<K>> genericDecode(TileRecordCodec<K> codec, byte[] raw) {
        try {
            GenericRecord r = new GenericDatumReader<GenericRecord>(codec.schema())
                    .read(null, DecoderFactory.get().binaryDecoder(raw, null));
            return GenericTileRecords.fromKeyValueRecord(r, codec.keyType());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void singleBandLayerRejectsMultibandValues() {
        TileRecordCodec<SpatialKey> codec = TileRecordCodec.forLayer(SpatialKey.class, ValueClass.TILE);
        Tile t = ArrayTile.empty(CellType.UINT8, 2, 2);
        TileCodecException e = org.junit.jupiter.api.Assertions.assertThrows(TileCodecException.class,
                () -> codec.encode(List.of(new KeyedTile<>(new SpatialKey(0, 0), MultibandTile.of(t, t)))));
        assertEquals("pair #0 has 2 bands but the layer's values are single-band tiles", e.getMessage());
    }

    @Test
    void nonArrayTilesAreWrittenAsArrays() {
        TileRecordCodec<SpatialKey> codec = TileRecordCodec.forLayer(SpatialKey.class, ValueClass.TILE);
        Tile view = new Tile() {
            public int cols() { return 3; }
            public int rows() { return 2; }
            public CellType cellType() { return CellType.INT16; }
            public int getInt(int i) { return i; }
            public double getDouble(int i) { return i; }
            public boolean isNoData(int i) { return false; }
            public long rawBits(int i) { return i; }
        };
        Tile decoded = codec.decode(codec.encode(List.of(pair(view)))).get(0).tile().band(0);
        assertInstanceOf(io.tessera.catalog.raster.ShortArrayTile.class, decoded);
        TileAssertions.assertSameTile(ArrayTile.copyOf(view), decoded, "view");
    }

    static KeyedTile<SpatialKey> pair(Tile t) {
        return new KeyedTile<>(new SpatialKey(0, 0), MultibandTile.of(t));
    }

    /** A tile of random values with NoData, extremes and, for floats, -0.0, NaN payloads and subnormals. */
    static ArrayTile randomTile(CellType cellType, int cols, int rows, Random random) {
        ArrayTile t = ArrayTile.empty(cellType, cols, rows);
        for (int i = 0; i < t.size(); i++) {
            t.setRawBits(i, i < 8 ? oddBits(cellType, random, i) : random.nextLong());
        }
        return t;
    }

    static long oddBits(CellType cellType, Random random) {
        return oddBits(cellType, random, random.nextInt(8));
    }

    private static long oddBits(CellType cellType, Random random, int which) {
        switch (cellType.dataType()) {
            case FLOAT32: {
                int[] odd = {Float.floatToRawIntBits(-0.0f), 0x7fc00123, 0xffc00001, 1, Float.floatToRawIntBits(-9999f),
                    Float.floatToRawIntBits(Float.NaN), Float.floatToRawIntBits(Float.MAX_VALUE), random.nextInt()};
                return odd[which] & 0xFFFFFFFFL;
            }
            case FLOAT64: {
                long[] odd = {Double.doubleToRawLongBits(-0.0), 0x7ff8000000000abcL, 0xfff0000000000001L, 1L,
                    Double.doubleToRawLongBits(-9999.0), Double.doubleToRawLongBits(1.0E-5),
                    Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), random.nextLong()};
                return odd[which];
            }
            default: {
                long[] odd = {0, -1, 0x7F, 0x80, 0x7FFF, 0x8000, 0x9C40, 0x80000000L};
                return odd[which];
            }
        }
    }

    static byte[] bytes(String hex) {
        String[] parts = hex.trim().split(" ");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }
}
