package io.tessera.catalog.geotiff;

import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.BitArrayTile;
import io.tessera.catalog.raster.ByteArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.CellType.DataType;
import io.tessera.catalog.raster.DoubleArrayTile;
import io.tessera.catalog.raster.FloatArrayTile;
import io.tessera.catalog.raster.IntArrayTile;
import io.tessera.catalog.raster.ShortArrayTile;
import io.tessera.catalog.raster.UByteArrayTile;
import io.tessera.catalog.raster.UShortArrayTile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The pixels of one image file directory — the image itself or its mask — decoded on demand from
 * only the strips or tiles a window touches. It knows samples, not georeferencing.
 */
final class TiffImage {

    /** Enough for a band of full-width strips as tall as a few output tiles of a 10,000-column image. */
    private static final long SEGMENT_CACHE_BYTES = 64L << 20;

    private static final int PHOTOMETRIC_YCBCR = 6;

    private final TiffSource channel;
    private final TiffDirectory dir;
    private final String file;
    final int cols;
    final int rows;
    final int samplesPerPixel;
    final DataType dataType;
    final GeoTiffInfo.Layout layout;
    private final int bitsPerSample;
    private final int bytesPerSample;
    private final long[] offsets;
    private final long[] byteCounts;
    private final int segmentsAcross;
    private final int segmentsDown;
    private final byte[] jpegTables;
    private final boolean ycbcr;
    private final SegmentCache cache;

    private TiffImage(TiffSource channel, TiffDirectory dir, int cols, int rows, int spp, int bits, DataType dataType,
            GeoTiffInfo.Layout layout, long[] offsets, long[] byteCounts, long cacheBytes) {
        this.channel = channel;
        this.dir = dir;
        this.file = dir.file;
        this.cols = cols;
        this.rows = rows;
        this.samplesPerPixel = spp;
        this.bitsPerSample = bits;
        this.bytesPerSample = Math.max(1, bits / 8);
        this.dataType = dataType;
        this.layout = layout;
        this.offsets = offsets;
        this.byteCounts = byteCounts;
        this.segmentsAcross = ceilDiv(cols, layout.segmentCols());
        this.segmentsDown = ceilDiv(rows, layout.segmentRows());
        this.jpegTables = dir.bytes(TiffDirectory.JPEG_TABLES);
        this.ycbcr = dir.optional(TiffDirectory.PHOTOMETRIC, 1) == PHOTOMETRIC_YCBCR;
        this.cache = new SegmentCache(cacheBytes);
    }

    /** The image of the first directory. */
    static TiffImage of(TiffSource channel, TiffDirectory dir) {
        return of(channel, dir, SEGMENT_CACHE_BYTES);
    }

    /** A mask's image: one bit per pixel, so a smaller cache serves as many rows. */
    static TiffImage mask(TiffSource channel, TiffDirectory dir) {
        return of(channel, dir, SEGMENT_CACHE_BYTES / 8);
    }

