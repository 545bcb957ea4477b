package io.tessera.catalog.raster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** NoData semantics, cell addressing and construction rules of the tiles. */
class TileTest {

    private static final int ND = Tile.NODATA;

    @Test
    void uint8ReadsUnsignedAndHonoursEachNoDataConvention() {
        byte[] cells = {0, (byte) 200, (byte) 255, 7};
        Tile plain = new UByteArrayTile(cells, 2, 2, CellType.UINT8);
        assertTrue(plain.isNoData(0));
        assertEquals(ND, plain.getInt(0));
        assertTrue(Double.isNaN(plain.getDouble(0)));
        assertEquals(200, plain.getInt(1));
        assertEquals(255.0, plain.getDouble(2));

        Tile raw = new UByteArrayTile(cells, 2, 2, CellType.UINT8_RAW);
        assertFalse(raw.isNoData(0));
        assertEquals(0, raw.getInt(0));

        Tile ud = new UByteArrayTile(cells, 2, 2, CellType.fromName("uint8ud255"));
        assertTrue(ud.isNoData(2));
        assertFalse(ud.isNoData(0));
        assertEquals(ND, ud.getInt(2));
        assertEquals(0xFF, ud.rawBits(2));
    }

    @Test
    void int8AndInt16AreSigned() {
        Tile b = new ByteArrayTile(new byte[] {-128, -5, 127, 0}, 2, 2, CellType.INT8);
        assertTrue(b.isNoData(0));
        assertEquals(-5, b.getInt(1));
        Tile braw = new ByteArrayTile(new byte[] {-128, -5, 127, 0}, 2, 2, CellType.INT8_RAW);
        assertEquals(-128.0, braw.getDouble(0));
        Tile s = new ShortArrayTile(new short[] {-9999, -32768, 5, 6}, 2, 2, CellType.fromName("int16ud-9999"));
        assertTrue(s.isNoData(0));
        assertFalse(s.isNoData(1));
        assertEquals(-32768, s.getInt(1));
        assertEquals(0xD8F1, s.rawBits(0));
    }

    @Test
    void uint16ReadsUnsigned() {
        Tile t = new UShortArrayTile(new short[] {(short) 40000, -1, 0, 1}, 2, 2, CellType.UINT16);
        assertEquals(40000, t.getInt(0));
        assertEquals(65535.0, t.getDouble(1));
        assertTrue(t.isNoData(2));
        Tile ud = new UShortArrayTile(new short[] {(short) 40000, -1, 0, 1}, 2, 2, CellType.fromName("uint16ud65535"));
        assertTrue(ud.isNoData(1));
        assertEquals(0, ud.getInt(2));
    }

    @Test
    void int32NoData() {
        Tile t = new IntArrayTile(new int[] {Integer.MIN_VALUE, 42}, 2, 1, CellType.INT32);
        assertTrue(t.isNoData(0));
        assertTrue(Double.isNaN(t.getDouble(0)));
        Tile ud = new IntArrayTile(new int[] {Integer.MIN_VALUE, 42}, 2, 1, CellType.fromName("int32ud42"));
        assertTrue(ud.isNoData(1));
        assertEquals(-2147483648.0, ud.getDouble(0));
    }

    @Test
    void floatingPointCellsTruncateAndTreatNaNAsNoData() {
        float[] cells = {2.7f, -2.7f, Float.NaN, -9999f};
        Tile t = new FloatArrayTile(cells, 2, 2, CellType.FLOAT32);
        assertEquals(2, t.getInt(0));
        assertEquals(-2, t.getInt(1));
        assertEquals(ND, t.getInt(2));
        assertTrue(t.isNoData(2));
        assertFalse(t.isNoData(3));
        Tile ud = new FloatArrayTile(cells, 2, 2, CellType.fromName("float32ud-9999.0"));
        assertTrue(ud.isNoData(3));
        assertTrue(Double.isNaN(ud.getDouble(3)));
        Tile raw = new FloatArrayTile(cells, 2, 2, CellType.FLOAT32_RAW);
        assertEquals(-9999.0, raw.getDouble(3));

        double[] d = {-0.0, Double.NaN, 1.0E-5, 3};
        Tile dt = new DoubleArrayTile(d, 2, 2, CellType.fromName("float64ud1.0E-5"));
        assertEquals(Double.doubleToRawLongBits(-0.0), dt.rawBits(0));
        assertTrue(dt.isNoData(1));
        assertTrue(dt.isNoData(2));
        assertEquals(3, dt.getInt(1, 1));
    }

