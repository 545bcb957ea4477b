package io.tessera.catalog.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code SRC_URI DST_URI NAME [--zoom Z] [--to NAME]} of {@code tessera copy} and {@code tessera-spark copy}. */
final class CopyArgs {

    @Parameters(index = "0", paramLabel = "SRC_URI")
    String src;

    @Parameters(index = "1", paramLabel = "DST_URI")
    String dst;

    @Parameters(index = "2", paramLabel = "NAME")
    String name;

    @Option(names = "--zoom", paramLabel = "Z", description = "Copy only this zoom.")
    Integer zoom;

    @Option(names = "--to", paramLabel = "NAME", description = "Name in the destination (default: the same).")
    String to;

    /** The layer's name in the destination. */
    String target() {
        return to == null ? name : to;
    }
}
