package io.tessera.catalog.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Catalog operations in child JVMs, for tests that kill or race real processes. The child gets
 * this JVM's class path and the {@code aws.*} system properties (the S3 tests' credentials).
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** Starts {@code main} of {@code mainClass} with this JVM's class path, output to {@code log}. */
    public static Process start(Class<?> mainClass, Path log, String... args) throws IOException {
        return start(mainClass, log, Map.of(), args);
    }

    /** {@link #start(Class, Path, String...)} with {@code environment} added to this JVM's. */
    public static Process start(Class<?> mainClass, Path log, Map<String, String> environment, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        System.getProperties().stringPropertyNames().stream().filter(p -> p.startsWith("aws.")).sorted()
                .forEach(p -> cmd.add("-D" + p + "=" + System.getProperty(p)));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        ProcessBuilder child = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        child.environment().putAll(environment);
        return child.start();
    }

    /** Slows a writer down so that a test can act while it writes. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
