package io.tessera.catalog.geotiff;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.tukaani.xz.XZInputStream;

/**
 * TIFF segment decompression (none, LZW, deflate, PackBits, ZSTD, LZMA; JPEG is {@link JpegSegments})
 * and predictor reversal.
 */
final class Codecs {

    static final int NONE = 1;
    static final int LZW = 5;
    static final int JPEG_OLD = 6;
    static final int JPEG = 7;
    static final int DEFLATE = 8;
    static final int PACKBITS = 32773;
    static final int DEFLATE_OLD = 32946;
    static final int ZSTD = 50000;
    static final int LZMA = 34925;

    private Codecs() {
    }

    static boolean supported(int compression) {
        return compression == NONE || compression == LZW || compression == DEFLATE || compression == DEFLATE_OLD
                || compression == PACKBITS || compression == ZSTD || compression == LZMA || compression == JPEG;
    }

    static String name(int compression) {
        return switch (compression) {
            case NONE -> "none";
            case 2 -> "CCITT RLE";
            case 3 -> "CCITT Group 3";
            case 4 -> "CCITT Group 4";
            case LZW -> "LZW";
            case JPEG_OLD -> "old-style JPEG";
            case JPEG -> "JPEG";
            case DEFLATE, DEFLATE_OLD -> "deflate";
            case 34887 -> "LERC";
            case LZMA -> "LZMA";
            case ZSTD -> "ZSTD";
            case 50001 -> "WebP";
            case PACKBITS -> "PackBits";
            default -> "code " + compression;
        };
    }

    /**
     * Decompresses one segment into exactly {@code size} bytes; data the segment lacks stays zero,
     * as libtiff leaves it, so a short final strip still decodes.
     */
    static byte[] decompress(int compression, byte[] in, int size, String file) {
        switch (compression) {
            case NONE:
                return in.length == size ? in : java.util.Arrays.copyOf(in, size);
            case DEFLATE:
            case DEFLATE_OLD:
                return inflate(in, size, file);
            case LZW:
                return lzw(in, size, file);
            case PACKBITS:
                return packBits(in, size);
            case ZSTD:
                return zstd(in, size, file);
            case LZMA:
                return lzma(in, size, file);
            default:
                throw new GeoTiffException(file, "unsupported compression " + name(compression));
        }
    }

    /** One ZSTD frame per segment, as libtiff writes it (GDAL's {@code COMPRESS=ZSTD}). */
    private static byte[] zstd(byte[] in, int size, String file) {
        byte[] out = new byte[size];
        try {
            Zstd.decompressByteArray(out, 0, size, in, 0, in.length);
        } catch (ZstdException e) {
            throw new GeoTiffException(file, "corrupt ZSTD data: " + e.getMessage(), e);
        }
        return out;
    }

