package io.tessera.catalog.backend.s3;

import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.index.IndexNames;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.IndexListing;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordCopying;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.RecordStorage;
import io.tessera.catalog.spi.WriteOrder;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records as GeoTrellis's S3 layout keeps them: one object per index at
 * {@code s3://<header.bucket>/<header.key>/<zero-padded index>}. Listings use {@code <key>/} with
 * the trailing slash, so zoom 1 never picks up zoom 10's objects (GeoTrellis's copier does).
 *
 * <p>Range reads list only the ranges' names: zero-padded names of one length sort as their
 * numbers, so a listing starts after the name before a range and stops past its last name; the
 * core keeps what lies in the ranges.
 */
final class S3RecordStorage implements RecordStorage, IndexListing, RecordCopying {

    /** Ranges closer than this are listed as one span: listing the gap costs at most one page more. */
    static final long COALESCE_GAP = 1000;
    /** Beyond this many spans one listing of the whole layer is cheaper than a listing per span. */
    static final int MAX_SPANS = 64;

    private final S3Objects objects;
    private final String bucket;
    private final String prefix;

    S3RecordStorage(S3Objects objects, String bucket, String prefix) {
        this.objects = objects;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /**
     * A key of its own for each write, {@code <prefix>/<name>/<zoom>/<write id>}, recorded in the
     * header GeoTrellis's readers follow: writers creating the same layer at once never write over
     * each other's objects, and the loser removes only its own.
     */
    @Override
    public Map<String, String> newLocation(LayerId id) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("bucket", bucket);
        m.put("key", S3Keys.join(prefix, id.name(), Integer.toString(id.zoom()), writeId()));
        return m;
    }

    /** Every write has a key of its own anyway. */
    @Override
    public Map<String, String> replacementLocation(LayerId id, Map<String, String> current) {
        return newLocation(id);
    }

