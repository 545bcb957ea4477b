package io.tessera.catalog.geotiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Writes minimal little-endian, single-strip, uncompressed TIFFs with chosen tags, for header cases
 * gdal_translate does not produce (an unrotated ModelTransformation, uint32 samples, odd dates).
 */
final class TinyTiff {

    private final TreeMap<Integer, Object[]> tags = new TreeMap<>();
    private byte[] pixels = new byte[0];

    /** SHORT values. */
    TinyTiff shorts(int tag, int... v) {
        tags.put(tag, new Object[] {3, v});
        return this;
    }

    /** DOUBLE values. */
    TinyTiff doubles(int tag, double... v) {
        tags.put(tag, new Object[] {12, v});
        return this;
    }

    /** ASCII value. */
    TinyTiff ascii(int tag, String v) {
        tags.put(tag, new Object[] {2, v});
        return this;
    }

    /** Drops a tag. */
    TinyTiff without(int tag) {
        tags.remove(tag);
        return this;
    }

    /** The single strip's bytes, uncompressed. */
    TinyTiff pixels(byte[] data) {
        pixels = data;
        return this;
    }

    void write(Path file) throws IOException {
        tags.put(TiffDirectory.STRIP_OFFSETS, new Object[] {4, new long[] {0}});
        tags.put(TiffDirectory.STRIP_BYTE_COUNTS, new Object[] {4, new long[] {pixels.length}});
        int n = tags.size();
        int ifdSize = 2 + 12 * n + 4;
        List<byte[]> extra = new ArrayList<>();
        int extraStart = 8 + ifdSize;
        int extraLen = 0;
        ByteBuffer ifd = ByteBuffer.allocate(ifdSize).order(ByteOrder.LITTLE_ENDIAN);
        ifd.putShort((short) n);
        int pixelOffsetPos = -1;
        for (var e : tags.entrySet()) {
            int type = (int) e.getValue()[0];
            Object v = e.getValue()[1];
            byte[] bytes;
            int count;
            if (type == 2) {
                bytes = (v + "\0").getBytes(StandardCharsets.ISO_8859_1);
                count = bytes.length;
            } else if (type == 3) {
                int[] s = (int[]) v;
                ByteBuffer b = ByteBuffer.allocate(2 * s.length).order(ByteOrder.LITTLE_ENDIAN);
                for (int x : s) {
                    b.putShort((short) x);
                }
                bytes = b.array();
                count = s.length;
            } else if (type == 4) {
                long[] s = (long[]) v;
                ByteBuffer b = ByteBuffer.allocate(4 * s.length).order(ByteOrder.LITTLE_ENDIAN);
                for (long x : s) {
                    b.putInt((int) x);
                }
                bytes = b.array();
                count = s.length;
            } else {
                double[] s = (double[]) v;
                ByteBuffer b = ByteBuffer.allocate(8 * s.length).order(ByteOrder.LITTLE_ENDIAN);
                for (double x : s) {
                    b.putDouble(x);
                }
                bytes = b.array();
                count = s.length;
            }
            ifd.putShort((short) (int) e.getKey()).putShort((short) type).putInt(count);
            if (e.getKey() == TiffDirectory.STRIP_OFFSETS) {
                pixelOffsetPos = ifd.position();
            }
            if (bytes.length <= 4) {
                ifd.put(java.util.Arrays.copyOf(bytes, 4));
            } else {
                ifd.putInt(extraStart + extraLen);
                extra.add(bytes);
                extraLen += bytes.length;
            }
        }
        ifd.putInt(0);
        ifd.putInt(pixelOffsetPos, extraStart + extraLen);
        ByteBuffer out = ByteBuffer.allocate(8 + ifdSize + extraLen + pixels.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8).put(ifd.array());
        for (byte[] b : extra) {
            out.put(b);
        }
        out.put(pixels);
        Files.write(file, out.array());
    }

    /** A 4x2 uint8 image (cells 0..7) in EPSG:4326 with the given georeferencing tags to add. */
    static TinyTiff grid() {
        byte[] px = {0, 1, 2, 3, 4, 5, 6, 7};
        return new TinyTiff().shorts(TiffDirectory.IMAGE_WIDTH, 4).shorts(TiffDirectory.IMAGE_LENGTH, 2)
                .shorts(TiffDirectory.BITS_PER_SAMPLE, 8).shorts(TiffDirectory.COMPRESSION, 1)
                .shorts(262, 1).shorts(TiffDirectory.SAMPLES_PER_PIXEL, 1).shorts(TiffDirectory.ROWS_PER_STRIP, 2)
                .shorts(TiffDirectory.GEO_KEY_DIRECTORY, 1, 1, 0, 3, GeoKeys.MODEL_TYPE, 0, 1, 2,
                        GeoKeys.RASTER_TYPE, 0, 1, 1, GeoKeys.GEOGRAPHIC_TYPE, 0, 1, 4326)
                .pixels(px);
    }
}
