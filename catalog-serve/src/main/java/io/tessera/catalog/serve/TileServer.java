package io.tessera.catalog.serve;

import com.sun.net.httpserver.HttpServer;
import io.tessera.catalog.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read-only map of every layer of a catalog over HTTP, for a browser or any XYZ map client:
 *
 * <ul>
 *   <li>{@code GET /} — a viewer page (Leaflet, served from the jar, so it works offline);
 *   <li>{@code GET /layers} — the layers as JSON (zooms, key type, CRS, lon/lat bounds, cell type,
 *       bands, instants) and {@code GET /layers/{name}/tilejson.json} — TileJSON 3.0.0;
 *   <li>{@code GET /tiles/{name}/{z}/{x}/{y}.png[?time=&ramp=&bands=&stretch=]} — a Web Mercator map
 *       tile: one band through a colour ramp stretched by the layer's histogram (its stored
 *       {@code histogram} attribute, else one computed from a coarse zoom), or three bands as RGB,
 *       NoData transparent; {@code .tif} gives the tile's cells as a GeoTIFF. Layers in another CRS
 *       or layout are reprojected on the fly, and zooms past the deepest are resampled from it;
 *       a tile without data is 204;
 *   <li>{@code GET /values/{name}?lon=&lat=[&time=]} — the cell values at a point.
 * </ul>
 *
 * Responses carry ETags (304 on {@code If-None-Match}), Cache-Control and CORS headers; JSON is
 * gzipped when the client accepts it. The catalog stays the caller's: close the server, then the
 * catalog.
 *
 * <pre>{@code
 * try (Catalog catalog = Catalog.open("file:///data/catalog");
 *      TileServer server = TileServer.start(catalog, ServerOptions.DEFAULT.withPort(0))) {
 *     System.out.println("map at " + server.uri());
 *     ...
 * }
 * }</pre>
 */
public final class TileServer implements AutoCloseable {

    static {
        // Without TCP_NODELAY, a keep-alive client's delayed ACK holds the last segment of each
        // response for ~40 ms (measured: 45 ms for a cached tile, 2 ms with it). The JDK server reads
        // this once, when its first instance is made.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Threads that hold connections; rendering is bounded separately by {@link ServerOptions#maxConcurrent()}. */
    private static final int CONNECTION_THREADS = 32;

    private final HttpServer http;
    private final ExecutorService threads;

    private TileServer(HttpServer http, ExecutorService threads) {
        this.http = http;
        this.threads = threads;
    }

    /**
     * Starts serving {@code catalog}.
     *
     * @throws UncheckedIOException when the address cannot be bound (the port is taken, say)
     */
    public static TileServer start(Catalog catalog, ServerOptions options) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(options, "options");
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(options.bind(), options.port()), 128);
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException("cannot listen on " + options.bind() + ":" + options.port()
                    + ": " + e.getMessage() + " (another server on that port? choose one with --port)", e));
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory named = r -> {
            Thread t = new Thread(r, "tessera-serve-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(CONNECTION_THREADS, options.maxConcurrent()), named);
        http.setExecutor(threads);
        http.createContext("/", new Routes(catalog, options));
        http.start();
        return new TileServer(http, threads);
    }

    /** The port listened on (the one chosen when the options said 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The server's root, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String host = http.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : http.getAddress().getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /** Stops listening, lets requests in progress finish for up to a second, and frees the threads. */
    @Override
    public void close() {
        http.stop(1);
        threads.shutdownNow();
    }
}
