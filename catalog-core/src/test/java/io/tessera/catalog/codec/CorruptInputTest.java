package io.tessera.catalog.codec;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.ConstantTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.UByteArrayTile;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Corrupt and truncated tile files fail with a {@link TileCodecException} that says where. */
class CorruptInputTest {

    private final TileRecordCodec<SpatialKey> codec = TileRecordCodec.forLayer(SpatialKey.class, ValueClass.TILE);

    /** The spec's walkthrough record: key (1,2), a 4x4 uint8 tile. */
    private byte[] walkthrough() {
        byte[] cells = new byte[16];
        return codec.encodeRaw(List.of(new KeyedTile<>(new SpatialKey(1, 2),
                MultibandTile.of(new UByteArrayTile(cells, 4, 4, CellType.UINT8)))));
    }

    private static String fails(Executable decode, String... fragments) {
        TileCodecException e = assertThrows(TileCodecException.class, decode);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + e.getMessage() + "' should contain '" + f + "'");
        }
        return e.getMessage();
    }

    @Test
    void badZlib() {
        fails(() -> codec.decode(new byte[] {1, 2, 3, 4, 5, 6}), "corrupt zlib");
        byte[] stored = codec.encode(List.of(CodecRoundTripTest.pair(ConstantTile.of(CellType.UINT8, 4, 4, 3))));
        fails(() -> codec.decode(Arrays.copyOf(stored, stored.length - 5)), "truncated zlib");
        fails(() -> codec.decode(new byte[0]), "zlib");
    }

    @Test
    void everyTruncationFails() {
        byte[] raw = walkthrough();
        for (int len = 0; len < raw.length; len++) {
            byte[] cut = Arrays.copyOf(raw, len);
            fails(() -> codec.decodeRaw(cut), "truncated", "while decoding");
        }
        fails(() -> codec.decodeRaw(Arrays.copyOf(raw, 20)), "pair #0", "UByteArrayTile.cells");
    }

    @Test
    void badUnionIndex() {
        byte[] raw = walkthrough();
        raw[3] = 0x22;
        fails(() -> codec.decodeRaw(raw), "union branch 17 out of range", "pair #0", "Tuple2._2");
        byte[] negative = walkthrough();
        negative[3] = 0x01;
        fails(() -> codec.decodeRaw(negative), "union branch -1");
        byte[] noData = walkthrough();
        noData[23] = 0x04;
        fails(() -> codec.decodeRaw(noData), "union branch 2", "UByteArrayTile.noDataValue");
    }

    @Test
    void wrongCellCount() {
        byte[] raw = walkthrough();
        raw[6] = 0x1e;
        fails(() -> codec.decodeRaw(raw), "cells hold 15 bytes, expected 16", "UByteArrayTile.cells");
        TileRecordCodec<SpaceTimeKey> st = TileRecordCodec.forLayer(SpaceTimeKey.class, ValueClass.MULTIBAND_TILE);
        byte[] floats = st.encodeRaw(List.of(new KeyedTile<>(new SpaceTimeKey(0, 0, 5), MultibandTile.of(
                ConstantTile.of(CellType.UINT8, 2, 2, 1),
                CodecRoundTripTest.randomTile(CellType.FLOAT32, 2, 2, new Random(1))))));
        // pairs(1) key(0,0,5) bands(2) const(8 fields...) then band 1: branch 1, cols 2, rows 2, count 4 -> 3
        int countAt = indexOf(floats, new byte[] {0x02, 0x04, 0x04, 0x08}) + 3;
        floats[countAt] = 0x06;
        fails(() -> st.decodeRaw(floats), "pair #0, band #1", "FloatArrayTile.cells");
        floats[countAt] = 0x0a;
        fails(() -> st.decodeRaw(floats), "more than the expected 4 items");
    }

    @Test
    void negativeSizes() {
        byte[] raw = walkthrough();
        raw[4] = 0x01;
        fails(() -> codec.decodeRaw(raw), "negative cols -1", "UByteArrayTile.cols");
        byte[] huge = walkthrough();
        huge[6] = 0x1f;
        fails(() -> codec.decodeRaw(huge), "cells hold -16 bytes");
    }

    @Test
    void hugeDimensionsDoNotAllocate() {
        AvroOutput out = new AvroOutput(32);
        out.startArray(1);
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(TileBranch.DOUBLE_ARRAY.ordinal());
        out.writeInt(40000);
        out.writeInt(40000);
        out.writeInt(1_600_000_000);
        fails(() -> codec.decodeRaw(out.toByteArray()), "truncated", "DoubleArrayTile.cells");
    }

    /** Random byte corruption never lets anything but a TileCodecException escape. */
    @Test
    void fuzzedBytesFailCleanly() {
        Random random = new Random(42);
        TileRecordCodec<SpaceTimeKey> st = TileRecordCodec.forLayer(SpaceTimeKey.class, ValueClass.MULTIBAND_TILE);
        byte[] original = st.encodeRaw(List.of(new KeyedTile<>(new SpaceTimeKey(1, 2, 3), MultibandTile.of(
                CodecRoundTripTest.randomTile(CellType.INT16, 4, 4, random),
                ConstantTile.of(CellType.FLOAT64, 4, 4, 1.5),
                CodecRoundTripTest.randomTile(CellType.fromName("float32ud-1.0"), 4, 4, random),
                CodecRoundTripTest.randomTile(CellType.BOOL, 4, 4, random)))));
        for (int round = 0; round < 20000; round++) {
            byte[] bad = original.clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            try {
                st.decodeRaw(bad);
            } catch (TileCodecException expected) {
                // the only acceptable failure
            }
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
