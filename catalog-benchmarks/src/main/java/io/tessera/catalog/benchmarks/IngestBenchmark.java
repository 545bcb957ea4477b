package io.tessera.catalog.benchmarks;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.geotiff.GeoTiffSpec;
import io.tessera.catalog.geotiff.GeoTiffWriter;
import io.tessera.catalog.ingest.Ingest;
import io.tessera.catalog.ingest.IngestOptions;
import io.tessera.catalog.ingest.IngestPlan;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.FloatArrayTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.warp.ResampleMethod;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest of a generated 10,000 × 10,000 float32 GeoTIFF (100 megapixels, 256-pixel deflate tiles)
 * into a Web Mercator global layout at the zoom its 10 m cells choose: cutting only ({@code sink=none},
 * the tiles are streamed and dropped) and into a local file catalog ({@code sink=file}, adding encode,
 * zlib and fsync'd files). {@code source=EPSG:3857} resamples onto the layout grid without changing
 * CRS; {@code source=EPSG:32633} reprojects from UTM through proj4j. One operation is the whole image:
 * megapixels/s = 100 / (s/op). Peak heap per iteration is printed, to show memory is bounded by the
 * tiles in flight rather than by the 400 MB image.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class IngestBenchmark {

    static final int SIDE = 10_000;
    private static final int STRIP = 256;

    @Param({"EPSG:3857", "EPSG:32633"})
    public String source;

    @Param({"none", "file"})
    public String sink;

    @Param({"nearest", "bilinear"})
    public String resample;

    private Path dir;
    private Path tif;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        dir = Files.createTempDirectory("tessera-ingest-bench");
        tif = dir.resolve("generated.tif");
        CRS crs = CRS.parse(source);
        Extent extent = crs.equals(CRS.WEB_MERCATOR) ? new Extent(1_000_000, 5_000_000, 1_100_000, 5_100_000)
                : new Extent(400_000, 5_000_000, 500_000, 5_100_000);
        GeoTiffWriter.write(tif, GeoTiffSpec.of(SIDE, SIDE, 1, CellType.FLOAT32, extent, crs), IngestBenchmark::terrain);
    }

    /** A smooth surface with fine ripples, so deflate sees realistic, not constant, data. */
    static MultibandTile terrain(int col, int row, int cols, int rows) {
        float[] cells = new float[cols * rows];
        for (int r = 0; r < rows; r++) {
            double y = (row + r) / (double) SIDE;
            for (int c = 0; c < cols; c++) {
                double x = (col + c) / (double) SIDE;
                cells[r * cols + c] = (float) (800 * Math.sin(3 * x) * Math.cos(2 * y) + 20 * Math.sin(400 * x * y));
            }
        }
        return MultibandTile.of(new FloatArrayTile(cells, cols, rows, CellType.FLOAT32));
    }

    @Setup(Level.Iteration)
    public void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    @TearDown(Level.Iteration)
    public void reportPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%n[ingest %s %s %s] peak heap %d MiB%n", source, resample, sink, peak >> 20);
    }

    @Benchmark
    public long ingest() throws IOException {
        IngestOptions o = IngestOptions.DEFAULT.withTargetCrs(CRS.WEB_MERCATOR).withResample(ResampleMethod.parse(resample));
        try (IngestPlan<SpatialKey> plan = Ingest.spatial(List.of(tif), o)) {
            if (sink.equals("none")) {
                try (Stream<?> tiles = plan.layer().stream()) {
                    return tiles.count();
                }
            }
            Path catalogDir = Files.createTempDirectory(dir, "catalog");
            try (Catalog c = Catalog.open(catalogDir.toString())) {
                c.write("bench", plan.layer(), WriteOptions.DEFAULT);
                return plan.metadata().keyBounds().spatialCount();
            } finally {
                deleteTree(catalogDir);
            }
        }
    }

    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        deleteTree(dir);
    }

    /** Removes a directory tree, if it exists. */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
