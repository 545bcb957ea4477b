package io.tessera.catalog.geotiff;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.CellType.DataType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes GeoTIFFs that GDAL and {@link GeoTiff} read: little-endian, tiled, deflate-compressed with
 * the TIFF predictor that suits the cell type, pixel-interleaved, georeferenced by pixel scale and
 * tie point (PixelIsArea) and GeoKeys, with the cell type's NoData in GDAL's NoData tag.
 *
 * <p>Writing streams: the pixels come from a {@link WindowSource}, one call per TIFF tile, and at
 * most a few tiles per thread are held in memory whatever the image size. Tiles are read and
 * compressed on a bounded pool of threads and written in order. The file is written under a
 * temporary name in the same directory and renamed when complete, so a failed write leaves no
 * file (and an existing file of that name untouched). A file that could exceed 4 GiB is written as
 * BigTIFF.
 *
 * <p>Cell types map to TIFF samples as GDAL maps them: {@code int8} as signed bytes (SampleFormat 2),
 * {@code float32}/{@code float64} as IEEE floats (SampleFormat 3), the other integers as themselves;
 * {@code bool} as single-band 1-bit samples without NoData. {@code raw} cell types get no NoData tag.
 * Three {@code uint8} bands are marked RGB, as GDAL does; otherwise every band is a grey band (extra
 * bands marked as unspecified extra samples).
 */
public final class GeoTiffWriter {

    /** Pixels of the image to write, asked for one TIFF tile at a time. */
    @FunctionalInterface
    public interface WindowSource {
        /**
         * The pixels of a window of the image, as a tile of exactly {@code cols × rows} with the
         * spec's band count and cell data type. A window on the right or bottom edge is clipped to
         * the image, so it may be smaller than a TIFF tile. Each window is asked for once, from
         * writer threads, several at a time unless the write runs on one thread: the source must be
         * safe to call concurrently.
         */
        MultibandTile read(int col, int row, int cols, int rows);
    }

    private static final int COMPRESSION_DEFLATE = 8;
    private static final int PHOTOMETRIC_MIN_IS_BLACK = 1;
    private static final int PHOTOMETRIC_RGB = 2;
    private static final int PHOTOMETRIC_TAG = 262;
    private static final int EXTRA_SAMPLES_TAG = 338;
    private static final int DEFLATE_LEVEL = 6;
    /** Tiles queued per thread: enough to keep every thread busy while the writer catches up. */
    private static final int TILES_IN_FLIGHT_PER_THREAD = 2;
    private static final long CLASSIC_TIFF_LIMIT = 1L << 32;
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    private GeoTiffWriter() {
    }

