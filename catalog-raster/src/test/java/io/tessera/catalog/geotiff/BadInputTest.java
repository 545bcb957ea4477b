package io.tessera.catalog.geotiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad inputs fail with a {@link GeoTiffException} naming the file and the reason. */
class BadInputTest {

    @TempDir
    Path dir;

    private static GeoTiffException fails(Path file, String... reasonParts) {
        GeoTiffException e = assertThrows(GeoTiffException.class, () -> {
            try (GeoTiff tiff = GeoTiff.open(file)) {
                tiff.read();
            }
        });
        String m = e.getMessage();
        assertTrue(m.startsWith(file.toString() + ": "), m);
        for (String part : reasonParts) {
            assertTrue(m.contains(part), "'" + m + "' should mention '" + part + "'");
        }
        return e;
    }

    @Test
    void notATiff() throws IOException {
        Path f = dir.resolve("readme.tif");
        Files.writeString(f, "# Not an image\nJust some text.\n", StandardCharsets.UTF_8);
        fails(f, "not a TIFF");
    }

    @Test
    void wrongMagicNumber() throws IOException {
        Path f = dir.resolve("magic.tif");
        Files.write(f, new byte[] {'I', 'I', 7, 0, 8, 0, 0, 0, 0, 0});
        fails(f, "not a TIFF", "magic number 7");
    }

    @Test
    void tinyFile() throws IOException {
        Path f = dir.resolve("tiny.tif");
        Files.write(f, new byte[] {'I', 'I', 42});
        fails(f, "not a TIFF");
    }

    @Test
    void emptyFile() throws IOException {
        Path f = dir.resolve("empty.tif");
        Files.write(f, new byte[0]);
        fails(f, "not a TIFF");
    }

    @Test
    void missingFile() {
        fails(dir.resolve("absent.tif"), "no such file");
    }

    @Test
    void truncatedPixelData() throws IOException {
        // elevation.tif keeps its directory at the front, so cutting the end leaves a readable header
        // whose strips point past the end of the file.
        byte[] all = Files.readAllBytes(Resources.path("real/elevation.tif"));
        Path f = dir.resolve("truncated.tif");
        Files.write(f, Arrays.copyOf(all, all.length / 2));
        fails(f, "truncated");
    }

    @Test
    void truncatedHeader() throws IOException {
        byte[] all = Files.readAllBytes(Resources.path("real/test-time-tag.tif"));
        for (int n : new int[] {8, 12, 40, 200}) {
            Path f = dir.resolve("head-" + n + ".tif");
            Files.write(f, Arrays.copyOf(all, n));
            fails(f, "truncated");
        }
    }

    @Test
    void truncatedBigTiff() throws IOException {
        byte[] all = Files.readAllBytes(Resources.path("variants/uint8-bigtiff-tiled-deflate.tif"));
        Path f = dir.resolve("big.tif");
        Files.write(f, Arrays.copyOf(all, 12));
        fails(f, "truncated");
    }

    @Test
    void lercCompression() {
        fails(Resources.path("bad-lerc.tif"), "unsupported compression LERC", "JPEG, ZSTD, LZMA");
    }

    @Test
    void unresolvableCrs() {
        fails(Resources.path("bad-laborde.tif"), "cannot resolve the CRS", "ProjCoordTransGeoKey 4", "Laborde", "--src-crs");
    }

    @Test
    void rotatedRaster() {
        fails(Resources.path("bad-rotated.tif"), "rotated rasters are not supported");
    }

    @Test
    void windowReadsDecodeOnlyTheStripsTheyTouch() throws IOException {
        Path f = dir.resolve("corrupt-tail.tif");
        Files.copy(Resources.path("real/elevation.tif"), f);
        long lastStrip;
        int lastCount;
        try (TiffSource source = TiffSource.of(f)) {
            TiffDirectory d = TiffDirectory.read(source, f.toString());
            long[] offsets = d.longs(TiffDirectory.STRIP_OFFSETS, "StripOffsets");
            long[] counts = d.longs(TiffDirectory.STRIP_BYTE_COUNTS, "StripByteCounts");
            lastStrip = offsets[offsets.length - 1];
            lastCount = (int) counts[counts.length - 1];
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            byte[] junk = new byte[lastCount];
            Arrays.fill(junk, (byte) 0xFF);
            ch.write(ByteBuffer.wrap(junk), lastStrip);
        }
        try (GeoTiff tiff = GeoTiff.open(f)) {
            // Strip 0 is intact: GDAL's value at (17, 23) is in strip 4, (0, 0) in strip 0.
            assertEquals(91.7794418334961, tiff.readWindow(0, 0, 10, 10).band(0).getDouble(0, 0), 1e-6);
            assertEquals(90.6445922851562, tiff.readWindow(17, 23, 1, 1).band(0).getDouble(0, 0), 1e-6);
        }
        fails(f, "corrupt deflate data");
    }

    @Test
    void corruptZstdDataNamesTheFile() throws IOException {
        Path f = dir.resolve("corrupt-zstd.tif");
        Files.copy(Resources.path("variants/float32-strip-zstd-pred3.tif"), f);
        long first;
        try (TiffSource source = TiffSource.of(f)) {
            first = TiffDirectory.read(source, f.toString()).longs(TiffDirectory.STRIP_OFFSETS, "StripOffsets")[0];
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            // The frame's magic number gone, as a bad sector would take it.
            ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), first);
        }
        fails(f, "corrupt ZSTD data");
    }

    @Test
    void windowOutsideTheImage() {
        try (GeoTiff tiff = GeoTiff.open(Resources.path("real/test-time-tag.tif"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiff.readWindow(20, 20, 11, 5));
            assertTrue(e.getMessage().contains("test-time-tag.tif"), e.getMessage());
        }
    }
}
