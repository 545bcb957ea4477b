package io.tessera.catalog.geotiff;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One image file directory (IFD) of a classic or BigTIFF file: every tag's values, read with
 * positional reads so that opening a file never loads its pixel data. The first one is the image;
 * those after it hold overviews and masks.
 */
final class TiffDirectory {

    static final int NEW_SUBFILE_TYPE = 254;
    static final int IMAGE_WIDTH = 256;
    static final int IMAGE_LENGTH = 257;
    static final int BITS_PER_SAMPLE = 258;
    static final int COMPRESSION = 259;
    static final int PHOTOMETRIC = 262;
    static final int STRIP_OFFSETS = 273;
    static final int SAMPLES_PER_PIXEL = 277;
    static final int ROWS_PER_STRIP = 278;
    static final int STRIP_BYTE_COUNTS = 279;
    static final int PLANAR_CONFIGURATION = 284;
    static final int DATE_TIME = 306;
    static final int PREDICTOR = 317;
    static final int TILE_WIDTH = 322;
    static final int TILE_LENGTH = 323;
    static final int TILE_OFFSETS = 324;
    static final int TILE_BYTE_COUNTS = 325;
    static final int EXTRA_SAMPLES = 338;
    static final int SAMPLE_FORMAT = 339;
    static final int JPEG_TABLES = 347;
    static final int MODEL_PIXEL_SCALE = 33550;
    static final int MODEL_TIEPOINT = 33922;
    static final int MODEL_TRANSFORMATION = 34264;
    static final int GEO_KEY_DIRECTORY = 34735;
    static final int GEO_DOUBLE_PARAMS = 34736;
    static final int GEO_ASCII_PARAMS = 34737;
    static final int GDAL_METADATA = 42112;
    static final int GDAL_NODATA = 42113;

    /** A tag's values: integers, reals or text, whichever its TIFF field type holds. */
    record Field(long[] longs, double[] doubles, String text) {
        double number(int i) {
            return longs != null ? longs[i] : doubles[i];
        }

        int count() {
            return longs != null ? longs.length : doubles != null ? doubles.length : text.length();
        }
    }

    final String file;
    final ByteOrder order;
    final boolean bigTiff;
    final long fileSize;
    /** Where the next directory starts, 0 after the last. */
    final long nextOffset;
    private final Map<Integer, Field> fields;

    private TiffDirectory(String file, ByteOrder order, boolean bigTiff, long fileSize, long nextOffset,
            Map<Integer, Field> fields) {
        this.file = file;
        this.order = order;
        this.bigTiff = bigTiff;
        this.fileSize = fileSize;
        this.nextOffset = nextOffset;
        this.fields = fields;
    }