    private static TiffImage of(TiffSource ch, TiffDirectory dir, long cacheBytes) {
        String file = dir.file;
        int cols = toInt(dir.required(TiffDirectory.IMAGE_WIDTH, "ImageWidth"), file, "ImageWidth");
        int rows = toInt(dir.required(TiffDirectory.IMAGE_LENGTH, "ImageLength"), file, "ImageLength");
        int spp = toInt(dir.optional(TiffDirectory.SAMPLES_PER_PIXEL, 1), file, "SamplesPerPixel");
        if (cols <= 0 || rows <= 0 || spp <= 0) {
            throw new GeoTiffException(file, "bad image size " + cols + "x" + rows + " with " + spp + " samples per pixel");
        }
        long[] bps = dir.has(TiffDirectory.BITS_PER_SAMPLE) ? dir.longs(TiffDirectory.BITS_PER_SAMPLE, "BitsPerSample")
                : new long[] {1};
        for (long b : bps) {
            if (b != bps[0]) {
                throw new GeoTiffException(file, "bands with different bits per sample are not supported");
            }
        }
        int bits = (int) bps[0];
        long[] formats = dir.has(TiffDirectory.SAMPLE_FORMAT) ? dir.longs(TiffDirectory.SAMPLE_FORMAT, "SampleFormat")
                : new long[] {1};
        int format = (int) formats[0];
        int compression = (int) dir.optional(TiffDirectory.COMPRESSION, 1);
        if (!Codecs.supported(compression)) {
            throw new GeoTiffException(file, "unsupported compression " + Codecs.name(compression)
                    + " (supported: none, LZW, deflate, PackBits, JPEG, ZSTD, LZMA)");
        }
        int predictor = (int) dir.optional(TiffDirectory.PREDICTOR, 1);
        if (predictor != 1 && predictor != 2 && predictor != 3) {
            throw new GeoTiffException(file, "unsupported predictor " + predictor);
        }
        if (predictor == 3 && format != 3) {
            throw new GeoTiffException(file, "floating-point predictor on non-floating-point samples");
        }
        if (compression == Codecs.JPEG && (bits != 8 || format != 1)) {
            throw new GeoTiffException(file, "JPEG with " + bits + "-bit samples is not supported (only 8-bit)");
        }
        if (dir.optional(TiffDirectory.PHOTOMETRIC, 1) == PHOTOMETRIC_YCBCR && compression != Codecs.JPEG) {
            throw new GeoTiffException(file, "YCbCr samples are only read from JPEG-compressed files");
        }
        int planarConfig = (int) dir.optional(TiffDirectory.PLANAR_CONFIGURATION, 1);
        boolean planar = planarConfig == 2 && spp > 1;
        DataType type = dataType(bits, format, file);
        if (type == DataType.BOOL && spp > 1) {
            throw new GeoTiffException(file, "1-bit images with more than one sample per pixel are not supported");
        }

        boolean tiled = dir.has(TiffDirectory.TILE_WIDTH);
        int segCols;
        int segRows;
        long[] offsets;
        long[] counts;
        if (tiled) {
            segCols = toInt(dir.required(TiffDirectory.TILE_WIDTH, "TileWidth"), file, "TileWidth");
            segRows = toInt(dir.required(TiffDirectory.TILE_LENGTH, "TileLength"), file, "TileLength");
            offsets = dir.longs(TiffDirectory.TILE_OFFSETS, "TileOffsets");
            counts = dir.longs(TiffDirectory.TILE_BYTE_COUNTS, "TileByteCounts");
        } else {
            segCols = cols;
            segRows = (int) Math.min(rows, dir.optional(TiffDirectory.ROWS_PER_STRIP, rows));
            offsets = dir.longs(TiffDirectory.STRIP_OFFSETS, "StripOffsets");
            counts = dir.longs(TiffDirectory.STRIP_BYTE_COUNTS, "StripByteCounts");
        }
        if (segCols <= 0 || segRows <= 0) {
            throw new GeoTiffException(file, "bad segment size " + segCols + "x" + segRows);
        }
        long expected = (long) ceilDiv(cols, segCols) * ceilDiv(rows, segRows) * (planar ? spp : 1);
        if (offsets.length < expected || counts.length < expected) {
            throw new GeoTiffException(file, "corrupt file: " + offsets.length + " segment offsets and " + counts.length
                    + " byte counts for " + expected + " segments");
        }
        for (int i = 0; i < expected; i++) {
            TiffDirectory.checkRange(file, dir.fileSize, offsets[i], counts[i], "segment " + i);
        }
        GeoTiffInfo.Layout layout = new GeoTiffInfo.Layout(tiled, segCols, segRows, planar, compression, predictor,
                dir.bigTiff);
        return new TiffImage(ch, dir, cols, rows, spp, bits, type, layout, offsets, counts, cacheBytes);
    }

    private static DataType dataType(int bits, int format, String file) {
        if (bits == 1 && format == 1) {
            return DataType.BOOL;
        }
        if (format == 1 || format == 2) {
            boolean signed = format == 2;
            switch (bits) {
                case 8:
                    return signed ? DataType.INT8 : DataType.UINT8;
                case 16:
                    return signed ? DataType.INT16 : DataType.UINT16;
                case 32:
                    if (signed) {
                        return DataType.INT32;
                    }
                    throw new GeoTiffException(file, "unsupported sample type uint32: GeoTrellis cell types have no"
                            + " unsigned 32-bit integer");
                default:
                    break;
            }
        } else if (format == 3) {
            if (bits == 32) {
                return DataType.FLOAT32;
            }
            if (bits == 64) {
                return DataType.FLOAT64;
            }
        }
        throw new GeoTiffException(file, "unsupported sample type: " + bits + " bits with SampleFormat " + format
                + " (supported: 1-bit, int8, uint8, int16, uint16, int32, float32, float64)");
    }

