package io.tessera.catalog.index;

import java.io.Serializable;

/**
 * An inclusive run of key index values, {@code start..end}. Readers probe every index in it.
 *
 * @param start first index of the run
 * @param end   last index of the run, {@code >= start}
 */
public record IndexRange(long start, long end) implements Serializable {

    public IndexRange {
        if (start > end) {
            throw new IllegalArgumentException("index range start " + start + " is after its end " + end);
        }
    }

    /** True when {@code index} lies in this range, both ends inclusive. */
    public boolean contains(long index) {
        return index >= start && index <= end;
    }

    @Override
    public String toString() {
        return "(" + start + "," + end + ")";
    }
}