    /** The first directory: the image itself. */
    static TiffDirectory read(TiffSource ch, String file) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new GeoTiffException(file, "not a TIFF file: only " + size + " bytes");
        }
        ByteBuffer head = readAt(ch, file, size, 0, (int) Math.min(16, size));
        int b0 = head.get(0);
        int b1 = head.get(1);
        ByteOrder order;
        if (b0 == 'I' && b1 == 'I') {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (b0 == 'M' && b1 == 'M') {
            order = ByteOrder.BIG_ENDIAN;
        } else {
            throw new GeoTiffException(file, "not a TIFF file: it does not start with the byte-order mark II or MM");
        }
        head.order(order);
        int magic = head.getShort(2) & 0xFFFF;
        boolean big;
        long ifd;
        if (magic == 42) {
            big = false;
            ifd = head.getInt(4) & 0xFFFFFFFFL;
        } else if (magic == 43) {
            if (size < 16) {
                throw new GeoTiffException(file, "truncated file: BigTIFF header needs 16 bytes, the file has " + size);
            }
            big = true;
            if ((head.getShort(4) & 0xFFFF) != 8) {
                throw new GeoTiffException(file, "unsupported BigTIFF offset size " + head.getShort(4));
            }
            ifd = head.getLong(8);
        } else {
            throw new GeoTiffException(file, "not a TIFF file: magic number " + magic + " is neither 42 (TIFF) nor 43 (BigTIFF)");
        }
        return read(ch, file, order, big, size, ifd);
    }

    /** The directory after this one, if any. */
    TiffDirectory next(TiffSource ch) throws IOException {
        return nextOffset == 0 ? null : read(ch, file, order, bigTiff, fileSize, nextOffset);
    }

    private static TiffDirectory read(TiffSource ch, String file, ByteOrder order, boolean big, long size, long ifd)
            throws IOException {
        int countSize = big ? 8 : 2;
        int entrySize = big ? 20 : 12;
        int valueSize = big ? 8 : 4;
        checkRange(file, size, ifd, countSize, "the image file directory");
        ByteBuffer cb = readAt(ch, file, size, ifd, countSize).order(order);
        long entries = big ? cb.getLong(0) : cb.getShort(0) & 0xFFFF;
        if (entries <= 0 || entries > 65535) {
            throw new GeoTiffException(file, "corrupt image file directory: " + entries + " entries");
        }
        ByteBuffer eb = readAt(ch, file, size, ifd + countSize, (int) (entries * entrySize)).order(order);
        Map<Integer, Field> fields = new HashMap<>();
        for (int e = 0; e < entries; e++) {
            int base = e * entrySize;
            int tag = eb.getShort(base) & 0xFFFF;
            int type = eb.getShort(base + 2) & 0xFFFF;
            long count = big ? eb.getLong(base + 4) : eb.getInt(base + 4) & 0xFFFFFFFFL;
            int width = typeSize(type);
            if (width == 0) {
                continue; // an unknown field type; readers must skip it
            }
            long bytes = count * width;
            if (count < 0 || bytes > Integer.MAX_VALUE) {
                throw new GeoTiffException(file, "corrupt tag " + tag + ": " + count + " values");
            }
            ByteBuffer vb;
            int valuePos = base + 4 + (big ? 8 : 4);
            if (bytes <= valueSize) {
                vb = eb.duplicate().order(order);
                vb.position(valuePos);
                vb = vb.slice().order(order);
            } else {
                long off = big ? eb.getLong(valuePos) : eb.getInt(valuePos) & 0xFFFFFFFFL;
                checkRange(file, size, off, bytes, "the values of tag " + tag);
                vb = readAt(ch, file, size, off, (int) bytes).order(order);
            }
            fields.put(tag, decode(type, (int) count, vb));
        }
        long nextAt = ifd + countSize + entries * entrySize;
        long next = 0;
        if (nextAt + valueSize <= size) {
            ByteBuffer nb = readAt(ch, file, size, nextAt, valueSize).order(order);
            next = big ? nb.getLong(0) : nb.getInt(0) & 0xFFFFFFFFL;
        }
        return new TiffDirectory(file, order, big, size, next, fields);
    }

    private static int typeSize(int type) {
        return switch (type) {
            case 1, 2, 6, 7 -> 1;
            case 3, 8 -> 2;
            case 4, 9, 11, 13 -> 4;
            case 5, 10, 12, 16, 17, 18 -> 8;
            default -> 0;
        };
    }

    private static Field decode(int type, int count, ByteBuffer b) {
        if (type == 2) {
            byte[] raw = new byte[count];
            b.get(0, raw);
            int end = 0;
            while (end < count && raw[end] != 0) {
                end++;
            }
            return new Field(null, null, new String(raw, 0, end, StandardCharsets.ISO_8859_1));
        }
        if (type == 5 || type == 10 || type == 11 || type == 12) {
            double[] d = new double[count];
            for (int i = 0; i < count; i++) {
                d[i] = switch (type) {
                    case 5 -> (double) (b.getInt(8 * i) & 0xFFFFFFFFL) / (b.getInt(8 * i + 4) & 0xFFFFFFFFL);
                    case 10 -> (double) b.getInt(8 * i) / b.getInt(8 * i + 4);
                    case 11 -> b.getFloat(4 * i);
                    default -> b.getDouble(8 * i);
                };
            }
            return new Field(null, d, null);
        }
        long[] l = new long[count];
        for (int i = 0; i < count; i++) {
            l[i] = switch (type) {
                case 1, 7 -> b.get(i) & 0xFF;
                case 6 -> b.get(i);
                case 3 -> b.getShort(2 * i) & 0xFFFF;
                case 8 -> b.getShort(2 * i);
                case 4, 13 -> b.getInt(4 * i) & 0xFFFFFFFFL;
                case 9 -> b.getInt(4 * i);
                default -> b.getLong(8 * i);
            };
        }
        return new Field(l, null, null);
    }

    static void checkRange(String file, long fileSize, long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset + length > fileSize) {
            throw new GeoTiffException(file, "truncated or corrupt file: " + what + " at byte " + offset + " (" + length
                    + " bytes) lies past the end of the file (" + fileSize + " bytes)");
        }
    }

    static ByteBuffer readAt(TiffSource ch, String file, long fileSize, long offset, int length) throws IOException {
        checkRange(file, fileSize, offset, length, "data");
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            int n = ch.read(b, offset + b.position());
            if (n < 0) {
                throw new GeoTiffException(file, "truncated file: unexpected end of file at byte " + (offset + b.position()));
            }
        }
        return b.flip();
    }

    boolean has(int tag) {
        return fields.containsKey(tag);
    }

    Field field(int tag) {
        return fields.get(tag);
    }

    long required(int tag, String name) {
        Field f = fields.get(tag);
        if (f == null || f.count() == 0 || f.text() != null) {
            throw new GeoTiffException(file, "required TIFF tag " + name + " (" + tag + ") is missing");
        }
        return (long) f.number(0);
    }

    long optional(int tag, long fallback) {
        Field f = fields.get(tag);
        return f == null || f.count() == 0 || f.text() != null ? fallback : (long) f.number(0);
    }

    long[] longs(int tag, String name) {
        Field f = fields.get(tag);
        if (f == null || f.longs() == null) {
            throw new GeoTiffException(file, "required TIFF tag " + name + " (" + tag + ") is missing");
        }
        return f.longs();
    }

    double[] doubles(int tag) {
        Field f = fields.get(tag);
        if (f == null || f.text() != null) {
            return null;
        }
        if (f.doubles() != null) {
            return f.doubles();
        }
        double[] d = new double[f.longs().length];
        for (int i = 0; i < d.length; i++) {
            d[i] = f.longs()[i];
        }
        return d;
    }

    /** The raw bytes of an UNDEFINED or BYTE tag such as JPEGTables, or null. */
    byte[] bytes(int tag) {
        Field f = fields.get(tag);
        if (f == null || f.longs() == null) {
            return null;
        }
        byte[] b = new byte[f.longs().length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) f.longs()[i];
        }
        return b;
    }

    String text(int tag) {
        Field f = fields.get(tag);
        return f == null ? null : f.text();
    }
}
