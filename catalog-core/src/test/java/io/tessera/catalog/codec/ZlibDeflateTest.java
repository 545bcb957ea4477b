package io.tessera.catalog.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** Which zlib stream each level makes, and that level 1 skips the match search only where it cannot pay. */
class ZlibDeflateTest {

    @Test
    void noisyFloatsAtLevelOneAreHuffmanCodedOnlyAndComeOutNoLarger() {
        byte[] record = floats(0, Float.NaN);
        byte[] ours = Zlib.deflate(record, 0, record.length, 1);
        assertArrayEquals(zlib(record, 1, Deflater.HUFFMAN_ONLY), ours);
        assertTrue(ours.length <= zlib(record, 1, Deflater.DEFAULT_STRATEGY).length, "larger than zlib's level 1");
        assertArrayEquals(record, inflate(ours));
    }

    @Test
    void recordsWithRepeatsAtLevelOneAreZlibsLevelOne() {
        byte[] bands = new byte[3 * 65536];
        Random random = new Random(5);
        for (int i = 0; i < bands.length; i++) {
            bands[i] = (byte) (128 + 90 * Math.sin(i % 256 / 50.0) * Math.cos(i / 256 / 70.0) + random.nextInt(7) - 3);
        }
        // noisy floats behind a NoData border in the first fifth, or quantised to whole numbers
        byte[] bordered = floats(0.2, Float.NaN);
        byte[] whole = floats(0, 0);
        ByteBuffer rounded = ByteBuffer.wrap(whole).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < whole.length; i += 4) {
            rounded.putFloat(i, Math.round(rounded.getFloat(i) / 10) * 10f);
        }
        for (byte[] record : new byte[][] {bands, bordered, whole}) {
            byte[] ours = Zlib.deflate(record, 0, record.length, 1);
            assertArrayEquals(zlib(record, 1, Deflater.DEFAULT_STRATEGY), ours);
            assertArrayEquals(record, inflate(ours));
        }
    }

    @Test
    void everyOtherLevelIsZlibsOwnStreamEvenWithDeflatersReused() {
        byte[] noisy = floats(0, Float.NaN);
        byte[] text = "a layer's tiles, a layer's attributes; ".repeat(2000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int pass = 0; pass < 2; pass++) {
            for (byte[] record : new byte[][] {noisy, text, new byte[0], new byte[] {42}}) {
                for (int level : new int[] {0, 2, 6, 9, Deflater.DEFAULT_COMPRESSION}) {
                    assertArrayEquals(zlib(record, level, Deflater.DEFAULT_STRATEGY),
                            Zlib.deflate(record, 0, record.length, level), "level " + level);
                }
                assertArrayEquals(record, inflate(Zlib.deflate(record, 0, record.length, 1)));
            }
        }
        byte[] slice = Arrays.copyOfRange(noisy, 1000, 100_000);
        assertArrayEquals(zlib(slice, 1, Deflater.HUFFMAN_ONLY), Zlib.deflate(noisy, 1000, 99_000, 1));
    }

    @Test
    void smallRecordsAreNeverProbed() {
        byte[] small = Arrays.copyOf(floats(0, Float.NaN), 4000);
        assertFalse(RepeatProbe.rarelyRepeats(small, 0, small.length));
        byte[] mid = Arrays.copyOf(floats(0, Float.NaN), 40_000);
        assertTrue(RepeatProbe.rarelyRepeats(mid, 0, mid.length));
    }

    /** A 256 × 256 float32 record's cells: a smooth surface with noise, {@code border} of its rows set to {@code fill}. */
    private static byte[] floats(double border, float fill) {
        ByteBuffer cells = ByteBuffer.allocate(4 * 65536).order(ByteOrder.LITTLE_ENDIAN);
        Random random = new Random(6);
        for (int i = 0; i < 65536; i++) {
            int x = i % 256;
            int y = i / 256;
            cells.putFloat(y < border * 256 ? fill
                    : (float) (1000 + 500 * Math.sin(x / 97.0) * Math.cos(y / 131.0) + random.nextGaussian()));
        }
        return cells.array();
    }

    private static byte[] zlib(byte[] data, int level, int strategy) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setStrategy(strategy);
            deflater.setInput(data);
            deflater.finish();
            byte[] out = new byte[data.length + 1024];
            int n = 0;
            while (!deflater.finished()) {
                n += deflater.deflate(out, n, out.length - n);
            }
            return Arrays.copyOf(out, n);
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] stream) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stream);
            byte[] out = new byte[1 << 20];
            int n = inflater.inflate(out);
            assertTrue(inflater.finished(), "stream did not end");
            return Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
    }
}
