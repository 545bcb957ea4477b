package io.tessera.catalog.benchmarks;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.codec.TileRecordCodec;
import io.tessera.catalog.codec.ValueClass;
import io.tessera.catalog.codec.Zlib;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import java.util.ArrayList;
import java.util.List;

/**
 * What a compression level costs and saves on real layers: for every layer of a catalog, each
 * record's Avro bytes deflated at levels 1, 6 (GeoTrellis's) and 9 on one core, best of three, with
 * the bytes they come to.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.tessera.catalog.benchmarks.CompressionLevels URI}.
 */
public final class CompressionLevels {

    private static final int[] LEVELS = {1, 6, 9};

    private CompressionLevels() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: CompressionLevels URI");
            System.exit(2);
        }
        System.out.printf("%-24s %8s %9s | %-22s | %-22s | %-22s%n", "layer", "records", "raw MiB",
                "level 1: ms, ratio", "level 6: ms, ratio", "level 9: ms, ratio");
        try (Catalog catalog = Catalog.open(args[0])) {
            for (LayerId id : catalog.layers()) {
                measure(catalog, id);
            }
        }
    }

    private static <K extends LayerKey> void measure(Catalog catalog, LayerId id) {
        @SuppressWarnings("unchecked")
        Class<K> keyType = (Class<K>) catalog.keyType(id.name(), id.zoom()).javaType();
        TileRecordCodec<K> codec = TileRecordCodec.forLayer(keyType, ValueClass.MULTIBAND_TILE);
        List<byte[]> raw = new ArrayList<>();
        long rawBytes = 0;
        for (KeyedTile<K> t : catalog.query(id.name(), id.zoom(), keyType).tiles()) {
            byte[] r = codec.encodeRaw(List.of(t));
            raw.add(r);
            rawBytes += r.length;
        }
        StringBuilder line = new StringBuilder(String.format("%-24s %8d %9.2f", id.name() + "@" + id.zoom(), raw.size(),
                rawBytes / 1048576.0));
        for (int level : LEVELS) {
            double best = Double.MAX_VALUE;
            long deflated = 0;
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                long bytes = 0;
                for (byte[] r : raw) {
                    bytes += Zlib.deflate(r, 0, r.length, level).length;
                }
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
                deflated = bytes;
            }
            line.append(String.format(" | %9.1f ms %6.3f×   ", best, (double) rawBytes / deflated));
        }
        System.out.println(line);
    }
}
