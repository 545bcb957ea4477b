package io.tessera.catalog.geotiff;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.CellType.DataType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GeoTIFF file opened for reading: its header is parsed once by {@link #open(Path)}, and pixel
 * windows are decoded on demand from only the strips or tiles they touch.
 *
 * <p>Supports classic TIFF and BigTIFF, strips and tiles, pixel- and band-interleaved samples,
 * compressions none, LZW, deflate, PackBits, ZSTD and LZMA with horizontal or floating-point
 * predictors, 8-bit JPEG (RGB, YCbCr or grey), and samples of 1 bit (as {@code bool}), signed and
 * unsigned 8 and 16 bits, signed 32 bits and 32/64-bit floats. A GDAL internal mask or an alpha
 * sample makes the pixels it hides NoData in every band (see {@link GeoTiffInfo#mask()}). Reads are
 * positional, so one instance may serve several threads; close it when done.
 * Decoded segments are kept in a small byte-bounded cache, so overlapping windows (neighbouring
 * output tiles) inflate each strip or tile about once.
 */
public final class GeoTiff implements AutoCloseable {

    /** Directories looked through for a mask: past the image's overviews, never round a cycle. */
    private static final int MAX_DIRECTORIES = 256;

    private static final DateTimeFormatter TIFF_DATE_TIME = DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss");

    private final TiffSource channel;
    private final GeoTiffInfo info;
    private final String file;
    private final TiffImage image;
    private final TiffImage mask;
    private final int alpha;
    /** Whether valid cells equal to the NoData value this reader gave a masked file move off it. */
    private final boolean keepValidCells;

    private GeoTiff(TiffSource channel, GeoTiffInfo info, TiffImage image, TiffImage mask, int alpha,
            boolean keepValidCells) {
        this.channel = channel;
        this.info = info;
        this.file = info.file();
        this.image = image;
        this.mask = mask;
        this.alpha = alpha;
        this.keepValidCells = keepValidCells;
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

    private static GeoTiff build(TiffSource ch, TiffDirectory dir, String file, Optional<CRS> assumed) throws IOException {
        TiffImage image = TiffImage.of(ch, dir);
        Optional<Double> noData = Optional.ofNullable(dir.text(TiffDirectory.GDAL_NODATA)).map(s -> parseNoData(s, file));
        CellType stored = cellType(image.dataType, noData);
        TiffImage mask = image.dataType == DataType.BOOL ? null : maskOf(ch, dir, image);
        int alpha = image.dataType == DataType.BOOL ? -1 : alphaSample(dir, image.samplesPerPixel);
        GeoTiffInfo.Mask kind = mask != null ? GeoTiffInfo.Mask.MASK_IMAGE
                : alpha >= 0 ? GeoTiffInfo.Mask.ALPHA_BAND : GeoTiffInfo.Mask.NONE;
        // Masked cells need a NoData value to become; a file without one gets its type's default.
        CellType cellType = kind != GeoTiffInfo.Mask.NONE && !stored.hasNoData() ? stored.withDefaultNoData() : stored;

        GeoKeys keys = GeoKeys.read(dir);
        CRS crs = assumed.isPresent() ? assumed.get() : keys.crs(file);
        Extent extent = extent(dir, keys, image.cols, image.rows, file);
        Optional<Instant> time = dateTime(dir.text(TiffDirectory.DATE_TIME));
        GeoTiffInfo info = new GeoTiffInfo(file, image.cols, image.rows, image.samplesPerPixel, cellType, extent, crs,
                keys.pixelIsPoint(), noData, kind, time, image.layout);
        return new GeoTiff(ch, info, image, mask, alpha, cellType != stored);
    }

    /**
     * GDAL's per-dataset internal mask: a later directory flagged as a transparency mask
     * (NewSubfileType bit 2) of the image's own size, not an overview's (bit 0).
     */
    private static TiffImage maskOf(TiffSource ch, TiffDirectory first, TiffImage image) throws IOException {
        TiffDirectory d = first;
        for (int seen = 0; seen < MAX_DIRECTORIES && (d = d.next(ch)) != null; seen++) {
            long type = d.optional(TiffDirectory.NEW_SUBFILE_TYPE, 0);
            if ((type & 4) != 0 && (type & 1) == 0 && d.optional(TiffDirectory.IMAGE_WIDTH, 0) == image.cols
                    && d.optional(TiffDirectory.IMAGE_LENGTH, 0) == image.rows) {
                TiffImage mask = TiffImage.mask(ch, d);
                return mask.samplesPerPixel == 1 ? mask : null;
            }
        }
        return null;
    }

    /**
     * The sample that ExtraSamples says is alpha (1 associated, 2 unassociated), or -1; as for GDAL,
     * a colour interpretation in GDAL's own metadata tag overrides it (GDAL writes RGB + alpha tags
     * for four bytes per pixel, and says there when the fourth is not alpha).
     */
    private static int alphaSample(TiffDirectory dir, int samplesPerPixel) {
        if (!dir.has(TiffDirectory.EXTRA_SAMPLES)) {
            return -1;
        }
        long[] extra = dir.longs(TiffDirectory.EXTRA_SAMPLES, "ExtraSamples");
        int first = samplesPerPixel - extra.length;
        String gdalMetadata = dir.text(TiffDirectory.GDAL_METADATA);
        for (int i = 0; i < extra.length; i++) {
            int sample = first + i;
            if ((extra[i] == 1 || extra[i] == 2) && sample > 0) {
                Matcher m = gdalMetadata == null ? null : Pattern.compile("<Item name=\"COLORINTERP\" sample=\""
                        + sample + "\" role=\"colorinterp\">([^<]*)</Item>").matcher(gdalMetadata);
                return m != null && m.find() && !m.group(1).equalsIgnoreCase("Alpha") ? -1 : sample;
            }
        }
        return -1;
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
        List<ArrayTile> bands = image.readWindow(info.cellType(), colOffset, rowOffset, cols, rows);
        if (info.mask() != GeoTiffInfo.Mask.NONE) {
            applyMask(bands, colOffset, rowOffset, cols, rows);
        }
        return MultibandTile.of(bands);
    }

    /**
     * Makes every band NoData where the mask or alpha says a pixel has no data, so mosaics see
     * through it; where the NoData value is this reader's own choice, a valid cell holding it moves
     * one step up (a black 0 becomes 1 in uint8) instead of vanishing.
     */
    private void applyMask(List<ArrayTile> bands, int colOffset, int rowOffset, int cols, int rows) {
        Tile validity = mask != null
                ? mask.readWindow(CellType.raw(mask.dataType), colOffset, rowOffset, cols, rows).get(0)
                : bands.get(alpha);
        int size = cols * rows;
        boolean[] masked = new boolean[size];
        for (int i = 0; i < size; i++) {
            masked[i] = validity.isNoData(i) || validity.getDouble(i) == 0;
        }
        double moved = info.cellType().noDataValue() + 1;
        boolean move = keepValidCells && !info.cellType().isFloatingPoint();
        for (ArrayTile band : bands) {
            for (int i = 0; i < size; i++) {
                if (masked[i]) {
                    band.setDouble(i, Double.NaN);
                } else if (move && band.isNoData(i)) {
                    band.setDouble(i, moved);
                }
            }
        }
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
