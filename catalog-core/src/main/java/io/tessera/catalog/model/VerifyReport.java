package io.tessera.catalog.model;

import java.util.List;

/**
 * What an integrity check of one layer found: every record decoded, every key checked against the
 * layer's bounds and index, every band's cell type against the layer's, and — for layers with a
 * record inventory (every layer this library writes) — every inventoried record present.
 *
 * @param layer the layer checked
 * @param records records read
 * @param missingRecords records the layer's inventory lists that the storage does not have (always 0
 *     for a layer without an inventory, such as one GeoTrellis wrote)
 * @param tiles tiles decoded
 * @param undecodableRecords records that could not be decoded
 * @param keysOutsideBounds tiles whose key is outside the layer's metadata bounds
 * @param misplacedKeys tiles stored in a record whose index is not their key's index
 * @param cellTypeMismatches bands whose cell type differs from the layer's
 * @param problems a line per problem, the first {@value #MAX_PROBLEM_LINES} at most
 */
public record VerifyReport(LayerId layer, long records, long missingRecords, long tiles, long undecodableRecords, long keysOutsideBounds,
        long misplacedKeys, long cellTypeMismatches, List<String> problems) {

    /** Problem lines kept in a report; counts go on past it. */
    public static final int MAX_PROBLEM_LINES = 20;

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** True when nothing is wrong. */
    public boolean ok() {
        return missingRecords == 0 && undecodableRecords == 0 && keysOutsideBounds == 0 && misplacedKeys == 0 && cellTypeMismatches == 0
                && problems.isEmpty();
    }
}
