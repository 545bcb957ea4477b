package io.tessera.catalog.testkit;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of the child server JVM: runs the real main class given as the first argument and
 * exits when its stdin (a pipe from the test JVM) closes, so a test JVM killed with -9 leaves no
 * server behind — nor any process the server forked (MiniAccumuloCluster forks its servers).
 */
public final class ParentWatchdog {

    private ParentWatchdog() {
    }

    public static void main(String[] args) throws Exception {
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // Drain until the parent's end of the pipe closes.
                }
            } catch (Exception ignored) {
                // A broken pipe means the parent is gone too.
            }
            System.err.println("parent gone, exiting");
            stopDescendants();
            Runtime.getRuntime().halt(0);
        }, "parent-watchdog");
        watch.setDaemon(true);
        watch.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    /** Stops every process this JVM forked, and theirs: politely, then after 10 s by force. */
    public static void stopDescendants() {
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
}
