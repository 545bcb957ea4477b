package io.tessera.catalog;

import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.index.IndexRanges;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import java.io.Serializable;
import java.util.List;

/**
 * One piece of a planned read ({@link ReadPlan}): the records of some index ranges of a layer, read
 * by whichever process gets it (a Spark executor) with {@link Catalog#read(ReadSplit)}. It carries
 * the layer's definition as it was planned, so a reader meeting a layer changed since then fails
 * instead of mixing two versions.
 *
 * @param <K> the layer's key type
 */
public final class ReadSplit<K extends LayerKey> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LayerId layer;
    private final Class<K> keyType;
    private final String definition;
    private final List<KeyBounds<K>> query;
    private final List<IndexRange> ranges;
    private final int number;

    ReadSplit(LayerId layer, Class<K> keyType, String definition, List<KeyBounds<K>> query, List<IndexRange> ranges,
            int number) {
        this.layer = layer;
        this.keyType = keyType;
        this.definition = definition;
        this.query = List.copyOf(query);
        this.ranges = List.copyOf(ranges);
        this.number = number;
    }

    /** The layer read. */
    public LayerId layer() {
        return layer;
    }

    /** The position of this split in its plan, from 0. */
    public int number() {
        return number;
    }

    /** The index ranges this split reads, ascending. */
    public List<IndexRange> ranges() {
        return ranges;
    }

    /** How many indexes its ranges hold: its records where the layer has a record inventory. */
    public long indexes() {
        return IndexRanges.count(ranges);
    }

    Class<K> keyType() {
        return keyType;
    }

    String definition() {
        return definition;
    }

    List<KeyBounds<K>> query() {
        return query;
    }

    @Override
    public String toString() {
        return "split " + number + " of " + layer + " (" + ranges.size() + " ranges)";
    }
}