    private static String writeId() {
        return Long.toHexString(System.currentTimeMillis()) + "-"
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 16);
    }

    /** When the write whose key is {@code dir} (ending in {@code /}) began, or empty when it is not a write id of ours. */
    static Optional<Instant> writeTime(String dir) {
        String name = dir.substring(dir.lastIndexOf('/', dir.length() - 2) + 1, dir.length() - 1);
        int dash = name.indexOf('-');
        if (dash <= 0 || !name.substring(dash + 1).matches("[0-9a-f]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(name.substring(0, dash), 16)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The key (ending in {@code /}) a create batch of this storage writes under. */
    static String writeKeyOf(LayerId id, RecordBatch batch) {
        if (!(batch instanceof S3Batch b) || !b.owns()) {
            throw new IllegalArgumentException("layer " + id + ": a create or reindex publishes a create batch of this"
                    + " catalog");
        }
        return b.dir;
    }

    private static String bucket(RecordLocation layer) {
        return layer.field("bucket");
    }

    private static String dir(RecordLocation layer) {
        String key = S3Keys.normalize(layer.field("key"));
        if (key.isEmpty()) {
            throw new IllegalArgumentException("layer " + layer.layerId() + " header has an empty S3 key");
        }
        return key + "/";
    }

    @Override
    public WriteOrder writeOrder() {
        return WriteOrder.ANY;
    }

    @Override
    public RecordBatch openBatch(RecordLocation layer, BatchMode mode) {
        return new S3Batch(layer, bucket(layer), dir(layer), mode, false);
    }

    /** The write's own key is its share: a part writes under it while the owner's writer note is there. */
    @Override
    public RecordBatch joinBatch(RecordLocation layer, String share, int part) {
        String dir = dir(layer);
        if (!dir.equals(share)) {
            throw new IllegalArgumentException("'" + share + "' is not the key of the write of layer " + layer.layerId());
        }
        if (objects.get(bucket(layer), dir + S3Litter.WRITER).isEmpty()) {
            throw new CatalogException("the write of layer " + layer.layerId() + " that this part belongs to is gone"
                    + " (aborted or committed): s3://" + bucket(layer) + "/" + dir + " names no writer");
        }
        return new S3Batch(layer, bucket(layer), dir, BatchMode.CREATE, true);
    }

    /**
     * Each PUT is durable when it returns, so the batch holds nothing. A create writes under the
     * write's own key, so aborting it removes everything under that key; a part of it (in another
     * process) writes there too, and leaves removing and naming the writer to the owner.
     */
    private final class S3Batch implements RecordBatch {

        /** A long write names itself again this often, well inside the hour after which it would count as abandoned. */
        private static final long TOUCH_EVERY_NANOS = TimeUnit.MINUTES.toNanos(10);

        private final AtomicLong touched = new AtomicLong();

        private final RecordLocation layer;
        private final String bucket;
        private final String dir;
        private final BatchMode mode;
        private final boolean part;

        S3Batch(RecordLocation layer, String bucket, String dir, BatchMode mode, boolean part) {
            this.layer = layer;
            this.bucket = bucket;
            this.dir = dir;
            this.mode = mode;
            this.part = part;
            if (owns()) {
                touch();
            }
        }

        /** True for the create batch that owns the write's key. */
        private boolean owns() {
            return mode == BatchMode.CREATE && !part;
        }

        /** Names this writer under the write's key, so that a sweep can tell it alive. */
        private void touch() {
            objects.put(bucket, dir + S3Litter.WRITER, S3Litter.writerNow());
            touched.set(System.nanoTime());
        }

        @Override
        public void write(long index, byte[] record) {
            objects.put(bucket, dir + layer.recordName(index), record);
            long last = touched.get();
            if (owns() && System.nanoTime() - last > TOUCH_EVERY_NANOS && touched.compareAndSet(last,
                    System.nanoTime())) {
                touch();
            }
        }

        @Override
        public void delete(long index) {
            if (mode == BatchMode.CREATE) {
                throw new IllegalStateException("a create batch has nothing to delete");
            }
            objects.deleteAll(bucket, List.of(dir + layer.recordName(index)));
        }

        @Override
        public String share() {
            if (!owns()) {
                throw new IllegalStateException("only a create batch of layer " + layer.layerId() + " can be shared");
            }
            return dir;
        }

        @Override
        public void close() {
            // Every write was durable on return.
        }

        @Override
        public void abort() {
            if (owns()) {
                objects.deleteAll(bucket, objects.list(bucket, dir));
            }
        }
    }

    @Override
    public Optional<byte[]> read(RecordLocation layer, long index) {
        return objects.get(bucket(layer), dir(layer) + layer.recordName(index));
    }

    @Override
    public long[] indexes(RecordLocation layer, List<IndexRange> ranges) {
        String b = bucket(layer);
        String dir = dir(layer);
        List<IndexRange> spans = spans(layer, ranges);
        if (spans.size() > MAX_SPANS) {
            return IndexNames.indexesOf(objects.list(b, dir).stream().map(k -> k.substring(dir.length())).toList());
        }
        List<String> names = new ArrayList<>();
        for (IndexRange span : spans) {
            String first = layer.recordName(span.start());
            String last = layer.recordName(span.end());
            String startAfter = span.start() > 0 && layer.recordName(span.start() - 1).length() == first.length()
                    ? dir + layer.recordName(span.start() - 1) : null;
            objects.list(b, dir + commonPrefix(first, last), startAfter, key -> {
                String name = key.substring(dir.length());
                // Names of other lengths sort in between; past the span's last name of its length, stop.
                if (name.length() == first.length() && name.compareTo(last) > 0) {
                    return false;
                }
                names.add(name);
                return true;
            });
        }
        return IndexNames.indexesOf(names);
    }

    /**
     * The ranges joined where their gap is small, then cut where the length of the names changes
     * (names longer than the padding width sort apart from the others).
     */
    private static List<IndexRange> spans(RecordLocation layer, List<IndexRange> ranges) {
        List<IndexRange> joined = new ArrayList<>();
        for (IndexRange r : ranges) {
            int last = joined.size() - 1;
            if (last >= 0 && r.start() - joined.get(last).end() <= COALESCE_GAP) {
                joined.set(last, new IndexRange(joined.get(last).start(), Math.max(r.end(), joined.get(last).end())));
            } else {
                joined.add(r);
            }
        }
        List<IndexRange> out = new ArrayList<>();
        for (IndexRange r : joined) {
            long start = Math.max(0, r.start());
            while (start <= r.end()) {
                int length = layer.recordName(start).length();
                long endOfLength = length >= 19 ? Long.MAX_VALUE : (long) Math.pow(10, length) - 1;
                long end = Math.min(r.end(), endOfLength);
                out.add(new IndexRange(start, end));
                if (end == Long.MAX_VALUE) {
                    break;
                }
                start = end + 1;
            }
        }
        return out;
    }

    private static String commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return a.substring(0, i);
    }

    @Override
    public void delete(RecordLocation layer) {
        String b = bucket(layer);
        objects.deleteAll(b, objects.list(b, dir(layer)));
    }

    @Override
    public void copyAll(RecordLocation from, RecordBatch into) {
        if (!(into instanceof S3Batch batch)) {
            throw new IllegalArgumentException("records are copied into a batch of this catalog");
        }
        String src = dir(from);
        // Server-side copies, in parallel: each is one small request, so latency, not bandwidth, bounds it.
        // Records only: a source's leftover writer note must not stand for the target's writer.
        objects.list(bucket(from), src).stream().filter(k -> IndexNames.decode(k.substring(src.length())).isPresent())
                .toList().parallelStream().forEach(key ->
                objects.copy(bucket(from), key, batch.bucket, batch.dir + key.substring(src.length())));
    }
}
