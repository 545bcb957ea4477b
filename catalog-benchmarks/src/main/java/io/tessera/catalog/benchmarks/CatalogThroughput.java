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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A harness (not JMH: one operation takes seconds and touches a server) measuring whole-layer
 * write and read throughput of {@code tiles} 256×256 float32 tiles through {@link Catalog} at several
 * IO concurrencies. Usage: {@code java -cp benchmarks.jar io.tessera.catalog.benchmarks.CatalogThroughput
 * URI [TILES] [CONCURRENCY...]}; each concurrency runs one warm-up and three measured rounds.
 */
public final class CatalogThroughput {

    private CatalogThroughput() {
    }

    public static void main(String[] args) {
        String uri = args[0];
        int tiles = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        List<Integer> levels = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            levels.add(Integer.parseInt(args[i]));
        }
        if (levels.isEmpty()) {
            levels = List.of(1, 8, 32);
        }
        TileLayer<SpatialKey> layer = layer(tiles);
        System.out.printf("%d tiles of 256x256 float32 at %s%n", tiles, uri);
        System.out.println("concurrency\twrite tiles/s\tread tiles/s");
        int run = 0;
        for (int c : levels) {
            try (Catalog catalog = Catalog.open(uri, Map.of(Catalog.PARALLELISM, Integer.toString(c)))) {
                double write = 0;
                double read = 0;
                for (int round = 0; round < 4; round++) {
                    String name = "throughput-" + c + "-" + run++;
                    long t0 = System.nanoTime();
                    catalog.write(name, layer);
                    long t1 = System.nanoTime();
                    long n = catalog.query(name, layer.zoom().getAsInt()).count();
                    long t2 = System.nanoTime();
                    if (n != tiles) {
                        throw new IllegalStateException("read " + n + " tiles, wrote " + tiles);
                    }
                    catalog.delete(name, layer.zoom().getAsInt());
                    if (round > 0) {
                        write += tiles / ((t1 - t0) / 1e9) / 3;
                        read += tiles / ((t2 - t1) / 1e9) / 3;
                    }
                }
                System.out.printf("%d\t%.0f\t%.0f%n", c, write, read);
            }
        }
    }

    private static TileLayer<SpatialKey> layer(int count) {
        int side = (int) Math.ceil(Math.sqrt(count));
        LayoutDefinition layout = new ZoomedLayoutScheme(CRS.WEB_MERCATOR, 256).levelForZoom(8).layout();
        Random r = new Random(3);
        List<KeyedTile<SpatialKey>> tiles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] cells = new float[256 * 256];
            for (int p = 0; p < cells.length; p++) {
                cells[p] = (float) (Math.sin(p * 0.002 + i) * 50 + r.nextGaussian());
            }
            tiles.add(new KeyedTile<>(new SpatialKey(i % side, i / side),
                    MultibandTile.of(new FloatArrayTile(cells, 256, 256, CellType.FLOAT32))));
        }
        KeyBounds<SpatialKey> b = new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(side - 1, (count - 1) / side));
        TileLayerMetadata<SpatialKey> md = new TileLayerMetadata<>(CellType.FLOAT32, layout,
                layout.mapTransform().keyToExtent(0, 0).combine(layout.mapTransform().keyToExtent(side - 1, (count - 1) / side)),
                CRS.WEB_MERCATOR, b);
        return TileLayer.of(KeyType.SPATIAL, md, tiles).atZoom(8);
    }
}
