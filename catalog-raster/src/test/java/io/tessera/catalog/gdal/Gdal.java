package io.tessera.catalog.gdal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the GDAL command-line tools, the oracle of the agreement tests. They are required, not
 * optional: a test that silently skipped without GDAL would prove nothing, so a missing GDAL fails
 * with the command that installs it ({@code .ci/run} does).
 */
public final class Gdal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Gdal() {
    }

    /**
     * Runs a GDAL tool and returns its standard output.
     *
     * @throws AssertionError when the tool is missing or exits non-zero, with its output
     */
    public static String run(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(tool);
        cmd.addAll(List.of(args));
        Process p;
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            // No .aux.xml side files: gdalinfo -stats would otherwise cache statistics next to test
            // resources, and gdal_translate would carry stale ones into its output.
            pb.environment().put("GDAL_PAM_ENABLED", "NO");
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError(tool + " is not installed; the GDAL agreement tests need gdal-bin "
                    + "(apt-get install gdal-bin)", e);
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish in 5 minutes");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot read the output of " + tool, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new AssertionError("interrupted running " + tool, e);
        }
    }

    /** {@code gdalinfo -json [extra...] file}, parsed. */
    public static JsonNode info(Path file, String... extra) {
        List<String> args = new ArrayList<>();
        args.add("-json");
        args.addAll(List.of(extra));
        args.add(file.toString());
        String out = run("gdalinfo", args.toArray(String[]::new));
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new AssertionError("gdalinfo -json printed something that is not JSON:\n" + out, e);
        }
    }
}