    /**
     * The samples of a window, one tile of {@code cellType} (of this image's data type) per sample,
     * decoding only the strips or tiles it intersects; the caller checks the window is inside.
     */
    List<ArrayTile> readWindow(CellType cellType, int colOffset, int rowOffset, int winCols, int winRows) {
        List<ArrayTile> bands = new ArrayList<>(samplesPerPixel);
        for (int b = 0; b < samplesPerPixel; b++) {
            bands.add(ArrayTile.empty(cellType, winCols, winRows));
        }
        int sc0 = colOffset / layout.segmentCols();
        int sc1 = (colOffset + winCols - 1) / layout.segmentCols();
        int sr0 = rowOffset / layout.segmentRows();
        int sr1 = (rowOffset + winRows - 1) / layout.segmentRows();
        int planes = layout.planar() ? samplesPerPixel : 1;
        for (int plane = 0; plane < planes; plane++) {
            for (int sr = sr0; sr <= sr1; sr++) {
                for (int sc = sc0; sc <= sc1; sc++) {
                    int index = plane * segmentsAcross * segmentsDown + sr * segmentsAcross + sc;
                    copySegment(index, plane, sc * layout.segmentCols(), sr * layout.segmentRows(), colOffset, rowOffset,
                            winCols, winRows, bands);
                }
            }
        }
        return bands;
    }

    private void copySegment(int index, int plane, int segX, int segY, int winX, int winY, int winW, int winH,
            List<ArrayTile> bands) {
        if (byteCounts[index] == 0) {
            // GDAL omits segments that are entirely NoData (SPARSE_OK); the window keeps its NoData fill.
            return;
        }
        int segW = layout.segmentCols();
        // A strip's height is rows-per-strip except the last; a tile is always full size.
        int segH = layout.tiled() ? layout.segmentRows() : Math.min(layout.segmentRows(), rows - segY);
        int segmentSamples = layout.planar() ? 1 : samplesPerPixel;
        int rowSamples = segW * segmentSamples;
        int rowBytes = (int) (((long) rowSamples * bitsPerSample + 7) / 8);
        byte[] data = decodedSegment(index, segW, segH, rowSamples, segmentSamples, rowBytes);
        ByteBuffer buf = ByteBuffer.wrap(data).order(dir.order);

        int x0 = Math.max(winX, segX);
        int x1 = Math.min(winX + winW, Math.min(segX + segW, cols));
        int y0 = Math.max(winY, segY);
        int y1 = Math.min(winY + winH, segY + segH);
        int n = x1 - x0;
        if (n <= 0 || y1 <= y0) {
            return;
        }
        int firstBand = layout.planar() ? plane : 0;
        int bandsHere = layout.planar() ? 1 : samplesPerPixel;
        for (int y = y0; y < y1; y++) {
            int srcRow = (y - segY) * rowBytes;
            int dstStart = (y - winY) * winW + (x0 - winX);
            for (int b = 0; b < bandsHere; b++) {
                ArrayTile tile = bands.get(firstBand + b);
                if (bitsPerSample == 1) {
                    BitArrayTile bit = (BitArrayTile) tile;
                    for (int i = 0; i < n; i++) {
                        int bitIndex = x0 - segX + i;
                        boolean v = (data[srcRow + (bitIndex >> 3)] & (0x80 >>> (bitIndex & 7))) != 0;
                        bit.set(dstStart + i, v);
                    }
                    continue;
                }
                int src = srcRow + ((x0 - segX) * segmentSamples + b) * bytesPerSample;
                int step = segmentSamples * bytesPerSample;
                copySamples(buf, src, step, tile, dstStart, n);
            }
        }
    }