    /**
     * Writes a GeoTIFF from a window source on as many threads as there are processors.
     *
     * @throws IllegalArgumentException when the CRS cannot be written as GeoKeys (before any file is made)
     * @throws GeoTiffException naming the file when writing fails or the source fails or returns a
     *     window that does not fit the spec; the file is then not created
     */
    public static void write(Path file, GeoTiffSpec spec, WindowSource source) {
        write(file, spec, source, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Writes a GeoTIFF from a window source, reading and compressing tiles on {@code threads}
     * threads; with one thread the source is called one window at a time.
     *
     * @throws IllegalArgumentException when the CRS cannot be written as GeoKeys or threads is not positive
     * @throws GeoTiffException naming the file when writing or the source fails
     */
    public static void write(Path file, GeoTiffSpec spec, WindowSource source, int threads) {
        // The predictor made every measured raster smaller (float DEMs about 12%, a Landsat band 4%,
        // an aerial photo 33%, a smooth float surface 50%) and costs little time, except up to
        // twice the deflate time on 8-bit imagery; GDAL reads predictors 2 and 3.
        write(file, spec, source, threads, Predictor.forType(spec.cellType().dataType()), needsBigTiff(spec));
    }

    /**
     * Writes a whole raster held in memory, in {@link GeoTiffSpec#DEFAULT_TILE_SIZE} tiles, with the
     * cell type of its first band.
     *
     * @throws IllegalArgumentException when the CRS cannot be written as GeoKeys
     * @throws GeoTiffException naming the file when writing fails
     */
    public static void write(Path file, MultibandTile raster, Extent extent, CRS crs) {
        GeoTiffSpec spec = GeoTiffSpec.of(raster.cols(), raster.rows(), raster.bandCount(), raster.cellType(), extent,
                crs);
        write(file, spec, (col, row, cols, rows) -> window(raster, col, row, cols, rows));
    }

    /** The writer with every choice explicit, for tests of BigTIFF and predictor variants. */
    static void write(Path file, GeoTiffSpec spec, WindowSource source, int threads, Predictor predictor,
            boolean bigTiff) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        GeoKeyEncoder.Encoded geoKeys = GeoKeyEncoder.encode(spec.crs());
        TiffHeader header = header(spec, geoKeys, predictor, bigTiff);
        byte[] head = header.bytes();
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "geotiff-writer-" + THREAD_IDS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(ch, ByteBuffer.wrap(head), 0);
                writeTiles(ch, head.length, header, spec, source, new TileEncoder(spec, predictor, DEFLATE_LEVEL), pool,
                        threads * TILES_IN_FLIGHT_PER_THREAD, file);
                ch.force(false);
            }
            move(temp, target);
            done = true;
        } catch (IOException e) {
            throw new GeoTiffException(file.toString(), "cannot write: " + e, e);
        } finally {
            pool.shutdownNow();
            if (!done) {
                deleteQuietly(temp);
            }
        }
    }

    /** Whether a classic TIFF's 32-bit offsets might not reach the end of the file. */
    static boolean needsBigTiff(GeoTiffSpec spec) {
        long tiles = (long) spec.tilesAcross() * spec.tilesDown();
        long raw = new TileEncoder(spec, Predictor.NONE, DEFLATE_LEVEL).rawTileBytes();
        // Deflate never grows data by more than a few bytes per 16 KiB block, far under this margin.
        long worstTile = raw + raw / 1000 + 64;
        long headerBound = 64 * 1024 + tiles * 8;
        return headerBound + tiles * worstTile >= CLASSIC_TIFF_LIMIT;
    }

    private static TiffHeader header(GeoTiffSpec spec, GeoKeyEncoder.Encoded geoKeys, Predictor predictor,
            boolean bigTiff) {
        DataType type = spec.cellType().dataType();
        int spp = spec.bandCount();
        int tiles = Math.multiplyExact(spec.tilesAcross(), spec.tilesDown());
        TiffHeader h = new TiffHeader(bigTiff);
        h.longs(TiffDirectory.IMAGE_WIDTH, spec.cols());
        h.longs(TiffDirectory.IMAGE_LENGTH, spec.rows());
        h.shorts(TiffDirectory.BITS_PER_SAMPLE, repeat(type.bits(), spp));
        h.shorts(TiffDirectory.COMPRESSION, COMPRESSION_DEFLATE);
        boolean rgb = spp == 3 && type == DataType.UINT8;
        h.shorts(PHOTOMETRIC_TAG, rgb ? PHOTOMETRIC_RGB : PHOTOMETRIC_MIN_IS_BLACK);
        h.shorts(TiffDirectory.SAMPLES_PER_PIXEL, spp);
        h.shorts(TiffDirectory.PLANAR_CONFIGURATION, 1);
        if (predictor != Predictor.NONE) {
            h.shorts(TiffDirectory.PREDICTOR, predictor.tag());
        }
        h.longs(TiffDirectory.TILE_WIDTH, spec.tileSize());
        h.longs(TiffDirectory.TILE_LENGTH, spec.tileSize());
        h.reserveOffsets(TiffDirectory.TILE_OFFSETS, tiles);
        h.reserveOffsets(TiffDirectory.TILE_BYTE_COUNTS, tiles);
        if (!rgb && spp > 1) {
            // Samples beyond the one grey sample must be declared extra; 0 says "unspecified", not alpha.
            h.shorts(EXTRA_SAMPLES_TAG, new int[spp - 1]);
        }
        h.shorts(TiffDirectory.SAMPLE_FORMAT, repeat(sampleFormat(type), spp));
        Extent e = spec.extent();
        h.doubles(TiffDirectory.MODEL_PIXEL_SCALE, e.width() / spec.cols(), e.height() / spec.rows(), 0);
        h.doubles(TiffDirectory.MODEL_TIEPOINT, 0, 0, 0, e.xmin(), e.ymax(), 0);
        h.shorts(TiffDirectory.GEO_KEY_DIRECTORY, geoKeys.directory());
        if (geoKeys.doubles().length > 0) {
            h.doubles(TiffDirectory.GEO_DOUBLE_PARAMS, geoKeys.doubles());
        }
        if (spec.cellType().hasNoData()) {
            h.ascii(TiffDirectory.GDAL_NODATA, noDataText(spec.cellType()));
        }
        return h;
    }

    private static int sampleFormat(DataType type) {
        if (type.isFloatingPoint()) {
            return 3;
        }
        return type == DataType.INT8 || type == DataType.INT16 || type == DataType.INT32 ? 2 : 1;
    }

    /** The NoData value as GDAL writes and parses it: integers without a fraction, NaN as {@code nan}. */
    static String noDataText(CellType cellType) {
        double v = cellType.noDataValue();
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        // Double.toString is the shortest text that parses back to the same double.
        return Double.toString(v);
    }

    private static int[] repeat(int value, int count) {
        int[] a = new int[count];
        Arrays.fill(a, value);
        return a;
    }

    private static void writeTiles(FileChannel ch, long start, TiffHeader header, GeoTiffSpec spec, WindowSource source,
            TileEncoder encoder, ExecutorService pool, int maxInFlight, Path file) throws IOException {
        int across = spec.tilesAcross();
        int tiles = across * spec.tilesDown();
        long[] offsets = new long[tiles];
        long[] counts = new long[tiles];
        ArrayDeque<Future<byte[]>> inFlight = new ArrayDeque<>();
        int next = 0;
        long pos = start;
        for (int i = 0; i < tiles; i++) {
            while (next < tiles && inFlight.size() < maxInFlight) {
                int index = next++;
                int col = index % across * spec.tileSize();
                int row = index / across * spec.tileSize();
                int cols = Math.min(spec.tileSize(), spec.cols() - col);
                int rows = Math.min(spec.tileSize(), spec.rows() - row);
                inFlight.add(pool.submit(() -> encoder.encode(read(source, col, row, cols, rows))));
            }
            byte[] data = await(inFlight.remove(), i, across, spec.tileSize(), file);
            offsets[i] = pos;
            counts[i] = data.length;
            writeFully(ch, ByteBuffer.wrap(data), pos);
            pos += data.length;
        }
        writeFully(ch, offsetBytes(offsets, header.offsetSize()), header.position(TiffDirectory.TILE_OFFSETS));
        writeFully(ch, offsetBytes(counts, header.offsetSize()), header.position(TiffDirectory.TILE_BYTE_COUNTS));
    }

    private static MultibandTile read(WindowSource source, int col, int row, int cols, int rows) {
        MultibandTile window = source.read(col, row, cols, rows);
        if (window == null) {
            throw new IllegalStateException("the window source returned null");
        }
        if (window.cols() != cols || window.rows() != rows) {
            throw new IllegalStateException("the window source returned " + window.cols() + "x" + window.rows()
                    + " pixels for a " + cols + "x" + rows + " window");
        }
        return window;
    }

    private static byte[] await(Future<byte[]> tile, int index, int across, int tileSize, Path file) {
        try {
            return tile.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GeoTiffException(file.toString(), "interrupted while writing", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Error err) {
                throw err;
            }
            int col = index % across * tileSize;
            int row = index / across * tileSize;
            throw new GeoTiffException(file.toString(), "cannot write the tile at pixel (" + col + "," + row + "): "
                    + cause.getMessage(), cause);
        }
    }

    private static ByteBuffer offsetBytes(long[] values, int size) {
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            if (size == 8) {
                b.putLong(v);
            } else {
                b.putInt((int) v);
            }
        }
        return b.flip();
    }

    private static void writeFully(FileChannel ch, ByteBuffer data, long position) throws IOException {
        long at = position;
        while (data.hasRemaining()) {
            at += ch.write(data, at);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The write has already failed; that failure is the one to report.
        }
    }

    /** A copy of a window of a raster, each band keeping its own cell type. */
    private static MultibandTile window(MultibandTile raster, int col, int row, int cols, int rows) {
        List<Tile> bands = new ArrayList<>(raster.bandCount());
        for (Tile band : raster.bands()) {
            ArrayTile w = ArrayTile.empty(band.cellType(), cols, rows);
            for (int r = 0; r < rows; r++) {
                int src = (row + r) * band.cols() + col;
                for (int c = 0; c < cols; c++) {
                    w.setRawBits(r * cols + c, band.rawBits(src + c));
                }
            }
            bands.add(w);
        }
        return MultibandTile.of(bands);
    }
}
