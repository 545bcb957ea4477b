package io.tessera.catalog.spi.tree;

/**
 * A create batch of a {@link FileTree} backend: its records are written to a staging directory of
 * its own (see {@link TreeStaging}) that {@link TreeCommits} renames into the layer's directory.
 */
public interface StagedBatch {

    /** The directory the batch writes to. */
    String staging();

    /** The layer's directory, where a commit publishes the records. */
    String target();
}