    /** One xz stream per segment, as libtiff's LZMA codec writes it (GDAL's {@code COMPRESS=LZMA}). */
    private static byte[] lzma(byte[] in, int size, String file) {
        byte[] out = new byte[size];
        try (XZInputStream xz = new XZInputStream(new ByteArrayInputStream(in))) {
            int n = 0;
            while (n < size) {
                int r = xz.read(out, n, size - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            throw new GeoTiffException(file, "corrupt LZMA data: " + e.getMessage(), e);
        }
        return out;
    }

    private static byte[] inflate(byte[] in, int size, String file) {
        byte[] out = new byte[size];
        Inflater inf = new Inflater();
        try {
            inf.setInput(in);
            int n = 0;
            while (n < size && !inf.finished()) {
                int r = inf.inflate(out, n, size - n);
                if (r == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += r;
            }
            return out;
        } catch (DataFormatException e) {
            throw new GeoTiffException(file, "corrupt deflate data: " + e.getMessage(), e);
        } finally {
            inf.end();
        }
    }

    private static byte[] packBits(byte[] in, int size) {
        byte[] out = new byte[size];
        int i = 0;
        int o = 0;
        while (i < in.length && o < size) {
            int n = in[i++];
            if (n >= 0) {
                int len = Math.min(n + 1, Math.min(size - o, in.length - i));
                System.arraycopy(in, i, out, o, len);
                i += n + 1;
                o += len;
            } else if (n != -128 && i < in.length) {
                byte v = in[i++];
                int len = Math.min(1 - n, size - o);
                java.util.Arrays.fill(out, o, o + len, v);
                o += len;
            }
        }
        return out;
    }

    /** TIFF LZW: MSB-first codes of 9 to 12 bits, with the code width growing one code early. */
    private static byte[] lzw(byte[] in, int size, String file) {
        byte[] out = new byte[size];
        int[] prefix = new int[4096];
        byte[] suffix = new byte[4096];
        byte[] first = new byte[4096];
        int[] length = new int[4096];
        for (int c = 0; c < 256; c++) {
            suffix[c] = (byte) c;
            first[c] = (byte) c;
            length[c] = 1;
        }
        int next = 258;
        int width = 9;
        int old = -1;
        long bitBuf = 0;
        int bits = 0;
        int pos = 0;
        int o = 0;
        byte[] stack = new byte[4096];
        while (o < size) {
            while (bits < width && pos < in.length) {
                bitBuf = (bitBuf << 8) | (in[pos++] & 0xFF);
                bits += 8;
            }
            if (bits < width) {
                break;
            }
            int code = (int) ((bitBuf >>> (bits - width)) & ((1 << width) - 1));
            bits -= width;
            if (code == 257) {
                break;
            }
            if (code == 256) {
                next = 258;
                width = 9;
                old = -1;
                continue;
            }
            int emit;
            if (old == -1) {
                if (code > 255) {
                    throw new GeoTiffException(file, "corrupt LZW data: code " + code + " after a clear code");
                }
                emit = code;
            } else if (code < next) {
                emit = code;
                if (next < 4096) {
                    prefix[next] = old;
                    suffix[next] = first[code];
                    first[next] = first[old];
                    length[next] = length[old] + 1;
                    next++;
                }
            } else if (code == next && next < 4096) {
                prefix[next] = old;
                suffix[next] = first[old];
                first[next] = first[old];
                length[next] = length[old] + 1;
                next++;
                emit = code;
            } else {
                throw new GeoTiffException(file, "corrupt LZW data: code " + code + " beyond the table (" + next + ")");
            }
            int len = length[emit];
            int c = emit;
            for (int k = len - 1; k >= 0; k--) {
                stack[k] = suffix[c];
                c = prefix[c];
            }
            int copy = Math.min(len, size - o);
            System.arraycopy(stack, 0, out, o, copy);
            o += copy;
            old = emit;
            if (next + 1 >= (1 << width) && width < 12) {
                width++;
            }
        }
        return out;
    }

    /**
     * Undoes horizontal differencing (predictor 2) in place: each sample of a row is stored as the
     * difference from the same component of the pixel before it.
     */
    static void undoHorizontal(byte[] data, int rows, int rowSamples, int stride, int bytesPerSample, boolean littleEndian) {
        int fullRows = Math.min(rows, data.length / (rowSamples * bytesPerSample));
        ByteBuffer b = ByteBuffer.wrap(data).order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        switch (bytesPerSample) {
            case 1 -> {
                for (int r = 0; r < fullRows; r++) {
                    for (int i = r * rowSamples + stride, end = (r + 1) * rowSamples; i < end; i++) {
                        data[i] += data[i - stride];
                    }
                }
            }
            case 2 -> {
                ShortBuffer v = b.asShortBuffer();
                for (int r = 0; r < fullRows; r++) {
                    for (int i = r * rowSamples + stride, end = (r + 1) * rowSamples; i < end; i++) {
                        v.put(i, (short) (v.get(i) + v.get(i - stride)));
                    }
                }
            }
            case 4 -> {
                IntBuffer v = b.asIntBuffer();
                for (int r = 0; r < fullRows; r++) {
                    for (int i = r * rowSamples + stride, end = (r + 1) * rowSamples; i < end; i++) {
                        v.put(i, v.get(i) + v.get(i - stride));
                    }
                }
            }
            case 8 -> {
                LongBuffer v = b.asLongBuffer();
                for (int r = 0; r < fullRows; r++) {
                    for (int i = r * rowSamples + stride, end = (r + 1) * rowSamples; i < end; i++) {
                        v.put(i, v.get(i) + v.get(i - stride));
                    }
                }
            }
            default -> throw new IllegalArgumentException("horizontal predictor on " + bytesPerSample + "-byte samples");
        }
    }

    /**
     * Undoes the floating-point predictor (3): each row holds the samples' bytes split into planes
     * (most significant first) and byte-differenced with the pixel stride; the result is in the
     * file's byte order.
     */
    static void undoFloatingPoint(byte[] data, int rows, int rowSamples, int stride, int bytesPerSample, boolean littleEndian) {
        int rowBytes = rowSamples * bytesPerSample;
        byte[] tmp = new byte[rowBytes];
        for (int r = 0; r < rows; r++) {
            int base = r * rowBytes;
            if (base + rowBytes > data.length) {
                return;
            }
            if (stride == 1) {
                // One sample per pixel: a running byte sum, without re-reading the previous byte.
                byte acc = data[base];
                for (int i = base + 1, end = base + rowBytes; i < end; i++) {
                    acc += data[i];
                    data[i] = acc;
                }
            } else {
                for (int i = stride; i < rowBytes; i++) {
                    data[base + i] = (byte) (data[base + i] + data[base + i - stride]);
                }
            }
            System.arraycopy(data, base, tmp, 0, rowBytes);
            // The row holds byte planes, most significant first; put each sample's bytes back together.
            for (int b = 0; b < bytesPerSample; b++) {
                int plane = littleEndian ? bytesPerSample - 1 - b : b;
                int from = plane * rowSamples;
                for (int s = 0, to = base + b; s < rowSamples; s++, to += bytesPerSample) {
                    data[to] = tmp[from + s];
                }
            }
        }
    }
}
