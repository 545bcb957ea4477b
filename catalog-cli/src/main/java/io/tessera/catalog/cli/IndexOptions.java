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

    @Option(names = "--compression-level", paramLabel = "0-9", description = "zlib level of the written records:"
            + " 1 is fastest, 9 smallest (default: 6, GeoTrellis's; the catalog option compression-level).")
    Integer compressionLevel;

    /**
     * The options, or empty when no {@code --index} was given (records are then copied as they are).
     *
     * @throws IllegalArgumentException when {@code --compression-level} is given without {@code --index}
     */
    Optional<WriteOptions> writeOptions() {
        if (index == null) {
            if (compressionLevel != null) {
                throw new IllegalArgumentException("--compression-level applies to records written anew: give --index"
                        + " too (without it records are kept as they are)");
            }
            return Optional.empty();
        }
        return Optional.of(leveled(Parsing.writeOptions(index, timeUnit, timeCount, hilbertBits)));
    }

    /** The options, z-order by default, for commands that always write records anew. */
    WriteOptions writeOptionsOrDefault() {
        return leveled(index == null ? WriteOptions.DEFAULT : Parsing.writeOptions(index, timeUnit, timeCount, hilbertBits));
    }

    private WriteOptions leveled(WriteOptions o) {
        return compressionLevel == null ? o : o.withCompressionLevel(compressionLevel);
    }
}
