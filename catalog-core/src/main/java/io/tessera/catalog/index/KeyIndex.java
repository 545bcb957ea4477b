package io.tessera.catalog.index;

import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerKey;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Maps the keys of a layer to the integer indexes GeoTrellis 3.x uses to name tile files, and
 * turns query boxes into the index ranges a reader has to probe.
 *
 * <p>The implementations are the five GeoTrellis key indexes; each is immutable and reproduces
 * GeoTrellis's {@code toIndex} bit for bit (spec §5).
 *
 * <p><b>Ranges.</b> {@link #indexRanges(KeyBounds, int)} returns the indexes of the keys in the
 * query box as a sorted list of ranges, none overlapping or touching another. Up to
 * {@code maxRanges} ranges the list is exact: it holds the index of every key in the box that the
 * index can represent, and no other index. For space-time indexes exactness is per time bin: the
 * list holds the indexes of the box's columns and rows in every bin from that of the box's first
 * instant to that of its last, and records of other instants in those bins share their files.
 * Where an exact list would need more ranges, consecutive ranges are joined across the smallest
 * gaps until {@code maxRanges} remain: the list is then a superset that still holds every key's
 * index. Readers filter the records they find by key, so a superset only costs extra probes. The
 * work is bounded too: the space-filling-curve indexes refine at most
 * {@code max(maxRanges, DEFAULT_RANGE_BUDGET)} pieces of the curve at a time and take coarser
 * pieces whole beyond that, so a huge query gives a coarser (still covering) list, never a slow
 * one.
 *
 * @param <K> the key type
 */
public sealed interface KeyIndex<K extends LayerKey> permits ZSpatialKeyIndex, ZSpaceTimeKeyIndex,
        HilbertSpatialKeyIndex, HilbertSpaceTimeKeyIndex, RowMajorSpatialKeyIndex {

    /** The default cap on the number of ranges {@code indexRanges} returns. */
    int DEFAULT_RANGE_BUDGET = 1 << 16;

    /** The GeoTrellis JSON {@code type} of this index: {@code "zorder"}, {@code "hilbert"} or {@code "rowmajor"}. */
    String type();

    /** The key bounds the index was created with (its JSON {@code keyBounds}). */
    KeyBounds<K> keyBounds();

    /**
     * The index of {@code key}, as GeoTrellis computes it.
     *
     * @throws IllegalArgumentException if the index cannot represent the key
     */
    long toIndex(K key);

    /** {@link #indexRanges(KeyBounds, int)} with {@link #DEFAULT_RANGE_BUDGET}. */
    default List<IndexRange> indexRanges(KeyBounds<K> query) {
        return indexRanges(query, DEFAULT_RANGE_BUDGET);
    }

    /**
     * The index ranges of the keys in {@code query} (all edges inclusive): sorted, merged, exact up
     * to {@code maxRanges} ranges and a covering superset of at most {@code maxRanges} ranges beyond
     * (see the type's documentation). Parts of the box the index cannot represent are left out.
     *
     * @throws IllegalArgumentException if {@code maxRanges < 1}
     */
    List<IndexRange> indexRanges(KeyBounds<K> query, int maxRanges);

    /** {@link #indexRanges(Collection, int)} with {@link #DEFAULT_RANGE_BUDGET}. */
    default List<IndexRange> indexRanges(Collection<KeyBounds<K>> queries) {
        return indexRanges(queries, DEFAULT_RANGE_BUDGET);
    }

    /**
     * The union of the ranges of every box in {@code queries}, sorted and merged, joined across
     * the smallest gaps where needed to stay within {@code maxRanges}.
     *
     * @throws IllegalArgumentException if {@code maxRanges < 1}
     */
    default List<IndexRange> indexRanges(Collection<KeyBounds<K>> queries, int maxRanges) {
        List<IndexRange> all = new ArrayList<>();
        for (KeyBounds<K> query : queries) {
            all.addAll(indexRanges(query, maxRanges));
        }
        return IndexRanges.coarsen(IndexRanges.union(all), maxRanges);
    }
}
