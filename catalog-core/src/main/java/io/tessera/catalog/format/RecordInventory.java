package io.tessera.catalog.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.index.IndexRanges;
import io.tessera.catalog.spi.AttributeStorage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The exact set of indexes a layer has records at, committed with the layer's metadata: reads skip
 * absent indexes without asking the storage, {@code verify} finds records that went missing, and
 * the record count is known without reading a tile.
 *
 * <p>Stored as the attribute {@value #ATTRIBUTE} beside the layer's definition, which GeoTrellis
 * ignores. The value names the definition it belongs to (a digest of the definition's stored
 * documents), so an inventory left behind by a change it did not see — GeoTrellis rewriting the
 * layer, or a writer that died between the two writes — is recognised as stale and not used. It
 * holds the count and the runs of consecutive indexes as deflated unsigned varints (gap from the
 * previous run, then length − 1), in base64: a dense z-order layer is a handful of bytes, a ragged
 * one a few bytes per run.
 */
public final class RecordInventory {

    /** The attribute that holds a layer's inventory. */
    public static final String ATTRIBUTE = AttributeStorage.INVENTORY;

    /** Runs as {start0, end0, start1, end1, …}, ascending and separated by at least one absent index. */
    private final long[] runs;
    private final long count;

    private RecordInventory(long[] runs) {
        this.runs = runs;
        long n = 0;
        for (int i = 0; i < runs.length; i += 2) {
            n += runs[i + 1] - runs[i] + 1;
        }
        this.count = n;
    }

    /** Collects indexes in any order, repeats allowed; not thread-safe. */
    public static final class Builder {
        private long[] indexes = new long[64];
        private int size;

        /** Notes a record at {@code index}. */
        public void add(long index) {
            if (size == indexes.length) {
                indexes = Arrays.copyOf(indexes, size * 2);
            }
            indexes[size++] = index;
        }

        /** The inventory of the indexes added. */
        public RecordInventory build() {
            long[] sorted = Arrays.copyOf(indexes, size);
            Arrays.sort(sorted);
            long[] r = new long[16];
            int n = 0;
            for (long x : sorted) {
                if (n > 0 && x <= r[n - 1] + 1) {
                    r[n - 1] = Math.max(r[n - 1], x);
                    continue;
                }
                if (n + 2 > r.length) {
                    r = Arrays.copyOf(r, r.length * 2);
                }
                r[n++] = x;
                r[n++] = x;
            }
            return new RecordInventory(Arrays.copyOf(r, n));
        }
    }

    /** Number of records. */
    public long count() {
        return count;
    }

    /** True when the layer has a record at {@code index}. */
    public boolean contains(long index) {
        int lo = 0;
        int hi = runs.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (runs[2 * mid + 1] < index) {
                lo = mid + 1;
            } else if (runs[2 * mid] > index) {
                hi = mid - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The runs of present indexes, as ranges. */
    public List<IndexRange> ranges() {
        List<IndexRange> out = new ArrayList<>(runs.length / 2);
        for (int i = 0; i < runs.length; i += 2) {
            out.add(new IndexRange(runs[i], runs[i + 1]));
        }
        return out;
    }

    /** The runs of present indexes that lie in {@code sorted} (ascending, disjoint) ranges. */
    public List<IndexRange> within(List<IndexRange> sorted) {
        List<IndexRange> out = new ArrayList<>();
        int i = 0;
        for (IndexRange q : sorted) {
            while (i < runs.length && runs[i + 1] < q.start()) {
                i += 2;
            }
            for (int j = i; j < runs.length && runs[j] <= q.end(); j += 2) {
                out.add(new IndexRange(Math.max(runs[j], q.start()), Math.min(runs[j + 1], q.end())));
            }
        }
        return out;
    }

    /** The inventory of {@code runs}, inclusive ranges of present indexes in any order, overlapping or not. */
    public static RecordInventory ofRuns(List<IndexRange> runs) {
        List<IndexRange> merged = IndexRanges.union(runs);
        long[] out = new long[merged.size() * 2];
        for (int i = 0; i < merged.size(); i++) {
            out[2 * i] = merged.get(i).start();
            out[2 * i + 1] = merged.get(i).end();
        }
        return new RecordInventory(out);
    }

    /** The indexes of both inventories. */
    public RecordInventory union(RecordInventory other) {
        long[] r = new long[runs.length + other.runs.length];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < runs.length || j < other.runs.length) {
            long[] from;
            int at;
            if (j >= other.runs.length || (i < runs.length && runs[i] <= other.runs[j])) {
                from = runs;
                at = i;
                i += 2;
            } else {
                from = other.runs;
                at = j;
                j += 2;
            }
            if (n > 0 && from[at] <= r[n - 1] + 1) {
                r[n - 1] = Math.max(r[n - 1], from[at + 1]);
            } else {
                r[n++] = from[at];
                r[n++] = from[at + 1];
            }
        }
        return new RecordInventory(Arrays.copyOf(r, n));
    }

    /** The indexes of this inventory that {@code other} does not have. */
    public RecordInventory minus(RecordInventory other) {
        Builder b = new Builder();
        for (int i = 0; i < runs.length; i += 2) {
            for (long x = runs[i]; x <= runs[i + 1]; x++) {
                if (!other.contains(x)) {
                    b.add(x);
                }
                if (x == Long.MAX_VALUE) {
                    break;
                }
            }
        }
        return b.build();
    }

    /** The stored form, naming the digest of the definition it belongs to. */
    public ObjectNode toJson(String definitionDigest) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        long previousEnd = -1;
        for (int i = 0; i < runs.length; i += 2) {
            varint(raw, runs[i] - previousEnd - 1);
            varint(raw, runs[i + 1] - runs[i]);
            previousEnd = runs[i + 1];
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(raw.toByteArray());
        deflater.finish();
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            packed.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("definition", definitionDigest);
        n.put("count", count);
        n.put("runs", Base64.getEncoder().encodeToString(packed.toByteArray()));
        return n;
    }

    /** The digest of the definition a stored inventory belongs to. */
    public static String definitionOf(JsonNode n) {
        return n == null ? "" : n.path("definition").asText("");
    }

    /**
     * Reads a stored inventory.
     *
     * @throws LayerFormatException when it is malformed or its count disagrees with its runs
     */
    public static RecordInventory fromJson(JsonNode n, String where) {
        if (n == null || !n.isObject() || !n.path("runs").isTextual() || !n.path("count").canConvertToLong()) {
            throw new LayerFormatException(where + ": expected {\"definition\": …, \"count\": …, \"runs\": \"…\"}");
        }
        long[] r = new long[16];
        int len = 0;
        try {
            Inflater inflater = new Inflater();
            inflater.setInput(Base64.getDecoder().decode(n.get("runs").asText()));
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int k = inflater.inflate(buf);
                if (k == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("truncated");
                }
                raw.write(buf, 0, k);
            }
            inflater.end();
            byte[] b = raw.toByteArray();
            int[] pos = {0};
            long previousEnd = -1;
            while (pos[0] < b.length) {
                long start = previousEnd + 1 + unvarint(b, pos);
                long end = start + unvarint(b, pos);
                if (start < 0 || end < start) {
                    throw new DataFormatException("index overflow");
                }
                if (len + 2 > r.length) {
                    r = Arrays.copyOf(r, r.length * 2);
                }
                r[len++] = start;
                r[len++] = end;
                previousEnd = end;
            }
        } catch (IllegalArgumentException | DataFormatException | ArrayIndexOutOfBoundsException e) {
            throw new LayerFormatException(where + ": the runs are not readable (" + e.getMessage() + ")", e);
        }
        RecordInventory inv = new RecordInventory(Arrays.copyOf(r, len));
        if (inv.count != n.get("count").asLong()) {
            throw new LayerFormatException(where + ": says " + n.get("count").asLong() + " records but its runs hold "
                    + inv.count);
        }
        return inv;
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long unvarint(byte[] b, int[] pos) throws DataFormatException {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte x = b[pos[0]++];
            v |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                return v;
            }
        }
        throw new DataFormatException("varint too long");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordInventory other && Arrays.equals(runs, other.runs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(runs);
    }

    @Override
    public String toString() {
        return "RecordInventory(" + count + " records in " + runs.length / 2 + " runs)";
    }
}
