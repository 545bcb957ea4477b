package io.tessera.catalog.serve;

import java.util.Objects;

/**
 * How a {@link TileServer} listens and what it may spend: the address and port, the in-memory
 * cache of decoded tiles and encoded responses, and how many requests it works on at once (more
 * wait, then get 503). Immutable; start from {@link #DEFAULT}.
 *
 * @param bind the address to listen on; loopback by default, so nothing is exposed unasked
 * @param port the TCP port, or 0 for any free one
 * @param cacheMiB the cache's size in MiB (0 turns it off)
 * @param maxConcurrent requests rendered at once
 */
public record ServerOptions(String bind, int port, int cacheMiB, int maxConcurrent) {

    /** 127.0.0.1:8080, a 256 MiB cache, two renders per core. */
    public static final ServerOptions DEFAULT = new ServerOptions("127.0.0.1", 8080, 256,
            2 * Runtime.getRuntime().availableProcessors());

    public ServerOptions {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not 0..65535");
        }
        if (cacheMiB < 0) {
            throw new IllegalArgumentException("cache size " + cacheMiB + " MiB is negative");
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("at least one request must be served at a time, not " + maxConcurrent);
        }
    }

    public ServerOptions withBind(String address) {
        return new ServerOptions(address, port, cacheMiB, maxConcurrent);
    }

    public ServerOptions withPort(int p) {
        return new ServerOptions(bind, p, cacheMiB, maxConcurrent);
    }

    public ServerOptions withCacheMiB(int mib) {
        return new ServerOptions(bind, port, mib, maxConcurrent);
    }

    public ServerOptions withMaxConcurrent(int n) {
        return new ServerOptions(bind, port, cacheMiB, n);
    }
}
