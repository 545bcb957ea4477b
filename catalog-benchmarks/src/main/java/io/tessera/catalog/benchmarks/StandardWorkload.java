package io.tessera.catalog.benchmarks;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.codec.TileRecordCodec;
import io.tessera.catalog.codec.ValueClass;
import io.tessera.catalog.codec.Zlib;
import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.query.LayerQuery;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.FloatArrayTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import io.tessera.catalog.raster.UByteArrayTile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The standard workload users compare catalogs by (issue 17): an N×N layer of 256×256 tiles in the
 * Web Mercator zoomed layout at zoom ceil(log2 N), z-order index, as float32 × 1 band and as
 * uint8 × 3 bands, written, read whole, queried by the extent of its central tenth, and read one
 * tile at a time, against any catalog URI.
 *
 * <p>Each figure comes with its <em>limit</em>, measured on the same records right after the step in
 * every round: a write cannot beat deflating every record on all cores, a read cannot beat inflating
 * and decoding them on all cores, one {@code readValue} cannot beat inflating and decoding its record.
 * A catalog at its limit spends nothing on IO, indexing or bookkeeping that the codec does not hide.
 * "Of limit" is the median over rounds of limit ÷ step. On a file catalog the write is also held
 * against its <em>floor</em>: the same tiles encoded as records and each written durably to a new
 * file of its own on all cores by a plain loop, beside the catalog's directory — what turning these
 * tiles into files on this disk costs at the least, which the deflate limit leaves out — and the
 * whole-layer read against those files read back and decoded by a plain loop.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.tessera.catalog.benchmarks.StandardWorkload URI
 * [--n 32] [--rounds 3] [--variant float32|uint8x3]... [--compression-level 6] [--parallelism N]}. Prints one JSON object per
 * step, then a table. At another compression level than GeoTrellis's 6, the layer is written at it and
 * the limits are those of records deflated at it.
 */
public final class StandardWorkload {

    private static final int TILE = 256;
    /** Point reads made before the timed ones, to warm caches and the JIT. */
    public static final int WARM_UP_READS = 100;
    /** Point reads timed. */
    public static final int TIMED_READS = 1000;

    private final String uri;
    private final Map<String, String> options;
    private final int n;
    private final int rounds;
    private final int level;
    private final Optional<Path> floor;
    private final List<Map<String, Object>> results = new ArrayList<>();

    private StandardWorkload(String uri, Map<String, String> options, int n, int rounds, int level) {
        this.uri = uri;
        this.options = options;
        this.n = n;
        this.rounds = rounds;
        this.level = level;
        this.floor = localDirectory(uri).map(root -> root.resolveSibling(root.getFileName() + "-floor"));
    }

