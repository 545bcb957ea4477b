package io.tessera.catalog.geotiff;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes the JPEG strips or tiles of a TIFF (compression 7) with the JDK's own baseline JPEG
 * decoder. Each segment is an abbreviated JPEG stream: the quantisation and Huffman tables usually
 * sit once in the JPEGTables tag, so they are put in front of the segment's own markers.
 *
 * <p>The decoder hands back the stream's samples unconverted; YCbCr photometric segments are then
 * turned into RGB with libjpeg's fixed-point arithmetic, as libtiff's {@code JPEGCOLORMODE=RGB}
 * (what GDAL reads with) has libjpeg do, so cells match GDAL's up to the IDCT's rounding.
 */
final class JpegSegments {

    private static final int SCALE_BITS = 16;
    private static final int ONE_HALF = 1 << (SCALE_BITS - 1);
    /** libjpeg's YCbCr to RGB tables (JFIF coefficients in 16-bit fixed point), indexed by the chroma byte. */
    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALE_BITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALE_BITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private JpegSegments() {
    }

    private static int fix(double v) {
        return (int) (v * (1L << SCALE_BITS) + 0.5);
    }

    /**
     * One segment's pixel-interleaved 8-bit samples, {@code size} bytes ({@code width} ×
     * {@code rows} × {@code samples}); rows the stream lacks stay zero.
     */
    static byte[] decode(byte[] tables, byte[] segment, int width, int rows, int samples, boolean ycbcr, int size,
            String file) {
        Raster raster = raster(stream(tables, segment), file);
        if (raster.getNumBands() != samples) {
            throw new GeoTiffException(file, "corrupt JPEG data: a segment has " + raster.getNumBands()
                    + " components where the file has " + samples + " samples per pixel");
        }
        if (ycbcr && samples != 3) {
            throw new GeoTiffException(file, "YCbCr JPEG with " + samples + " samples per pixel (3 expected)");
        }
        int w = Math.min(width, raster.getWidth());
        int h = Math.min(rows, raster.getHeight());
        byte[] out = new byte[size];
        int[] row = new int[w * samples];
        for (int y = 0; y < h; y++) {
            raster.getPixels(raster.getMinX(), raster.getMinY() + y, w, 1, row);
            int o = y * width * samples;
            if (ycbcr) {
                for (int i = 0; i < row.length; i += 3, o += 3) {
                    int luma = row[i];
                    int cb = row[i + 1];
                    int cr = row[i + 2];
                    out[o] = clamp(luma + CR_R[cr]);
                    out[o + 1] = clamp(luma + ((CB_G[cb] + CR_G[cr]) >> SCALE_BITS));
                    out[o + 2] = clamp(luma + CB_B[cb]);
                }
            } else {
                for (int i = 0; i < row.length; i++) {
                    out[o + i] = (byte) row[i];
                }
            }
        }
        return out;
    }

    private static byte clamp(int v) {
        return (byte) (v < 0 ? 0 : v > 255 ? 255 : v);
    }

    /** The tables' markers (without their end-of-image) followed by the segment's (without its start-of-image). */
    private static byte[] stream(byte[] tables, byte[] segment) {
        if (tables == null || tables.length < 4 || segment.length < 2) {
            return segment;
        }
        int tablesEnd = tables.length;
        if ((tables[tablesEnd - 2] & 0xFF) == 0xFF && (tables[tablesEnd - 1] & 0xFF) == 0xD9) {
            tablesEnd -= 2;
        }
        int segmentStart = (segment[0] & 0xFF) == 0xFF && (segment[1] & 0xFF) == 0xD8 ? 2 : 0;
        byte[] s = new byte[tablesEnd + segment.length - segmentStart];
        System.arraycopy(tables, 0, s, 0, tablesEnd);
        System.arraycopy(segment, segmentStart, s, tablesEnd, segment.length - segmentStart);
        return s;
    }

    private static Raster raster(byte[] jpeg, String file) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new GeoTiffException(file, "this Java runtime has no JPEG decoder (javax.imageio)");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in, true, true);
            return reader.readRaster(0, null);
        } catch (IOException | RuntimeException e) {
            throw new GeoTiffException(file, "corrupt or unsupported JPEG data (only 8-bit baseline and progressive"
                    + " JPEG are read): " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
    }
}
