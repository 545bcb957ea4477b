package io.tessera.catalog.model;

import java.util.List;

/**
 * What an integrity check of one layer found: every record decoded, every key checked against the
 * layer's bounds and index, every band's cell type against the layer's.
 *
 * @param layer the layer checked
 * @param records records read
 * @param tiles tiles decoded
 * @param undecodableRecords records that could not be decoded
 * @param keysOutsideBounds tiles whose key is outside the layer's metadata bounds
 * @param misplacedKeys tiles stored in a record whose index is not their key's index
 * @param cellTypeMismatches bands whose cell type differs from the layer's
 * @param problems a line per problem, the first {@value #MAX_PROBLEM_LINES} at most
 */
public record VerifyReport(LayerId layer, long records, long tiles, long undecodableRecords, long keysOutsideBounds,
        long misplacedKeys, long cellTypeMismatches, List<String> problems) {

    /** Problem lines kept in a report; counts go on past it. */
    public static final int MAX_PROBLEM_LINES = 20;

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** True when nothing is wrong. */
    public boolean ok() {
        return undecodableRecords == 0 && keysOutsideBounds == 0 && misplacedKeys == 0 && cellTypeMismatches == 0
                && problems.isEmpty();
    }
}