    /** The directory of a file catalog's URI or path; empty for any other catalog. */
    private static Optional<Path> localDirectory(String uri) {
        if (uri.startsWith("file:")) {
            return Optional.of(Path.of(URI.create(uri)));
        }
        return uri.contains("://") ? Optional.empty() : Optional.of(Path.of(uri));
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: StandardWorkload URI [--n 32] [--rounds 3] [--variant float32|uint8x3]..."
                    + " [--compression-level 6] [--parallelism N]");
            System.exit(2);
        }
        int n = 32;
        int rounds = 3;
        int level = Zlib.GEOTRELLIS_LEVEL;
        Map<String, String> options = new LinkedHashMap<>();
        List<Variant> variants = new ArrayList<>();
        for (int i = 1; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--n" -> n = Integer.parseInt(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--variant" -> variants.add(Variant.valueOf(value.toUpperCase(Locale.ROOT)));
                case "--compression-level" -> level = Integer.parseInt(value);
                case "--parallelism" -> options.put(Catalog.PARALLELISM, value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (variants.isEmpty()) {
            variants = List.of(Variant.values());
        }
        StandardWorkload workload = new StandardWorkload(args[0], options, n, rounds, level);
        System.out.printf("# %s, %d cores, %s, %s, compression level %d, options %s%n",
                System.getProperty("java.vm.name"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), args[0], level, options);
        for (Variant variant : variants) {
            workload.run(variant);
        }
        workload.printTable();
    }

    /** The two tile kinds of the workload. */
    public enum Variant {
        /** One band of float32 cells. */
        FLOAT32,
        /** Three bands of uint8 cells. */
        UINT8X3;

        /** The variant's name in the workload's output. */
        public String label() {
            return this == FLOAT32 ? "float32" : "uint8x3";
        }
    }

    private void run(Variant variant) {
        int zoom = zoomOf(n);
        TileLayer<SpatialKey> layer = layer(variant, n);
        // the records Catalog.write makes by default, one band or three
        TileRecordCodec<SpatialKey> codec = TileRecordCodec.forLayer(SpatialKey.class, ValueClass.MULTIBAND_TILE);
        List<KeyedTile<SpatialKey>> tiles = layer.tiles();
        List<byte[]> raw = new ArrayList<>(tiles.size());
        List<byte[]> stored = new ArrayList<>(tiles.size());
        for (KeyedTile<SpatialKey> tile : tiles) {
            raw.add(codec.encodeRaw(List.of(tile)));
            stored.add(codec.encode(List.of(tile), level));
        }
        List<SpatialKey> readKeys = readKeys(n);
        int m = centralSide(n);
        int first = (n - m) / 2;
        LayerQuery central = LayerQuery.intersecting(centralExtent(layer.metadata().layout(), n));

        List<byte[]> block = new ArrayList<>();
        for (int row = first; row < first + m; row++) {
            block.addAll(stored.subList(row * n + first, row * n + first + m));
        }
        List<byte[]> readRecords = new ArrayList<>();
        for (SpatialKey key : readKeys) {
            readRecords.add(stored.get(key.row() * n + key.col()));
        }

        // each step is followed by its limit, so that both see the machine as it is in that round
        double[][] write = new double[3][rounds];
        double[][] read = new double[3][rounds];
        double[][] query = new double[2][rounds];
        double[][] p50 = new double[2][rounds];
        double[][] p99 = new double[2][rounds];
        try (Catalog catalog = Catalog.open(uri, options)) {
            for (int round = 0; round < rounds; round++) {
                String name = "standard-" + variant.label() + "-" + System.nanoTime();
                long t0 = System.nanoTime();
                catalog.write(name, layer, WriteOptions.DEFAULT.withCompressionLevel(level));
                write[0][round] = seconds(t0);
                write[1][round] = parallel(raw, bytes -> Zlib.deflate(bytes, 0, bytes.length, level));
                if (floor.isPresent()) {
                    write[2][round] = encodeAndStore(tiles, codec, floor.get());
                }

                DoubleAdder touched = new DoubleAdder();
                long t1 = System.nanoTime();
                long count = catalog.query(name, zoom, SpatialKey.class).stream()
                        .peek(t -> touchEveryBand(t.tile(), touched)).count();
                read[0][round] = seconds(t1);
                requireCount("whole-layer read", count, (long) n * n);
                read[1][round] = parallel(stored, codec::decode);
                if (floor.isPresent()) {
                    read[2][round] = readAndDecode(n * n, codec, floor.get());
                    delete(floor.get());
                }

                long t2 = System.nanoTime();
                long hits = catalog.query(name, zoom, SpatialKey.class, central).stream()
                        .peek(t -> touchEveryBand(t.tile(), touched)).count();
                query[0][round] = seconds(t2);
                requireCount("central query", hits, (long) m * m);
                query[1][round] = parallel(block, codec::decode);

                double[] each = timeEach(readKeys, key -> catalog.readValue(name, zoom, key)
                        .orElseThrow(() -> new IllegalStateException("no tile at " + key)));
                double[] decodeEach = timeEach(readRecords, codec::decode);
                p50[0][round] = percentile(each, 50);
                p50[1][round] = percentile(decodeEach, 50);
                p99[0][round] = percentile(each, 99);
                p99[1][round] = percentile(decodeEach, 99);
                catalog.delete(name, zoom);
            }
        }

        String label = variant.label();
        report(label, "write", write[0], write[1]);
        floor.ifPresent(dir -> report(label, "write vs floor", write[0], write[2]));
        report(label, "read", read[0], read[1]);
        floor.ifPresent(dir -> report(label, "read vs floor", read[0], read[2]));
        report(label, "query", query[0], query[1]);
        report(label, "readValue p50", p50[0], p50[1]);
        report(label, "readValue p99", p99[0], p99[1]);
    }

    /** The workload's {@code n × n} layer of {@code variant} tiles, at its zoom ({@link #zoomOf}). */
    public static TileLayer<SpatialKey> layer(Variant variant, int n) {
        int zoom = zoomOf(n);
        List<KeyedTile<SpatialKey>> tiles = new ArrayList<>(n * n);
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                tiles.add(new KeyedTile<>(new SpatialKey(col, row), tile(variant, col, row)));
            }
        }
        return TileLayer.of(KeyType.SPATIAL, metadata(variant, n, zoom), tiles).atZoom(zoom);
    }

    /** The zoom of an {@code n × n} layer of the workload: the lowest at which it fits. */
    public static int zoomOf(int n) {
        return 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    /** The metadata of the workload's {@code n × n} layer at {@code zoom}. */
    static TileLayerMetadata<SpatialKey> metadata(Variant variant, int n, int zoom) {
        LayoutDefinition layout = new ZoomedLayoutScheme(CRS.WEB_MERCATOR, TILE).levelForZoom(zoom).layout();
        Extent extent = layout.mapTransform().keyToExtent(0, 0)
                .combine(layout.mapTransform().keyToExtent(n - 1, n - 1));
        return new TileLayerMetadata<>(variant == Variant.FLOAT32 ? CellType.FLOAT32 : CellType.UINT8, layout, extent,
                CRS.WEB_MERCATOR, new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(n - 1, n - 1)));
    }

    /** The cells the issue defines, from global pixel coordinates. */
    static MultibandTile tile(Variant variant, int col, int row) {
        int cells = TILE * TILE;
        if (variant == Variant.FLOAT32) {
            float[] values = new float[cells];
            for (int i = 0; i < cells; i++) {
                long gx = (long) col * TILE + i % TILE;
                long gy = (long) row * TILE + i / TILE;
                values[i] = (float) (1000 + 500 * Math.sin(gx / 97.0) * Math.cos(gy / 131.0)
                        + 50 * Math.sin((gx + gy) / 23.0) + 0.5 * noise(gx, gy, 0));
            }
            return MultibandTile.of(new FloatArrayTile(values, TILE, TILE, CellType.FLOAT32));
        }
        Tile[] bands = new Tile[3];
        for (int b = 0; b < 3; b++) {
            byte[] values = new byte[cells];
            for (int i = 0; i < cells; i++) {
                long gx = (long) col * TILE + i % TILE;
                long gy = (long) row * TILE + i / TILE;
                long v = Math.round(128 + 90 * Math.sin(gx / 50.0 + b) * Math.cos(gy / 70.0) + 3 * noise(gx, gy, b));
                values[i] = (byte) Math.max(1, Math.min(255, v));
            }
            bands[b] = new UByteArrayTile(values, TILE, TILE, CellType.UINT8);
        }
        return MultibandTile.of(bands);
    }

    /** A hash of (x, y, band) onto [-1, 1), as the issue gives it. */
    static double noise(long x, long y, long band) {
        long h = x * 0x9E3779B97F4A7C15L ^ y * 0xC2B2AE3D27D4EB4FL ^ band * 0x165667B19E3779F9L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (h >>> 11) / (double) (1L << 53) * 2 - 1;
    }

    /** How many tiles the central query's block has on a side: round(√0.1·n). */
    public static int centralSide(int n) {
        return (int) Math.round(Math.sqrt(0.1) * n);
    }

    /** The central query's extent: the central block of {@link #centralSide} tiles, every edge 1% of a tile inside it. */
    public static Extent centralExtent(LayoutDefinition layout, int n) {
        int m = centralSide(n);
        int first = (n - m) / 2;
        return inset(layout, first, first + m - 1);
    }

    /** The extent of a block of tiles with every edge moved 1% of a tile inwards. */
    private static Extent inset(LayoutDefinition layout, int firstTile, int lastTile) {
        Extent block = layout.mapTransform().keyToExtent(firstTile, firstTile)
                .combine(layout.mapTransform().keyToExtent(lastTile, lastTile));
        double dx = layout.mapTransform().keyToExtent(firstTile, firstTile).width() / 100;
        double dy = layout.mapTransform().keyToExtent(firstTile, firstTile).height() / 100;
        return new Extent(block.xmin() + dx, block.ymin() + dy, block.xmax() - dx, block.ymax() - dy);
    }

    /** The keys of the point reads, seeded: {@link #WARM_UP_READS} then {@link #TIMED_READS}. */
    public static List<SpatialKey> readKeys(int n) {
        int count = WARM_UP_READS + TIMED_READS;
        Random random = new Random(17);
        List<SpatialKey> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(new SpatialKey(random.nextInt(n), random.nextInt(n)));
        }
        return keys;
    }

    /** Milliseconds of each call after the first {@link #WARM_UP_READS}. */
    public static <T> double[] timeEach(List<T> inputs, Consumer<T> call) {
        double[] millis = new double[inputs.size() - WARM_UP_READS];
        for (int i = 0; i < inputs.size(); i++) {
            long t0 = System.nanoTime();
            call.accept(inputs.get(i));
            if (i >= WARM_UP_READS) {
                millis[i - WARM_UP_READS] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return millis;
    }

    /** What the reads do with every tile: add one cell of every band to {@code sink}. */
    public static void touchEveryBand(MultibandTile tile, DoubleAdder sink) {
        for (int b = 0; b < tile.bandCount(); b++) {
            sink.add(tile.band(b).getDouble(0));
        }
    }

    /** Runs {@code work} on every input on all cores (the common pool leaves one core to the caller). */
    private static <T> double parallel(List<T> inputs, Consumer<T> work) {
        return parallel(inputs.size(), i -> work.accept(inputs.get(i)));
    }

    /** Runs {@code work} on 0 … {@code count − 1} on all cores. */
    private static double parallel(int count, IntConsumer work) {
        ForkJoinPool cores = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        try {
            long t0 = System.nanoTime();
            cores.submit(() -> IntStream.range(0, count).parallel().forEach(work)).join();
            return seconds(t0);
        } finally {
            cores.shutdown();
        }
    }

    /**
     * The floor of a durable write of these tiles to local files, which no file catalog can beat:
     * on all cores, each tile encoded as the catalog encodes it and written with one call to a new file
     * of its own, which is forced to disk, then the directory forced once. No temporary names, renames,
     * index or metadata. The files stay for {@link #readAndDecode}.
     */
    private double encodeAndStore(List<KeyedTile<SpatialKey>> tiles, TileRecordCodec<SpatialKey> codec, Path dir) {
        try {
            Files.createDirectories(dir);
            double seconds = parallel(tiles.size(), i -> {
                try (FileChannel ch = FileChannel.open(dir.resolve(Integer.toString(i)), StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(codec.encode(List.of(tiles.get(i)), level));
                    while (buffer.hasRemaining()) {
                        ch.write(buffer);
                    }
                    ch.force(true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            }
            return seconds;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The floor of a whole-layer read from local files: on all cores, each of the files
     * {@link #encodeAndStore} wrote read whole and decoded, as warm in the page cache as the
     * catalog's own files are when its read step runs right after its write.
     */
    private static double readAndDecode(int count, TileRecordCodec<SpatialKey> codec, Path dir) {
        return parallel(count, i -> {
            try {
                codec.decode(Files.readAllBytes(dir.resolve(Integer.toString(i))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void delete(Path dir) {
        try {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireCount(String step, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalStateException(step + " returned " + actual + " tiles, expected " + expected);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double best(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    /** The {@code p}th percentile of {@code values} (nearest rank). */
    public static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /**
     * One JSON line: every round and the limit measured right after it, the best of each, and how
     * close the step comes to its limit — the median over rounds of limit ÷ step, which a machine
     * speeding up or slowing down during the run (this one drifts by tens of percent) moves less
     * than a ratio of two bests taken minutes apart.
     */
    private void report(String variant, String step, double[] rounds, double[] limits) {
        boolean millis = step.startsWith("readValue");
        double[] fractions = new double[rounds.length];
        for (int i = 0; i < rounds.length; i++) {
            fractions[i] = limits[i] / rounds[i];
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("variant", variant);
        result.put("step", step);
        result.put("compressionLevel", level);
        result.put("unit", millis ? "ms" : "s");
        result.put("rounds", rounds);
        result.put("limits", limits);
        result.put("best", best(rounds));
        result.put("limit", best(limits));
        result.put("fractionOfLimit", percentile(fractions, 50));
        results.add(result);
        System.out.println(jsonLine(result));
    }

    /** A result as one JSON object: strings quoted, integers as they are, doubles and their arrays to 4 places. */
    public static String jsonLine(Map<String, Object> result) {
        StringBuilder json = new StringBuilder("{");
        result.forEach((k, v) -> {
            if (json.length() > 1) {
                json.append(", ");
            }
            json.append('"').append(k).append("\": ").append(v instanceof String s ? '"' + s + '"'
                    : v instanceof Integer i ? i.toString() : v instanceof double[] d ? format(d) : format((Double) v));
        });
        return json.append('}').toString();
    }

    private static String format(double[] values) {
        StringBuilder out = new StringBuilder("[");
        for (double v : values) {
            out.append(out.length() > 1 ? ", " : "").append(format(v));
        }
        return out.append(']').toString();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private void printTable() {
        System.out.printf("%n%-8s %-14s %10s %10s %9s%n", "variant", "step", "best", "limit", "of limit");
        for (Map<String, Object> r : results) {
            System.out.printf(Locale.ROOT, "%-8s %-14s %8.3f %-2s %7.3f %-2s %8.0f%%%n", r.get("variant"), r.get("step"),
                    (Double) r.get("best"), r.get("unit"), (Double) r.get("limit"), r.get("unit"),
                    100 * (Double) r.get("fractionOfLimit"));
        }
    }
}
