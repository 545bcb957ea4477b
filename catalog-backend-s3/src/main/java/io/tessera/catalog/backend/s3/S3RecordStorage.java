package io.tessera.catalog.backend.s3;

import io.tessera.catalog.index.IndexNames;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.IndexListing;
import io.tessera.catalog.spi.RecordCopying;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.RecordStorage;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Records as GeoTrellis's S3 layout keeps them: one object per index at
 * {@code s3://<header.bucket>/<header.key>/<zero-padded index>}. Listings use {@code <key>/} with
 * the trailing slash, so zoom 1 never picks up zoom 10's objects (GeoTrellis's copier does).
 */
final class S3RecordStorage implements RecordStorage, IndexListing, RecordCopying {

    private final S3Objects objects;
    private final String bucket;
    private final String prefix;

    S3RecordStorage(S3Objects objects, String bucket, String prefix) {
        this.objects = objects;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public Map<String, String> newLocation(LayerId id) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bucket", bucket);
        m.put("key", S3Keys.join(prefix, id.name(), Integer.toString(id.zoom())));
        return m;
    }

    private static String bucket(RecordLocation layer) {
        return layer.header().location("bucket");
    }

    private static String dir(RecordLocation layer) {
        String key = S3Keys.normalize(layer.header().location("key"));
        if (key.isEmpty()) {
            throw new IllegalArgumentException("layer " + layer.layerId() + " header has an empty S3 key");
        }
        return key + "/";
    }

    @Override
    public void write(RecordLocation layer, long index, byte[] record) {
        objects.put(bucket(layer), dir(layer) + layer.recordName(index), record);
    }

    @Override
    public Optional<byte[]> read(RecordLocation layer, long index) {
        return objects.get(bucket(layer), dir(layer) + layer.recordName(index));
    }

    @Override
    public long[] indexes(RecordLocation layer) {
        String dir = dir(layer);
        List<String> keys = objects.list(bucket(layer), dir);
        long[] out = new long[keys.size()];
        int n = 0;
        for (String key : keys) {
            OptionalLong index = IndexNames.decode(key.substring(dir.length()));
            if (index.isPresent()) {
                out[n++] = index.getAsLong();
            }
        }
        return Arrays.copyOf(out, n);
    }

    @Override
    public void deleteAll(RecordLocation layer) {
        String b = bucket(layer);
        objects.deleteAll(b, objects.list(b, dir(layer)));
    }

    @Override
    public void copyAll(RecordLocation from, RecordLocation to) {
        String src = dir(from);
        String dst = dir(to);
        // Server-side copies, in parallel: each is one small request, so latency, not bandwidth, bounds it.
        objects.list(bucket(from), src).parallelStream().forEach(key ->
                objects.copy(bucket(from), key, bucket(to), dst + key.substring(src.length())));
    }
}
