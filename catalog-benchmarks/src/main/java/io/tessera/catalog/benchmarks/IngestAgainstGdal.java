package io.tessera.catalog.benchmarks;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.geotiff.GeoTiffSpec;
import io.tessera.catalog.geotiff.GeoTiffWriter;
import io.tessera.catalog.ingest.Ingest;
import io.tessera.catalog.ingest.IngestOptions;
import io.tessera.catalog.ingest.IngestPlan;
import io.tessera.catalog.layout.CellSize;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.warp.ResampleMethod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The ingest benchmark beside GDAL (issue 17): a generated 10,000 × 10,000 float32 GeoTIFF in UTM 33N
 * (the {@link IngestBenchmark} image) cut into a Web Mercator layer with bilinear resampling and a
 * pyramid of {@code --levels} coarser zooms (average), written to a local file catalog; then GDAL
 * doing the same job on the same machine in the same run: {@code gdalwarp -multi -wo
 * NUM_THREADS=ALL_CPUS} to a tiled deflate GeoTIFF at the layer's cell size, followed by
 * {@code gdaladdo -r average} of the same levels (factors 2 … 2^levels). Both deflate at zlib's
 * default level and use an approximate transformer of 0.125 pixels.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.tessera.catalog.benchmarks.IngestAgainstGdal [--rounds 3]
 * [--levels 6] [--dir DIR]}. Prints one JSON object per step and round, then the best of each.
 */
public final class IngestAgainstGdal {

    private IngestAgainstGdal() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int rounds = 3;
        int levels = 6;
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--levels" -> levels = Integer.parseInt(args[++i]);
                case "--dir" -> base = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: IngestAgainstGdal [--rounds 3] [--levels 6] [--dir DIR]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory(base, "ingest-vs-gdal");
        try {
            run(dir, rounds, levels);
        } finally {
            IngestBenchmark.deleteTree(dir);
        }
    }

    private static void run(Path dir, int rounds, int levels) throws IOException, InterruptedException {
        Path tif = dir.resolve("utm.tif");
        CRS utm = CRS.parse("EPSG:32633");
        GeoTiffWriter.write(tif, GeoTiffSpec.of(IngestBenchmark.SIDE, IngestBenchmark.SIDE, 1, CellType.FLOAT32,
                new Extent(400_000, 5_000_000, 500_000, 5_100_000), utm), IngestBenchmark::terrain);
        IngestOptions options = IngestOptions.DEFAULT.withTargetCrs(CRS.WEB_MERCATOR)
                .withResample(ResampleMethod.BILINEAR);
        Map<String, Double> best = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            Path catalogDir = dir.resolve("catalog-" + round);
            long t0 = System.nanoTime();
            CellSize cell;
            int top;
            long tiles = 0;
            try (IngestPlan<SpatialKey> plan = Ingest.spatial(List.of(tif), options);
                    Catalog catalog = Catalog.open(catalogDir.toString())) {
                top = plan.zoom().orElseThrow();
                cell = plan.metadata().layout().cellSize();
                catalog.writePyramid("bench", plan.pyramid(ResampleMethod.AVERAGE, top - levels), WriteOptions.DEFAULT);
                for (int z = top - levels; z <= top; z++) {
                    tiles += catalog.recordCount("bench", z).orElse(0);
                }
            }
            double ours = seconds(t0);
            report("tessera ingest + pyramid", round, ours, size(catalogDir), "zoom " + top + " to " + (top - levels)
                    + ", " + tiles + " tiles");
            best.merge("tessera ingest + pyramid", ours, Math::min);
            IngestBenchmark.deleteTree(catalogDir);

            Path out = dir.resolve("gdal-" + round + ".tif");
            String res = String.format(Locale.ROOT, "%.10f", cell.width());
            long t1 = System.nanoTime();
            gdal(List.of("gdalwarp", "-q", "-overwrite", "-t_srs", "EPSG:3857", "-r", "bilinear", "-tr", res, res, "-tap",
                    "-multi", "-wo", "NUM_THREADS=ALL_CPUS", "-co", "TILED=YES", "-co", "COMPRESS=DEFLATE",
                    "-co", "BIGTIFF=IF_SAFER", tif.toString(), out.toString()));
            double warp = seconds(t1);
            List<String> addo = new ArrayList<>(List.of("gdaladdo", "-q", "-r", "average", "--config",
                    "COMPRESS_OVERVIEW", "DEFLATE", out.toString()));
            for (int l = 1; l <= levels; l++) {
                addo.add(Integer.toString(1 << l));
            }
            long t2 = System.nanoTime();
            gdal(addo);
            double overviews = seconds(t2);
            report("gdalwarp", round, warp, Files.size(out), "cell " + res + " m");
            report("gdaladdo", round, overviews, Files.size(out), levels + " overviews");
            report("gdalwarp + gdaladdo", round, warp + overviews, Files.size(out), "");
            best.merge("gdalwarp", warp, Math::min);
            best.merge("gdaladdo", overviews, Math::min);
            best.merge("gdalwarp + gdaladdo", warp + overviews, Math::min);
            Files.delete(out);
        }
        System.out.printf(Locale.ROOT, "%n%-28s %10s%n", "step (best of " + rounds + ")", "s");
        best.forEach((step, s) -> System.out.printf(Locale.ROOT, "%-28s %10.2f%n", step, s));
    }

    private static void gdal(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed with exit code " + p.exitValue());
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void report(String step, int round, double seconds, long bytes, String note) {
        System.out.printf(Locale.ROOT, "{\"step\": \"%s\", \"round\": %d, \"seconds\": %.3f, \"bytes\": %d, \"note\": \"%s\"}%n",
                step, round, seconds, bytes, note);
    }

    private static long size(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }
}
