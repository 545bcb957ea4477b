package io.tessera.catalog.codec;

import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.ConstantTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.util.List;

/**
 * Encodes a {@code KeyValueRecord} datum in our schema straight from the tiles' primitive arrays,
 * producing the bytes Avro's own writer produces (one block per array).
 *
 * <p>Array tiles are written as their array record (branches 0–7); {@link ConstantTile}s as their
 * constant record (branches 8–15), which GeoTrellis reads as its constant tiles; any other
 * {@link Tile} is first copied into an array tile.
 */
final class BinaryTileWriter {

    private BinaryTileWriter() {
    }

    static AvroOutput write(List<? extends KeyedTile<?>> tiles, boolean spaceTime, boolean multiband) {
        AvroOutput out = new AvroOutput(estimateSize(tiles));
        out.startArray(tiles.size());
        for (int p = 0; p < tiles.size(); p++) {
            KeyedTile<?> kt = tiles.get(p);
            LayerKey key = kt.key();
            out.writeInt(key.col());
            out.writeInt(key.row());
            if (spaceTime) {
                if (!(key instanceof SpaceTimeKey st)) {
                    throw new TileCodecException("pair #" + p + " has key " + key + " but the layer has space-time keys");
                }
                out.writeLong(st.instant());
            }
            MultibandTile tile = kt.tile();
            if (multiband) {
                out.startArray(tile.bandCount());
                for (Tile band : tile.bands()) {
                    writeTile(out, band);
                }
                out.endArray();
            } else if (tile.bandCount() == 1) {
                writeTile(out, tile.band(0));
            } else {
                throw new TileCodecException("pair #" + p + " has " + tile.bandCount()
                        + " bands but the layer's values are single-band tiles");
            }
        }
        out.endArray();
        return out;
    }

    private static int estimateSize(List<? extends KeyedTile<?>> tiles) {
        long bytes = 16;
        for (KeyedTile<?> kt : tiles) {
            bytes += 24;
            for (Tile band : kt.tile().bands()) {
                CellType.DataType type = band.cellType().dataType();
                // Varint ints of typical rasters take 2–3 bytes; the buffer grows if they take more.
                int perCell = type == CellType.DataType.INT16 || type == CellType.DataType.UINT16 ? 3
                        : type == CellType.DataType.INT32 ? 5 : type.bytesPerCell();
                bytes += 32 + (band instanceof ConstantTile ? 8 : (long) band.size() * perCell);
            }
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE - 8);
    }

    private static void writeTile(AvroOutput out, Tile tile) {
        CellType cellType = tile.cellType();
        if (tile instanceof ConstantTile constant) {
            TileBranch b = TileBranch.constantFor(cellType.dataType());
            out.writeInt(b.ordinal());
            out.writeInt(tile.cols());
            out.writeInt(tile.rows());
            writeValue(out, TileAssembly.constantCell(cellType.dataType(), constant.rawBits()));
            writeNoData(out, b, cellType);
            return;
        }
        ArrayTile array = tile instanceof ArrayTile a ? a : ArrayTile.copyOf(tile);
        TileBranch b = TileBranch.arrayFor(cellType.dataType());
        out.writeInt(b.ordinal());
        out.writeInt(tile.cols());
        out.writeInt(tile.rows());
        writeCells(out, array);
        writeNoData(out, b, cellType);
    }

    private static void writeCells(AvroOutput out, ArrayTile tile) {
        Object cells = tile.array();
        switch (tile.cellType().dataType()) {
            case BOOL, INT8, UINT8 -> out.writeBytes((byte[]) cells);
            case INT16, UINT16 -> {
                // uint16 cells travel as the signed short GeoTrellis holds (65535 as -1).
                short[] values = (short[]) cells;
                out.startArray(values.length);
                for (short v : values) {
                    out.writeInt(v);
                }
                out.endArray();
            }
            case INT32 -> {
                int[] values = (int[]) cells;
                out.startArray(values.length);
                for (int v : values) {
                    out.writeInt(v);
                }
                out.endArray();
            }
            case FLOAT32 -> {
                float[] values = (float[]) cells;
                out.startArray(values.length);
                out.writeFloats(values);
                out.endArray();
            }
            case FLOAT64 -> {
                double[] values = (double[]) cells;
                out.startArray(values.length);
                out.writeDoubles(values);
                out.endArray();
            }
        }
    }

    private static void writeNoData(AvroOutput out, TileBranch b, CellType cellType) {
        if (!b.hasNoDataField()) {
            return;
        }
        Object value = TileAssembly.noDataValue(cellType);
        if (value == null) {
            out.writeInt(1);
        } else {
            // Both noDataValue unions put the boolean or int branch first and the float/double second.
            out.writeInt(value instanceof Float || value instanceof Double ? 1 : 0);
            writeValue(out, value);
        }
    }

    /** An int, float, double or boolean as its Avro primitive. */
    private static void writeValue(AvroOutput out, Object value) {
        if (value instanceof Integer i) {
            out.writeInt(i);
        } else if (value instanceof Float f) {
            out.writeFloat(f);
        } else if (value instanceof Double d) {
            out.writeDouble(d);
        } else {
            out.writeBoolean((Boolean) value);
        }
    }
}
