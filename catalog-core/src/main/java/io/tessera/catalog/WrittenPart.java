package io.tessera.catalog;

import io.tessera.catalog.format.RecordInventory;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.index.IndexRanges;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.LayerId;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * What one part of a {@link SharedWrite} or {@link SharedChange} stored, as {@link Catalog#writePart}
 * reports it to the process that commits — or, from {@link Catalog#checkPart}, what a part of a
 * change would store: the part's number, the runs of indexes (they become the layer's record
 * inventory) and, for a change, the bounds of the keys.
 */
public final class WrittenPart implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int part;
    private final List<IndexRange> runs;
    /** The bounds of the keys of a change's part; null for a new layer's part, or no keys. */
    private final KeyBounds<?> bounds;

    WrittenPart(int part, List<IndexRange> runs) {
        this(part, runs, Optional.empty());
    }

    WrittenPart(int part, List<IndexRange> runs, Optional<? extends KeyBounds<?>> bounds) {
        this.part = part;
        this.runs = List.copyOf(runs);
        this.bounds = bounds.orElse(null);
    }

    /** The part's number, as given to {@link Catalog#writePart}. */
    public int part() {
        return part;
    }

    /** The runs of indexes written, ascending. */
    public List<IndexRange> runs() {
        return runs;
    }

    Optional<KeyBounds<?>> bounds() {
        return Optional.ofNullable(bounds);
    }

    /**
     * The runs of all parts as one inventory.
     *
     * @throws IllegalArgumentException when two results share a part number
     */
    static RecordInventory inventory(LayerId layer, Collection<WrittenPart> parts) {
        Set<Integer> numbers = new HashSet<>();
        List<IndexRange> runs = new ArrayList<>();
        for (WrittenPart p : parts) {
            if (!numbers.add(p.part())) {
                throw new IllegalArgumentException("two results of " + layer + " are both part " + p.part()
                        + "; commit one result per part");
            }
            runs.addAll(p.runs());
        }
        return RecordInventory.ofRuns(runs);
    }

    /** How many records the part wrote. */
    public long records() {
        return IndexRanges.count(runs);
    }

    @Override
    public String toString() {
        return "part " + part + " (" + records() + " records)";
    }
}
