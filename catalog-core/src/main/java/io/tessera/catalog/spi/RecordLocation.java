package io.tessera.catalog.spi;

import io.tessera.catalog.index.IndexNames;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.model.LayerId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where one layer's records live, and what the core knows of the layer that a backend may need to
 * store them well: the header's location fields (e.g. {@code path}, or {@code bucket}/{@code key}),
 * the width of zero-padded record names, and the index ranges the layer's key index spans (to
 * pre-split a table, or to bound a delete to the layer). The ranges are computed on first use.
 */
public final class RecordLocation {

    private final LayerId layerId;
    private final Map<String, String> fields;
    private final int indexWidth;
    private final Supplier<List<IndexRange>> spanned;
    private volatile List<IndexRange> ranges;

    private RecordLocation(LayerId layerId, Map<String, String> fields, int indexWidth,
            Supplier<List<IndexRange>> spanned) {
        this.layerId = Objects.requireNonNull(layerId, "layerId");
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.indexWidth = indexWidth;
        this.spanned = Objects.requireNonNull(spanned, "spanned");
    }

    /**
     * A location.
     *
     * @param fields the header's location fields
     * @param indexWidth digits of the index of the key index's max key
     * @param spanned the sorted, disjoint index ranges of the key index's bounds, asked for lazily
     */
    public static RecordLocation of(LayerId layerId, Map<String, String> fields, int indexWidth,
            Supplier<List<IndexRange>> spanned) {
        return new RecordLocation(layerId, fields, indexWidth, spanned);
    }

    /** The layer whose records these are. */
    public LayerId layerId() {
        return layerId;
    }

    /**
     * A location field of the layer's header.
     *
     * @throws IllegalArgumentException naming the field when the header lacks it
     */
    public String field(String name) {
        String v = fields.get(name);
        if (v == null) {
            throw new IllegalArgumentException("layer " + layerId + " header has no '" + name + "' field");
        }
        return v;
    }

    /** Every location field, in header order. */
    public Map<String, String> fields() {
        return fields;
    }

    /** Width of zero-padded record names. */
    public int indexWidth() {
        return indexWidth;
    }

    /** The record name of an index, as GeoTrellis's file, S3 and HDFS layouts name records. */
    public String recordName(long index) {
        return IndexNames.encode(index, indexWidth);
    }

    /** The sorted, disjoint ranges of every index the layer's key index can produce. */
    public List<IndexRange> indexRanges() {
        List<IndexRange> r = ranges;
        if (r == null) {
            r = List.copyOf(spanned.get());
            ranges = r;
        }
        return r;
    }

    @Override
    public String toString() {
        return "RecordLocation(" + layerId + ", " + fields + ")";
    }
}