    private static void copySamples(ByteBuffer buf, int src, int step, ArrayTile tile, int dst, int n) {
        if (step == tile.cellType().dataType().bytesPerCell()) {
            copyContiguous(buf, src, tile, dst, n);
            return;
        }
        switch (tile.cellType().dataType()) {
            case INT8 -> {
                byte[] a = ((ByteArrayTile) tile).array();
                for (int i = 0; i < n; i++, src += step) {
                    a[dst + i] = buf.get(src);
                }
            }
            case UINT8 -> {
                byte[] a = ((UByteArrayTile) tile).array();
                for (int i = 0; i < n; i++, src += step) {
                    a[dst + i] = buf.get(src);
                }
            }
            case INT16 -> {
                short[] a = ((ShortArrayTile) tile).array();
                for (int i = 0; i < n; i++, src += step) {
                    a[dst + i] = buf.getShort(src);
                }
            }
            case UINT16 -> {
                short[] a = ((UShortArrayTile) tile).array();
                for (int i = 0; i < n; i++, src += step) {
                    a[dst + i] = buf.getShort(src);
                }
            }
            case INT32 -> {
                int[] a = ((IntArrayTile) tile).array();
                for (int i = 0; i < n; i++, src += step) {
                    a[dst + i] = buf.getInt(src);
                }
            }
            case FLOAT32 -> {
                float[] a = ((FloatArrayTile) tile).array();
                for (int i = 0; i < n; i++, src += step) {
                    a[dst + i] = buf.getFloat(src);
                }
            }
            case FLOAT64 -> {
                double[] a = ((DoubleArrayTile) tile).array();
                for (int i = 0; i < n; i++, src += step) {
                    a[dst + i] = buf.getDouble(src);
                }
            }
            default -> throw new IllegalStateException("bool cells are copied bit by bit");
        }
    }

    /** One band's samples stored next to each other: bulk copies through typed buffer views. */
    private static void copyContiguous(ByteBuffer buf, int src, ArrayTile tile, int dst, int n) {
        int bytes = n * tile.cellType().dataType().bytesPerCell();
        ByteBuffer part = buf.slice(src, bytes).order(buf.order());
        switch (tile.cellType().dataType()) {
            case INT8, UINT8 -> part.get((byte[]) tile.array(), dst, n);
            case INT16, UINT16 -> part.asShortBuffer().get((short[]) tile.array(), dst, n);
            case INT32 -> part.asIntBuffer().get((int[]) tile.array(), dst, n);
            case FLOAT32 -> part.asFloatBuffer().get((float[]) tile.array(), dst, n);
            case FLOAT64 -> part.asDoubleBuffer().get((double[]) tile.array(), dst, n);
            default -> throw new IllegalStateException("bool cells are copied bit by bit");
        }
    }

    private byte[] decodedSegment(int index, int segW, int segH, int rowSamples, int segmentSamples, int rowBytes) {
        byte[] data = cache.get(index);
        if (data != null) {
            return data;
        }
        byte[] raw = segmentBytes(index);
        int size = rowBytes * segH;
        if (layout.compression() == Codecs.JPEG) {
            data = JpegSegments.decode(jpegTables, raw, segW, segH, segmentSamples, ycbcr, size, file);
        } else {
            data = Codecs.decompress(layout.compression(), raw, size, file);
        }
        boolean le = dir.order == ByteOrder.LITTLE_ENDIAN;
        if (layout.predictor() == 2 && bitsPerSample >= 8) {
            Codecs.undoHorizontal(data, segH, rowSamples, segmentSamples, bytesPerSample, le);
        } else if (layout.predictor() == 3) {
            Codecs.undoFloatingPoint(data, segH, rowSamples, segmentSamples, bytesPerSample, le);
        }
        cache.put(index, data);
        return data;
    }

    private byte[] segmentBytes(int index) {
        long count = byteCounts[index];
        if (count > Integer.MAX_VALUE) {
            throw new GeoTiffException(file, "segment " + index + " is too large (" + count + " bytes)");
        }
        try {
            return TiffDirectory.readAt(channel, file, dir.fileSize, offsets[index], (int) count).array();
        } catch (IOException e) {
            throw new GeoTiffException(file, "cannot read segment " + index + ": " + e.getMessage(), e);
        }
    }

    static int toInt(long v, String file, String what) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new GeoTiffException(file, what + " " + v + " is out of range");
        }
        return (int) v;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
