package io.tessera.catalog.cli;

import java.io.PrintWriter;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code tessera-spark} command, run with {@code spark-submit}: ingest GeoTIFFs with their
 * pyramid, copy and reindex layers too large for one machine, on any backend. Errors print one
 * line, as {@code tessera}'s do.
 */
@Command(name = "tessera-spark", mixinStandardHelpOptions = true, version = "tessera-spark 0.1.0",
        description = "Ingest, copy and reindex large layers on a Spark cluster (run it with spark-submit).",
        subcommands = {SparkIngestCommand.class, SparkCopyCommand.class, SparkReindexCommand.class})
public final class TesseraSpark implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The Spark context the subcommands run on. */
    final JavaSparkContext spark;

    private TesseraSpark(JavaSparkContext spark) {
        this.spark = spark;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /** Runs the command line on the Spark context {@code spark-submit} gives, and exits with its code. */
    public static void main(String[] args) {
        int code;
        try (JavaSparkContext spark = new JavaSparkContext(new SparkConf().setAppName("tessera-spark "
                + String.join(" ", args)))) {
            code = run(spark, args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        }
        System.exit(code);
    }

    /** Runs the command line on {@code spark} with the given streams; returns the exit code. */
    public static int run(JavaSparkContext spark, String[] args, PrintWriter out, PrintWriter err) {
        TesseraSpark root = new TesseraSpark(spark);
        return Tessera.execute(new CommandLine(root), "tessera-spark", () -> root.verbose, args, out, err);
    }
}
