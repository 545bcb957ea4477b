package io.tessera.catalog.spi;

/**
 * What a backend knows after one {@link LayerCommits} step. A backend answers {@link #UNKNOWN}
 * whenever it cannot tell (a timeout, a lost response, a retry that met its own earlier write);
 * the core then reads the layer back and compares, and never guesses.
 */
public enum CommitOutcome {

    /** The step took effect. */
    COMMITTED,

    /**
     * The step did not take effect because the stored state was not the expected one: for a create,
     * the layer exists; for a replace or drop, the layer changed or is gone.
     */
    CONFLICT,

    /** The step may or may not have taken effect. */
    UNKNOWN
}
