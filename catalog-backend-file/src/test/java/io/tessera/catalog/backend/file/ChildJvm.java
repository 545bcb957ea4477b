package io.tessera.catalog.backend.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writers in child JVMs, for tests that kill or race real processes. */
final class ChildJvm {

    private ChildJvm() {
    }

    /** Starts {@code main} of {@code mainClass} with this JVM's class path, output to {@code log}. */
    static Process start(Class<?> mainClass, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Slows a writer down so that a test can act while it writes. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
