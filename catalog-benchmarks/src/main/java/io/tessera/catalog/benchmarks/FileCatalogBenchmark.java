package io.tessera.catalog.benchmarks;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.FloatArrayTile;
import io.tessera.catalog.raster.MultibandTile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Whole-layer write and read of 256 tiles of 256×256 float32 (64 MiB of cells) on a local file
 * catalog through {@link Catalog}: encode + zlib + fsync'd atomic files on write; listing, parallel
 * reads, inflate and decode on read; on overwrite, the layer marked as held, the previous records
 * saved to the undo journal, the new ones written and the mark removed. One operation is the whole
 * layer; tiles/s = 256 / (s/op).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FileCatalogBenchmark {

    private static final int SIDE = 16;
    private static final int TILE = 256;

    private Path dir;
    private Catalog catalog;
    private TileLayer<SpatialKey> layer;
    private int written;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("tessera-bench");
        catalog = Catalog.open(dir.toString());
        LayoutDefinition layout = new ZoomedLayoutScheme(CRS.WEB_MERCATOR, TILE).levelForZoom(6).layout();
        Random r = new Random(1);
        List<KeyedTile<SpatialKey>> tiles = new ArrayList<>();
        for (int row = 0; row < SIDE; row++) {
            for (int col = 0; col < SIDE; col++) {
                float[] cells = new float[TILE * TILE];
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = (float) (Math.sin(i * 0.001 + col) * 100 + r.nextGaussian());
                }
                tiles.add(new KeyedTile<>(new SpatialKey(col, row),
                        MultibandTile.of(new FloatArrayTile(cells, TILE, TILE, CellType.FLOAT32))));
            }
        }
        KeyBounds<SpatialKey> b = new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(SIDE - 1, SIDE - 1));
        TileLayerMetadata<SpatialKey> md = new TileLayerMetadata<>(CellType.FLOAT32, layout,
                layout.mapTransform().keyToExtent(0, 0).combine(layout.mapTransform().keyToExtent(SIDE - 1, SIDE - 1)),
                CRS.WEB_MERCATOR, b);
        layer = TileLayer.of(KeyType.SPATIAL, md, tiles).atZoom(6);
        catalog.write("read", layer);
        catalog.write("overwritten", layer);
    }

    @Benchmark
    public void writeLayer() {
        catalog.write("w" + written++, layer);
    }

    @Benchmark
    public void overwriteLayer() {
        catalog.overwrite("overwritten", layer);
    }

    @Benchmark
    public long readLayer() {
        return catalog.query("read", 6).count();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        catalog.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
