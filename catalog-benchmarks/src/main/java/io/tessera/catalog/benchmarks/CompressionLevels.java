package io.tessera.catalog.benchmarks;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.codec.TileRecordCodec;
import io.tessera.catalog.codec.ValueClass;
import io.tessera.catalog.codec.Zlib;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpatialKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.zip.Deflater;

/**
 * What a compression level costs and saves: for every layer of a catalog (or the standard
 * workload's two layers, with {@code --standard}), each record's Avro bytes deflated at levels 1, 6
 * (GeoTrellis's) and 9 on one core, best of three, with the ratio of raw to deflated bytes; beside
 * level 1, which has its own encoder, zlib's own level 1 for comparison.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.tessera.catalog.benchmarks.CompressionLevels URI|--standard}.
 */
public final class CompressionLevels {

    /** A way to deflate a record, named for the table. */
    private record Encoder(String name, ToIntFunction<byte[]> deflatedSize) {
    }

    private static final List<Encoder> ENCODERS = List.of(
            new Encoder("level 1", r -> Zlib.deflate(r, 0, r.length, 1).length),
            new Encoder("zlib's level 1", r -> zlibSize(r, 1)),
            new Encoder("level 6", r -> Zlib.deflate(r, 0, r.length, 6).length),
            new Encoder("level 9", r -> Zlib.deflate(r, 0, r.length, 9).length));

    private CompressionLevels() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: CompressionLevels URI|--standard");
            System.exit(2);
        }
        StringBuilder header = new StringBuilder(String.format("%-24s %8s %9s", "layer", "records", "raw MiB"));
        for (Encoder encoder : ENCODERS) {
            header.append(String.format(" | %-22s", encoder.name() + ": ms, ratio"));
        }
        System.out.println(header);
        if (args[0].equals("--standard")) {
            for (StandardWorkload.Variant v : StandardWorkload.Variant.values()) {
                TileRecordCodec<SpatialKey> codec = TileRecordCodec.forLayer(SpatialKey.class,
                        v == StandardWorkload.Variant.FLOAT32 ? ValueClass.TILE : ValueClass.MULTIBAND_TILE);
                List<byte[]> raw = new ArrayList<>();
                for (int row = 0; row < 32; row++) {
                    for (int col = 0; col < 32; col++) {
                        SpatialKey key = new SpatialKey(col, row);
                        raw.add(codec.encodeRaw(List.of(new KeyedTile<>(key, StandardWorkload.tile(v, col, row)))));
                    }
                }
                measure("standard " + v.label(), raw);
            }
            return;
        }
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
        for (KeyedTile<K> t : catalog.query(id.name(), id.zoom(), keyType).tiles()) {
            raw.add(codec.encodeRaw(List.of(t)));
        }
        measure(id.name() + "@" + id.zoom(), raw);
    }

    private static void measure(String label, List<byte[]> raw) {
        long rawBytes = raw.stream().mapToLong(r -> r.length).sum();
        StringBuilder line = new StringBuilder(String.format("%-24s %8d %9.2f", label, raw.size(), rawBytes / 1048576.0));
        for (Encoder encoder : ENCODERS) {
            double best = Double.MAX_VALUE;
            long deflated = 0;
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                long bytes = 0;
                for (byte[] r : raw) {
                    bytes += encoder.deflatedSize().applyAsInt(r);
                }
                best = Math.min(best, (System.nanoTime() - t0) / 1e6);
                deflated = bytes;
            }
            line.append(String.format(" | %9.1f ms %6.3f×   ", best, (double) rawBytes / deflated));
        }
        System.out.println(line);
    }

    private static int zlibSize(byte[] record, int level) {
        Deflater deflater = new Deflater(level);
        try {
            deflater.setInput(record);
            deflater.finish();
            byte[] out = new byte[record.length + 1024];
            int n = 0;
            while (!deflater.finished()) {
                n += deflater.deflate(out, n, out.length - n);
            }
            return n;
        } finally {
            deflater.end();
        }
    }
}