    @Test
    void bitCellsArePackedLeastSignificantBitFirst() {
        BitArrayTile t = new BitArrayTile(new byte[] {0b101, 1}, 3, 3);
        assertEquals(1, t.getInt(0));
        assertEquals(0, t.getInt(1));
        assertEquals(1, t.getInt(2, 0));
        assertEquals(1, t.getInt(8));
        assertFalse(t.isNoData(1));
        t.setInt(1, 3);
        assertEquals(0b111, t.array()[0]);
        t.setInt(0, 2);
        assertEquals(0b110, t.array()[0]);
        assertThrows(IllegalArgumentException.class, () -> new BitArrayTile(new byte[1], 3, 3));
    }

    @Test
    void arraysAreViewsAndSizesAreChecked() {
        short[] cells = new short[6];
        ShortArrayTile t = new ShortArrayTile(cells, 3, 2, CellType.INT16);
        assertSame(cells, t.array());
        t.setInt(2, 1, 77);
        assertEquals(77, cells[5]);
        assertEquals(77, t.getInt(2, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> t.getInt(3, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ShortArrayTile(new short[5], 3, 2, CellType.INT16));
        assertEquals("a 3x2 int16 tile needs 6 array elements, got 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ShortArrayTile(cells, 3, 2, CellType.UINT16));
        assertThrows(IllegalArgumentException.class, () -> new IntArrayTile(new int[0], -1, 0, CellType.INT32));
    }

    @Test
    void emptyTilesHoldNoData() {
        for (String name : new String[] {"int8", "uint8ud9", "int16ud-9999", "uint16", "int32", "float32ud-1.0",
                "float64"}) {
            ArrayTile t = ArrayTile.empty(CellType.fromName(name), 3, 2);
            for (int i = 0; i < t.size(); i++) {
                assertTrue(t.isNoData(i), name);
            }
            t.setDouble(1, Double.NaN);
            assertTrue(t.isNoData(1), name);
            t.setInt(1, 4);
            assertEquals(4, t.getInt(1), name);
            t.setInt(1, ND);
            assertTrue(t.isNoData(1), name);
        }
        ArrayTile raw = ArrayTile.empty(CellType.UINT8_RAW, 2, 2);
        assertEquals(0, raw.getInt(3));
        assertFalse(raw.isNoData(3));
    }

    @Test
    void constantTilesReadLikeArrayTiles() {
        ConstantTile c = ConstantTile.of(CellType.UINT8, 4, 4, 200);
        assertEquals(200, c.getInt(15));
        assertEquals(200, c.rawBits());
        assertEquals(16, c.size());
        assertThrows(IndexOutOfBoundsException.class, () -> c.getInt(16));
        ConstantTile nd = ConstantTile.of(CellType.fromName("int16ud-9999"), 2, 2, Double.NaN);
        assertTrue(nd.isNoData(3));
        assertEquals(-9999, (short) nd.rawBits());
        ConstantTile f = ConstantTile.ofRawBits(CellType.FLOAT32, 2, 2, 0x7fc00123L);
        assertTrue(f.isNoData(0));
        assertEquals(0x7fc00123L, f.rawBits(3));
        assertTrue(ArrayTile.copyOf(f).isNoData(3));
    }

    @Test
    void multibandTilesNeedEqualSizes() {
        Tile a = ArrayTile.empty(CellType.UINT8, 4, 4);
        Tile b = ArrayTile.empty(CellType.FLOAT32, 4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MultibandTile.of(a, b));
        assertEquals("band 1 is 4x3 but band 0 is 4x4; all bands must be the same size", e.getMessage());
        assertThrows(IllegalArgumentException.class, MultibandTile::of);
        MultibandTile m = MultibandTile.of(a, ConstantTile.of(CellType.INT8, 4, 4, 1));
        assertEquals(2, m.bandCount());
        assertEquals(CellType.UINT8, m.cellType());
        assertEquals(4, m.rows());
        assertThrows(UnsupportedOperationException.class, () -> m.bands().add(a));
    }
}
