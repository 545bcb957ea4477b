package io.tessera.catalog.codec;

import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.ConstantTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a {@code KeyValueRecord} datum written with exactly our schema by walking the Avro binary
 * encoding directly: cells go from the buffer into primitive arrays with no generic records or
 * boxed cells in between.
 */
final class BinaryTileReader {

    private BinaryTileReader() {
    }

    static <K extends LayerKey> List<KeyedTile<K>> read(byte[] buf, int offset, int length,
            boolean spaceTime, boolean multiband) {
        AvroInput in = new AvroInput(buf, offset, length);
        List<KeyedTile<K>> out = new ArrayList<>();
        for (int n; (n = in.nextBlock()) > 0; ) {
            for (int k = 0; k < n; k++) {
                in.pair = out.size();
                in.band = -1;
                in.at("Tuple2", "_1");
                int col = in.readInt();
                int row = in.readInt();
                @SuppressWarnings("unchecked")
                K key = (K) (spaceTime ? new SpaceTimeKey(col, row, in.readLong()) : new SpatialKey(col, row));
                out.add(new KeyedTile<>(key, multiband ? readBands(in) : MultibandTile.of(readTile(in, "Tuple2", "_2"))));
                in.at("KeyValueRecord", "pairs");
            }
        }
        return out;
    }

    private static MultibandTile readBands(AvroInput in) {
        List<Tile> bands = new ArrayList<>();
        in.at("ArrayMultibandTile", "bands");
        for (int n; (n = in.nextBlock()) > 0; ) {
            for (int k = 0; k < n; k++) {
                in.band = bands.size();
                bands.add(readTile(in, "ArrayMultibandTile", "bands"));
                in.at("ArrayMultibandTile", "bands");
            }
        }
        try {
            return MultibandTile.of(bands);
        } catch (IllegalArgumentException e) {
            throw in.fail(e.getMessage());
        }
    }

    /** A tile union value held in the given record field. */
    private static Tile readTile(AvroInput in, String record, String field) {
        in.at(record, field);
        return readRecord(in, TileBranch.ofIndex(in.readIndex(TileBranch.COUNT)));
    }

    private static Tile readRecord(AvroInput in, TileBranch b) {
        if (b.kind == TileBranch.Kind.PADDED) {
            return readPadded(in);
        }
        in.at(b.recordName, "cols");
        int cols = in.readSize("cols");
        in.at(b.recordName, "rows");
        int rows = in.readSize("rows");
        int size;
        try {
            size = ArrayTile.checkedSize(cols, rows);
        } catch (IllegalArgumentException e) {
            throw in.fail(e.getMessage());
        }
        if (b.kind == TileBranch.Kind.CONSTANT) {
            in.at(b.recordName, "cell");
            long bits = TileAssembly.constantBits(b.dataType, readCell(in, b.dataType));
            return ConstantTile.ofRawBits(readNoData(in, b), cols, rows, bits);
        }
        in.at(b.recordName, "cells");
        Object cells = readCells(in, b.dataType, size);
        try {
            return TileAssembly.array(readNoData(in, b), cols, rows, cells);
        } catch (IllegalArgumentException e) {
            throw in.fail(e.getMessage());
        }
    }

    private static Tile readPadded(AvroInput in) {
        in.at("PaddedTile", "chunk");
        Tile chunk = readRecord(in, TileBranch.ofIndex(in.readIndex(TileBranch.CHUNK_COUNT)));
        in.at("PaddedTile", "colOffset");
        int colOffset = in.readInt();
        in.at("PaddedTile", "rowOffset");
        int rowOffset = in.readInt();
        in.at("PaddedTile", "cols");
        int cols = in.readSize("cols");
        in.at("PaddedTile", "rows");
        int rows = in.readSize("rows");
        try {
            return TileAssembly.padded(chunk, colOffset, rowOffset, cols, rows);
        } catch (IllegalArgumentException e) {
            throw in.fail(e.getMessage());
        }
    }

    private static Object readCell(AvroInput in, CellType.DataType type) {
        return switch (type) {
            case BOOL -> in.readBoolean();
            case FLOAT32 -> in.readFloat();
            case FLOAT64 -> in.readDouble();
            default -> in.readInt();
        };
    }

    private static Object readCells(AvroInput in, CellType.DataType type, int size) {
        switch (type) {
            case BOOL:
                return in.readBytes((size + 7) / 8);
            case INT8:
            case UINT8:
                return in.readBytes(size);
            case INT16:
            case UINT16: {
                in.need(size);
                short[] cells = new short[size];
                int filled = 0;
                for (int n; (n = in.nextBlock(filled, size)) > 0; ) {
                    for (int end = filled + n; filled < end; filled++) {
                        cells[filled] = (short) in.readInt();
                    }
                }
                return cells;
            }
            case INT32: {
                in.need(size);
                int[] cells = new int[size];
                int filled = 0;
                for (int n; (n = in.nextBlock(filled, size)) > 0; ) {
                    for (int end = filled + n; filled < end; filled++) {
                        cells[filled] = in.readInt();
                    }
                }
                return cells;
            }
            case FLOAT32: {
                in.need(4L * size);
                float[] cells = new float[size];
                int filled = 0;
                for (int n; (n = in.nextBlock(filled, size)) > 0; filled += n) {
                    in.readFloats(cells, filled, n);
                }
                return cells;
            }
            case FLOAT64: {
                in.need(8L * size);
                double[] cells = new double[size];
                int filled = 0;
                for (int n; (n = in.nextBlock(filled, size)) > 0; filled += n) {
                    in.readDoubles(cells, filled, n);
                }
                return cells;
            }
            default:
                throw new AssertionError(type);
        }
    }

    private static CellType readNoData(AvroInput in, TileBranch b) {
        Object value = null;
        if (b.hasNoDataField()) {
            in.at(b.recordName, "noDataValue");
            int branch = in.readIndex(2);
            if (b.floatingNoData()) {
                value = branch == 0 ? (Object) in.readBoolean()
                        : b.dataType == CellType.DataType.FLOAT32 ? (Object) in.readFloat() : (Object) in.readDouble();
            } else if (branch == 0) {
                value = in.readInt();
            }
        }
        try {
            return TileAssembly.cellType(b, value);
        } catch (IllegalArgumentException e) {
            throw in.fail(e.getMessage());
        }
    }
}
