package io.tessera.catalog.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real server for a backend's tests (s3proxy, a Cassandra node) in a child JVM of its own, so its
 * dependencies and JVM-wide settings never meet the test's. It listens on 127.0.0.1 only, is
 * stopped by PID from a shutdown hook, and runs under {@link ParentWatchdog}, so a test JVM killed
 * with -9 leaves no server behind.
 */
public final class ForkedServer {

    private final String name;
    private final Process process;
    private final Path log;

    private ForkedServer(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** A TCP port free on 127.0.0.1 now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /**
     * Starts {@code mainClass} with {@code jvmOptions} on {@code classPath} and waits until it accepts
     * connections on {@code port}.
     *
     * @throws IllegalStateException naming the log when the server exits or does not open its port in time
     */
    public static ForkedServer start(String name, List<String> jvmOptions, String classPath, String mainClass,
            List<String> args, int port, Duration timeout, Path log) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classPath + File.pathSeparator + codeOf(ParentWatchdog.class));
        cmd.add(ParentWatchdog.class.getName());
        cmd.add(mainClass);
        cmd.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        ForkedServer server = new ForkedServer(name, p, log);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, name + "-stop"));
        server.awaitPort(port, timeout);
        return server;
    }

    private void awaitPort(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    stop();
                    throw new IllegalStateException(name + " did not open port " + port + " in " + timeout.toSeconds()
                            + " s; see " + log);
                }
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a server", e);
        }
    }

    /** A readiness check: true when ready; an exception means not yet, too. */
    @FunctionalInterface
    public interface Readiness {
        boolean ready() throws Exception;
    }

    /**
     * Waits until {@code check} says the server is ready, for servers that open their port before
     * they serve (a database still making its first user, a master still starting).
     *
     * @throws IllegalStateException naming {@code what} and the log when the server exits or is not ready
     *     in time (it is stopped then)
     */
    public void awaitReady(String what, Duration timeout, Readiness check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (process.isAlive() && System.nanoTime() < deadline) {
            try {
                if (check.ready()) {
                    return;
                }
            } catch (Exception notYet) {
                last = notYet;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        stop();
        throw new IllegalStateException(name + ": " + what + " not in " + timeout.toSeconds() + " s; see " + log, last);
    }

    /** Whether the server process is running. */
    public boolean alive() {
        return process.isAlive();
    }

    /**
     * Stops the server (SIGTERM, then SIGKILL after 30 s), and any process it forked that outlives it
     * (an orderly stop takes those down itself; a forced one cannot).
     */
    public void stop() {
        List<ProcessHandle> forked = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        forked.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The class path entry (jar or directory) a class was loaded from. */
    public static String codeOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
