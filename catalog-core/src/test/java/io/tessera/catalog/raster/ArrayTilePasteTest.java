package io.tessera.catalog.raster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArrayTilePasteTest {

    private static ShortArrayTile source() {
        short[] cells = new short[12];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = (short) (i + 1);
        }
        cells[5] = Short.MIN_VALUE;
        return new ShortArrayTile(cells, 4, 3, CellType.INT16);
    }

    @Test
    void copiesABlockToAnOffset() {
        ArrayTile dst = ArrayTile.empty(CellType.INT16, 5, 5);
        dst.paste(source(), 1, 1, 2, 3, 3, 2, false);
        assertTrue(dst.isNoData(dst.index(2, 3)), "NoData is copied when not skipped");
        assertEquals(7, dst.getInt(dst.index(3, 3)));
        assertEquals(12, dst.getInt(dst.index(4, 4)));
        assertTrue(dst.isNoData(0), "cells outside the block keep their value");
    }

    @Test
    void skippingNoDataPaintsOver() {
        ArrayTile dst = ArrayTile.empty(CellType.INT16, 4, 3);
        for (int i = 0; i < 12; i++) {
            dst.setInt(i, 100);
        }
        dst.paste(source(), 0, 0, 0, 0, 4, 3, true);
        assertEquals(100, dst.getInt(5), "a NoData source cell leaves the destination alone");
        assertEquals(7, dst.getInt(6));
    }

    @Test
    void convertsBetweenTypes() {
        ArrayTile dst = ArrayTile.empty(CellType.FLOAT32, 4, 3);
        dst.paste(source(), 0, 0, 0, 0, 4, 3, false);
        assertEquals(12.0, dst.getDouble(11));
        assertTrue(Double.isNaN(dst.getDouble(5)), "int16 NoData becomes float NaN");
        ArrayTile ints = ArrayTile.empty(CellType.INT32, 4, 3);
        ints.paste(dst, 0, 0, 0, 0, 4, 3, false);
        assertArrayEquals(new int[] {1, 2, 3, 4}, java.util.Arrays.copyOf((int[]) ints.array(), 4));
        assertEquals(Tile.NODATA, ints.getInt(5));
    }

    @Test
    void rejectsBlocksOutsideEitherTile() {
        ArrayTile dst = ArrayTile.empty(CellType.INT16, 2, 2);
        assertThrows(IndexOutOfBoundsException.class, () -> dst.paste(source(), 0, 0, 0, 0, 3, 1, false));
        assertThrows(IndexOutOfBoundsException.class, () -> dst.paste(source(), 3, 0, 0, 0, 2, 1, false));
    }
}
