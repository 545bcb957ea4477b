package io.tessera.catalog.geotiff;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.BitArrayTile;
import io.tessera.catalog.raster.ByteArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.CellType.DataType;
import io.tessera.catalog.raster.DoubleArrayTile;
import io.tessera.catalog.raster.FloatArrayTile;
import io.tessera.catalog.raster.IntArrayTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.ShortArrayTile;
import io.tessera.catalog.raster.UByteArrayTile;
import io.tessera.catalog.raster.UShortArrayTile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A GeoTIFF file opened for reading: its header is parsed once by {@link #open(Path)}, and pixel
 * windows are decoded on demand from only the strips or tiles they touch.
 *
 * <p>Supports classic TIFF and BigTIFF, strips and tiles, pixel- and band-interleaved samples,
 * compressions none, LZW, deflate and PackBits with horizontal or floating-point predictors, and
 * samples of 1 bit (as {@code bool}), signed and unsigned 8 and 16 bits, signed 32 bits and 32/64-bit
 * floats. Reads are positional, so one instance may serve several threads; close it when done.
 * Decoded segments are kept in a small byte-bounded cache, so overlapping windows (neighbouring
 * output tiles) inflate each strip or tile about once.
 */
public final class GeoTiff implements AutoCloseable {

    /** Enough for a band of full-width strips as tall as a few output tiles of a 10,000-column image. */
    private static final long SEGMENT_CACHE_BYTES = 64L << 20;

    private static final DateTimeFormatter TIFF_DATE_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private final TiffSource channel;
    private final TiffDirectory dir;
    private final GeoTiffInfo info;
    private final String file;
    private final int bitsPerSample;
    private final int bytesPerSample;
    private final int spp;
    private final long[] offsets;
    private final long[] byteCounts;
    private final int segmentsAcross;
    private final int segmentsDown;
    private final SegmentCache cache = new SegmentCache(SEGMENT_CACHE_BYTES);

    private GeoTiff(TiffSource channel, TiffDirectory dir, GeoTiffInfo info, int bitsPerSample, long[] offsets,
            long[] byteCounts) {
        this.channel = channel;
        this.dir = dir;
        this.info = info;
        this.file = info.file();
        this.bitsPerSample = bitsPerSample;
        this.bytesPerSample = Math.max(1, bitsPerSample / 8);
        this.spp = info.bandCount();
        this.offsets = offsets;
        this.byteCounts = byteCounts;
        GeoTiffInfo.Layout l = info.layout();
        this.segmentsAcross = ceilDiv(info.cols(), l.segmentCols());
        this.segmentsDown = ceilDiv(info.rows(), l.segmentRows());
    }

    /**
     * Opens a GeoTIFF and reads its header (never its pixels).
     *
     * @throws GeoTiffException naming the file and the reason when it is missing, not a TIFF,
     *     truncated, uses an unsupported feature, or has a CRS that cannot be resolved
     */
    public static GeoTiff open(Path path) {
        return open(path, Optional.empty());
    }

    /**
     * {@link #open(Path)}, taking the file to be in {@code crs} when given, whatever its GeoKeys say
     * or when it has none (gdalwarp's {@code -s_srs}).
     */
    public static GeoTiff open(Path path, Optional<CRS> crs) {
        String file = path.toString();
        TiffSource source;
        try {
            source = TiffSource.of(path);
        } catch (NoSuchFileException e) {
            throw new GeoTiffException(file, "no such file", e);
        } catch (IOException e) {
            throw new GeoTiffException(file, "cannot open: " + e.getMessage(), e);
        }
        return open(source, crs);
    }

    /**
     * Reads the header of a GeoTIFF from {@code source} (never its pixels); the GeoTIFF owns the
     * source from now on and closes it.
     *
     * @throws GeoTiffException naming the source and the reason, as {@link #open(Path)}
     */
    public static GeoTiff open(TiffSource source) {
        return open(source, Optional.empty());
    }

    /** {@link #open(TiffSource)}, taking the file to be in {@code crs} when given, as {@link #open(Path, Optional)}. */
    public static GeoTiff open(TiffSource source, Optional<CRS> crs) {
        String file = source.name();
        try {
            TiffDirectory dir = TiffDirectory.read(source, file);
            return build(source, dir, file, crs);
        } catch (IOException e) {
            closeQuietly(source);
            throw new GeoTiffException(file, "cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(source);
            throw e;
        }
    }

    /** Reads just the header of a GeoTIFF. */
    public static GeoTiffInfo readInfo(Path path) {
        try (GeoTiff tiff = open(path)) {
            return tiff.info();
        }
    }

    private static GeoTiff build(TiffSource ch, TiffDirectory dir, String file, Optional<CRS> assumed) {
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
                    + " (supported: none, LZW, deflate, PackBits)");
        }
        int predictor = (int) dir.optional(TiffDirectory.PREDICTOR, 1);
        if (predictor != 1 && predictor != 2 && predictor != 3) {
            throw new GeoTiffException(file, "unsupported predictor " + predictor);
        }
        if (predictor == 3 && format != 3) {
            throw new GeoTiffException(file, "floating-point predictor on non-floating-point samples");
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

        Optional<Double> noData = Optional.ofNullable(dir.text(TiffDirectory.GDAL_NODATA)).map(s -> parseNoData(s, file));
        CellType cellType = cellType(type, noData);

        GeoKeys keys = GeoKeys.read(dir);
        CRS crs = assumed.isPresent() ? assumed.get() : keys.crs(file);
        Extent extent = extent(dir, keys, cols, rows, file);
        Optional<Instant> time = dateTime(dir.text(TiffDirectory.DATE_TIME));
        GeoTiffInfo.Layout layout = new GeoTiffInfo.Layout(tiled, segCols, segRows, planar, compression, predictor,
                dir.bigTiff);
        GeoTiffInfo info = new GeoTiffInfo(file, cols, rows, spp, cellType, extent, crs, keys.pixelIsPoint(), noData,
                time, layout);
        return new GeoTiff(ch, dir, info, bits, offsets, counts);
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

    private static double parseNoData(String text, String file) {
        String t = text.trim();
        if (t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("-nan")) {
            return Double.NaN;
        }
        if (t.equalsIgnoreCase("inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (t.equalsIgnoreCase("-inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new GeoTiffException(file, "bad GDAL NoData value '" + text + "'", e);
        }
    }

    /**
     * The GeoTrellis cell type for a sample type and GDAL NoData value: the type's own default when
     * the value equals it, a user-defined NoData when the value is representable, else raw.
     */
    static CellType cellType(DataType type, Optional<Double> noData) {
        if (type == DataType.BOOL || noData.isEmpty()) {
            return CellType.raw(type);
        }
        double nd = noData.get();
        if (type.isFloatingPoint()) {
            if (Double.isNaN(nd)) {
                return CellType.of(type);
            }
            if (type == DataType.FLOAT32 && Double.isFinite(nd) && Math.abs(nd) > Float.MAX_VALUE) {
                return CellType.raw(type);
            }
            return CellType.withNoData(type, nd);
        }
        if (Double.isNaN(nd) || nd != Math.rint(nd)) {
            return CellType.raw(type);
        }
        double min;
        double max;
        switch (type) {
            case INT8 -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case UINT8 -> { min = 0; max = 255; }
            case INT16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case UINT16 -> { min = 0; max = 65535; }
            default -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
        }
        if (nd < min || nd > max) {
            return CellType.raw(type);
        }
        if (nd == type.defaultNoData()) {
            return CellType.of(type);
        }
        return CellType.withNoData(type, nd);
    }

    private static Extent extent(TiffDirectory dir, GeoKeys keys, int cols, int rows, String file) {
        double x0;
        double y0;
        double sx;
        double sy;
        double[] m = dir.doubles(TiffDirectory.MODEL_TRANSFORMATION);
        double[] scale = dir.doubles(TiffDirectory.MODEL_PIXEL_SCALE);
        double[] tie = dir.doubles(TiffDirectory.MODEL_TIEPOINT);
        if (m != null) {
            if (m.length < 16) {
                throw new GeoTiffException(file, "corrupt ModelTransformation: " + m.length + " values instead of 16");
            }
            if (m[1] != 0 || m[4] != 0) {
                throw new GeoTiffException(file, "rotated rasters are not supported (ModelTransformation has"
                        + " rotation terms " + m[1] + ", " + m[4] + ")");
            }
            sx = m[0];
            sy = -m[5];
            x0 = m[3];
            y0 = m[7];
        } else if (scale != null && tie != null && scale.length >= 2 && tie.length >= 6) {
            sx = scale[0];
            sy = scale[1];
            x0 = tie[3] - tie[0] * sx;
            y0 = tie[4] + tie[1] * sy;
        } else {
            throw new GeoTiffException(file, "no georeferencing: neither ModelTransformation (34264) nor"
                    + " ModelPixelScale (33550) with ModelTiepoint (33922)");
        }
        if (!(sx > 0) || !(sy > 0) || !Double.isFinite(sx) || !Double.isFinite(sy)) {
            throw new GeoTiffException(file, "unsupported pixel size " + sx + " x " + -sy
                    + ": only north-up rasters with positive width and negative height are supported");
        }
        if (keys.pixelIsPoint()) {
            // The tie point is the centre of the first pixel; the extent covers whole pixels.
            x0 -= sx / 2;
            y0 += sy / 2;
        }
        return new Extent(x0, y0 - rows * sy, x0 + cols * sx, y0);
    }

    static Optional<Instant> dateTime(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text.trim(), TIFF_DATE_TIME).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The header. */
    public GeoTiffInfo info() {
        return info;
    }

    /** Every pixel of every band. */
    public MultibandTile read() {
        return readWindow(0, 0, info.cols(), info.rows());
    }

    /**
     * The pixels of a window, decoding only the strips or tiles it intersects.
     *
     * @throws IllegalArgumentException when the window is empty or not inside the image
     * @throws GeoTiffException when the file's data is truncated or corrupt
     */
    public MultibandTile readWindow(int colOffset, int rowOffset, int cols, int rows) {
        if (cols <= 0 || rows <= 0 || colOffset < 0 || rowOffset < 0
                || (long) colOffset + cols > info.cols() || (long) rowOffset + rows > info.rows()) {
            throw new IllegalArgumentException("window " + cols + "x" + rows + " at (" + colOffset + "," + rowOffset
                    + ") is not inside the " + info.cols() + "x" + info.rows() + " image of " + file);
        }
        List<ArrayTile> bands = new ArrayList<>(spp);
        for (int b = 0; b < spp; b++) {
            bands.add(ArrayTile.empty(info.cellType(), cols, rows));
        }
        GeoTiffInfo.Layout l = info.layout();
        int sc0 = colOffset / l.segmentCols();
        int sc1 = (colOffset + cols - 1) / l.segmentCols();
        int sr0 = rowOffset / l.segmentRows();
        int sr1 = (rowOffset + rows - 1) / l.segmentRows();
        int planes = l.planar() ? spp : 1;
        for (int plane = 0; plane < planes; plane++) {
            for (int sr = sr0; sr <= sr1; sr++) {
                for (int sc = sc0; sc <= sc1; sc++) {
                    int index = plane * segmentsAcross * segmentsDown + sr * segmentsAcross + sc;
                    copySegment(index, plane, sc * l.segmentCols(), sr * l.segmentRows(), colOffset, rowOffset, cols, rows,
                            bands);
                }
            }
        }
        return MultibandTile.of(bands);
    }

    private void copySegment(int index, int plane, int segX, int segY, int winX, int winY, int winW, int winH,
            List<ArrayTile> bands) {
        if (byteCounts[index] == 0) {
            // GDAL omits segments that are entirely NoData (SPARSE_OK); the window keeps its NoData fill.
            return;
        }
        GeoTiffInfo.Layout l = info.layout();
        int segW = l.segmentCols();
        // A strip's height is rows-per-strip except the last; a tile is always full size.
        int segH = l.tiled() ? l.segmentRows() : Math.min(l.segmentRows(), info.rows() - segY);
        int samplesPerPixel = l.planar() ? 1 : spp;
        int rowSamples = segW * samplesPerPixel;
        int rowBytes = (int) (((long) rowSamples * bitsPerSample + 7) / 8);
        byte[] data = decodedSegment(index, segH, rowSamples, samplesPerPixel, rowBytes);
        ByteBuffer buf = ByteBuffer.wrap(data).order(dir.order);

        int x0 = Math.max(winX, segX);
        int x1 = Math.min(winX + winW, Math.min(segX + segW, info.cols()));
        int y0 = Math.max(winY, segY);
        int y1 = Math.min(winY + winH, segY + segH);
        int n = x1 - x0;
        if (n <= 0 || y1 <= y0) {
            return;
        }
        int firstBand = l.planar() ? plane : 0;
        int bandsHere = l.planar() ? 1 : spp;
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
                int src = srcRow + ((x0 - segX) * samplesPerPixel + b) * bytesPerSample;
                int step = samplesPerPixel * bytesPerSample;
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

    private byte[] decodedSegment(int index, int segH, int rowSamples, int samplesPerPixel, int rowBytes) {
        byte[] data = cache.get(index);
        if (data != null) {
            return data;
        }
        data = segmentBytes(index, rowBytes * segH);
        boolean le = dir.order == ByteOrder.LITTLE_ENDIAN;
        GeoTiffInfo.Layout l = info.layout();
        if (l.predictor() == 2 && bitsPerSample >= 8) {
            Codecs.undoHorizontal(data, segH, rowSamples, samplesPerPixel, bytesPerSample, le);
        } else if (l.predictor() == 3) {
            Codecs.undoFloatingPoint(data, segH, rowSamples, samplesPerPixel, bytesPerSample, le);
        }
        cache.put(index, data);
        return data;
    }

    private byte[] segmentBytes(int index, int size) {
        long off = offsets[index];
        long count = byteCounts[index];
        if (count > Integer.MAX_VALUE) {
            throw new GeoTiffException(file, "segment " + index + " is too large (" + count + " bytes)");
        }
        byte[] raw;
        try {
            raw = TiffDirectory.readAt(channel, file, dir.fileSize, off, (int) count).array();
        } catch (IOException e) {
            throw new GeoTiffException(file, "cannot read segment " + index + ": " + e.getMessage(), e);
        }
        return Codecs.decompress(info.layout().compression(), raw, size, file);
    }

    private static int toInt(long v, String file, String what) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new GeoTiffException(file, what + " " + v + " is out of range");
        }
        return (int) v;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static void closeQuietly(TiffSource ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Already failing; the original error is the one to report.
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new GeoTiffException(file, "cannot close: " + e.getMessage(), e);
        }
    }
}
