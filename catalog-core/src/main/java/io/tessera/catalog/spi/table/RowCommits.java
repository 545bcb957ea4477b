package io.tessera.catalog.spi.table;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.spi.CommitOutcome;
import io.tessera.catalog.spi.LayerDocuments;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Commits as one conditional mutation of a layer's attribute row, where the layer's documents and
 * its claim are cells (HBase, Accumulo), in stores whose deletes hide every write of their
 * timestamp, even one made after them in the same millisecond: a step the store reports applied is
 * read back, and made again a moment later when a delete of its millisecond hid it (a layer dropped
 * and created again at once, a claim released and taken again).
 */
public final class RowCommits {

    /** How often a step whose cells a delete of the same millisecond hid is made. */
    static final int ATTEMPTS = 5;

    private RowCommits() {
    }

    /** One try of a step: {@link CommitOutcome#COMMITTED} when applied, else the outcome that ends it. */
    @FunctionalInterface
    public interface Attempt {
        CommitOutcome apply();
    }

    /**
     * Runs a step until what it stored is visible.
     *
     * @param visible whether the row now holds what the step stores (read back)
     * @param what the step, for messages
     * @return the attempt's outcome, or {@link CommitOutcome#UNKNOWN} when an applied step stayed hidden
     */
    public static CommitOutcome untilVisible(Attempt attempt, BooleanSupplier visible, String what) {
        for (int n = 1; ; n++) {
            CommitOutcome outcome = attempt.apply();
            if (outcome != CommitOutcome.COMMITTED || visible.getAsBoolean()) {
                return outcome;
            }
            if (n == ATTEMPTS) {
                return CommitOutcome.UNKNOWN;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CatalogIOException("interrupted while trying to " + what, e);
            }
        }
    }

    /** What the row holds after a step: each name's document, or null where {@code after} (null: none) lacks it. */
    public static Map<String, byte[]> after(Set<String> names, LayerDocuments after) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String n : names) {
            out.put(n, after != null && after.names().contains(n) ? after.get(n) : null);
        }
        return out;
    }

    /** Whether {@code stored} holds exactly {@code after} (null: no cell). */
    public static boolean holds(Map<String, byte[]> stored, Map<String, byte[]> after) {
        for (Map.Entry<String, byte[]> e : after.entrySet()) {
            if (!Arrays.equals(e.getValue(), stored.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
