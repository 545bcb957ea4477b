package io.tessera.catalog.cli;

import io.tessera.catalog.WriteOptions;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The key index options of commands that write a layer with a new index. */
final class IndexOptions {

    @Option(names = "--index", paramLabel = "zorder|hilbert|rowmajor", description = "Key index of the written layer.")
    String index;

    @Option(names = "--time-unit", defaultValue = "days", description = "Z-order time bin unit (default: ${DEFAULT-VALUE}).")
    String timeUnit;

    @Option(names = "--time-count", defaultValue = "1", description = "Units per z-order time bin (default: ${DEFAULT-VALUE}).")
    int timeCount;

    @Option(names = "--hilbert-time-bits", defaultValue = "8", description = "Hilbert time resolution bits (default: ${DEFAULT-VALUE}).")
    int hilbertBits;

    /** The options, or empty when no {@code --index} was given. */
    Optional<WriteOptions> writeOptions() {
        return index == null ? Optional.empty() : Optional.of(Parsing.writeOptions(index, timeUnit, timeCount, hilbertBits));
    }
}
