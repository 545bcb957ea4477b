package io.tessera.catalog;

import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.index.IndexRanges;
import java.io.Serializable;
import java.util.List;

/**
 * What one part of a {@link SharedWrite} stored, as {@link Catalog#writePart} reports it to the
 * process that commits: the part's number and the runs of indexes it wrote (they become the layer's
 * record inventory).
 */
public final class WrittenPart implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int part;
    private final List<IndexRange> runs;

    WrittenPart(int part, List<IndexRange> runs) {
        this.part = part;
        this.runs = List.copyOf(runs);
    }

    /** The part's number, as given to {@link Catalog#writePart}. */
    public int part() {
        return part;
    }

    /** The runs of indexes written, ascending. */
    public List<IndexRange> runs() {
        return runs;
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
