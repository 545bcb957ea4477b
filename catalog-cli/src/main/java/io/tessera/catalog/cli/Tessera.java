package io.tessera.catalog.cli;

import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The {@code tessera} command: inspect, query, copy, verify and demo tiled raster catalogs on
 * any backend on the classpath. Errors print one line (the stack trace with {@code --verbose})
 * and exit non-zero.
 */
@Command(name = "tessera", mixinStandardHelpOptions = true, version = "tessera 0.1.0",
        description = "Tiled raster catalogs, GeoTrellis-compatible, on file, HDFS, S3, Cassandra, HBase and Accumulo.",
        subcommands = {LayersCommand.class, InfoCommand.class, ReadValueCommand.class, QueryCommand.class,
            CopyCommand.class, MoveCommand.class, DeleteCommand.class, ReindexCommand.class, AttributesCommand.class,
            VerifyCommand.class, IngestCommand.class, ExportCommand.class, ServeCommand.class, DemoCommand.class})
public final class Tessera implements Runnable {

    /** Exit code of {@code read-value} when the layer has no tile at the key. */
    public static final int EXIT_ABSENT = 3;
    /** Exit code of {@code verify} when it found problems. */
    public static final int EXIT_PROBLEMS = 4;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Tessera root = new Tessera();
        return execute(new CommandLine(root), "tessera", () -> root.verbose, args, out, err);
    }

    /**
     * Runs a command line whose errors print as one line starting with {@code name} (the stack
     * trace when {@code verbose} says so); returns the exit code: 2 for bad input, 1 for other errors.
     */
    static int execute(CommandLine cl, String name, BooleanSupplier verbose, String[] args, PrintWriter out,
            PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (verbose.getAsBoolean()) {
                e.printStackTrace(line.getErr());
            } else {
                line.getErr().println(name + ": " + message(e));
            }
            return e instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl.execute(args);
    }

    /**
     * One line that says what went wrong, never a Java class name: the message of the error, or of
     * its cause for wrappers such as {@code UncheckedIOException}.
     */
    static String message(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.io.UncheckedIOException || t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return "unexpected internal error (" + (t instanceof OutOfMemoryError ? "out of memory; give java a larger -Xmx"
                    : "run again with --verbose to see where") + ")";
        }
        return m.replaceAll("\\s*\\R\\s*", " ");
    }
}
