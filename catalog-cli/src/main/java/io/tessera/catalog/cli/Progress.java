package io.tessera.catalog.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on a terminal; silent when the output is not a terminal, so logs and
 * pipes stay clean.
 */
final class Progress implements AutoCloseable {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private long done;
    private long lastDraw;

    Progress(PrintWriter err, String label, long total) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = System.console() != null;
    }

    void step(long n) {
        done += n;
        long now = System.nanoTime();
        if (enabled && now - lastDraw > 100_000_000L) {
            lastDraw = now;
            draw();
        }
    }

    private void draw() {
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            err.print("\r" + label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total);
        } else {
            err.print("\r" + label + " " + done);
        }
        err.flush();
    }

    @Override
    public void close() {
        if (enabled) {
            draw();
            err.println();
        }
    }
}
