package io.tessera.catalog.spi;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Which process wrote something that outlives a write while it runs (a staging directory, a
 * pending change of a layer): host name, process id and the process's start, so that what a dead
 * writer left can be told apart from the work of a live one. Written as {@code "host pid start"}.
 *
 * @param host the machine's name
 * @param pid the process id
 * @param started when the process started, or null when the platform does not say
 */
public record WriterIdentity(String host, long pid, Instant started) {

    /** Whether the writer of something left behind still runs. */
    public enum Liveness {
        /** It runs on this host. */
        ALIVE,
        /** It ran on this host and is gone (or its process id now belongs to a later process). */
        DEAD,
        /** It runs or ran on another host: only time can tell. */
        UNKNOWN
    }

    /** How long what a writer on another host left may stand untouched before it counts as abandoned. */
    public static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    public WriterIdentity {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || host.contains(" ")) {
            throw new IllegalArgumentException("a host name without spaces, got '" + host + "'");
        }
    }

    /** This process. */
    public static WriterIdentity current() {
        return Current.IDENTITY;
    }

    /** This machine's name, looked up once: the lookup may ask DNS, which is slow where it is misconfigured. */
    public static String localHost() {
        return Current.IDENTITY.host();
    }

    /** An identity as {@link #toString()} writes it, or empty when the text is not one. */
    public static Optional<WriterIdentity> parse(String text) {
        String[] f = text.trim().split(" ");
        if (f.length < 2 || f[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant started = f.length >= 3 && !f[2].equals("-") ? Instant.parse(f[2]) : null;
            return Optional.of(new WriterIdentity(f[0], Long.parseLong(f[1]), started));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Whether this writer still runs, as far as this machine can tell. */
    public Liveness liveness() {
        if (!host.equals(localHost())) {
            return Liveness.UNKNOWN;
        }
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty() || !p.get().isAlive()) {
            return Liveness.DEAD;
        }
        Optional<Instant> start = p.get().info().startInstant();
        if (started != null && start.isPresent() && !sameSecond(start.get(), started)) {
            return Liveness.DEAD;
        }
        return Liveness.ALIVE;
    }

    /**
     * True when what this writer left, last touched at {@code since}, is abandoned: the writer is
     * dead on this host, or runs (or ran) on another and nothing has happened for
     * {@link #ABANDONED_AFTER}.
     */
    public boolean abandoned(Instant since) {
        Liveness l = liveness();
        return l == Liveness.DEAD || (l == Liveness.UNKNOWN && since.isBefore(Instant.now().minus(ABANDONED_AFTER)));
    }

    private static boolean sameSecond(Instant a, Instant b) {
        return Math.abs(a.getEpochSecond() - b.getEpochSecond()) <= 1;
    }

    @Override
    public String toString() {
        return host + " " + pid + " " + (started == null ? "-" : started.toString());
    }

    private static final class Current {
        static final WriterIdentity IDENTITY = lookup();

        private static WriterIdentity lookup() {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = ManagementFactory.getRuntimeMXBean().getName();
            }
            ProcessHandle self = ProcessHandle.current();
            return new WriterIdentity(host.replace(' ', '_'), self.pid(), self.info().startInstant().orElse(null));
        }
    }
}
