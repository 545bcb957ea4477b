package io.tessera.catalog.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.ingest.Ingest;
import io.tessera.catalog.ingest.IngestOptions;
import io.tessera.catalog.ingest.IngestPlan;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.serve.ServerOptions;
import io.tessera.catalog.serve.TileServer;
import io.tessera.catalog.warp.ResampleMethod;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Issue 18's measurements, on 127.0.0.1 with a bounded load generator (a fixed number of client
 * threads, each sending its next request when the last is answered, over keep-alive connections):
 *
 * <ol>
 *   <li>the HTTP server library: the same PNG tile bytes served by the JDK's {@code HttpServer} and
 *       by Jetty 12 — requests/s, p50 and p99 latency — and what each adds to the CLI jar;
 *   <li>{@code TileServer} itself on elevation.tif as a Web Mercator pyramid (stored tiles, and
 *       over-zoomed ones two zooms past the deepest) and as an EPSG:4326 pyramid (every tile
 *       reprojected): cold (a fresh server per round, each tile asked once) and cached (the same
 *       tiles asked again and again).
 * </ol>
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.tessera.catalog.benchmarks.ServeBenchmark [--tif FILE]
 * [--clients 8] [--rounds 5]}. Prints one JSON object per measurement.
 */
public final class ServeBenchmark {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(4)).build();

    private ServeBenchmark() {
    }

    /** Latencies of one load run. */
    record Result(String name, int requests, int failures, double seconds, long[] micros) {
        String json() {
            long[] sorted = micros.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "{\"measurement\":\"%s\",\"requests\":%d,\"failures\":%d,\"perSecond\":%.1f,"
                    + "\"p50Ms\":%.2f,\"p99Ms\":%.2f}", name, requests, failures, requests / seconds,
                    at(sorted, 0.50) / 1000.0, at(sorted, 0.99) / 1000.0);
        }

        private static long at(long[] sorted, double q) {
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
        }
    }

    public static void main(String[] args) throws Exception {
        Path tif = Path.of("catalog-raster/src/test/resources/geotiff/real/elevation.tif");
        int clients = 8;
        int rounds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tif" -> tif = Path.of(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: ServeBenchmark [--tif FILE] [--clients 8] [--rounds 5]");
                    System.exit(2);
                }
            }
        }
        System.out.printf(Locale.ROOT, "{\"machine\":\"%d cores\",\"jdk\":\"%s\",\"clients\":%d}%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), clients);
        Path dir = Files.createTempDirectory("serve-bench");
        try (Catalog catalog = Catalog.open(dir.resolve("catalog").toUri().toString())) {
            int top = layers(catalog, tif);
            List<String> stored = tiles(catalog, top, 0);
            List<String> over = tiles(catalog, top, 2);
            byte[] png;
            try (TileServer s = TileServer.start(catalog, ServerOptions.DEFAULT.withPort(0))) {
                png = CLIENT.send(HttpRequest.newBuilder(s.uri().resolve("/tiles/dem/" + stored.get(stored.size() / 2) + ".png"))
                        .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
            }
            System.out.printf(Locale.ROOT, "{\"tileBytes\":%d,\"storedTiles\":%d,\"overZoomTiles\":%d}%n", png.length,
                    stored.size(), over.size());
            serverLibraries(png, clients);
            tileServer(catalog, "stored Web Mercator", "dem", stored, clients, rounds);
            tileServer(catalog, "over-zoom +2", "dem", over, clients, rounds);
            tileServer(catalog, "reprojected from EPSG:4326", "dem-4326", stored, clients, rounds);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
            CLIENT.executor().ifPresent(e -> ((ExecutorService) e).shutdownNow());
        }
    }

    /** "dem" as a Web Mercator pyramid and "dem-4326" as a geographic one; returns dem's deepest zoom. */
    private static int layers(Catalog catalog, Path tif) {
        IngestOptions o = IngestOptions.DEFAULT.withNoData(Double.NaN);
        int top;
        try (IngestPlan<SpatialKey> plan = Ingest.spatial(List.of(tif), o.withTargetCrs(CRS.WEB_MERCATOR)
                .withResample(ResampleMethod.BILINEAR))) {
            top = plan.zoom().getAsInt();
            catalog.writePyramid("dem", plan.pyramid(ResampleMethod.AVERAGE, top - 3));
        }
        try (IngestPlan<SpatialKey> plan = Ingest.spatial(List.of(tif), o.withTargetCrs(CRS.LAT_LNG))) {
            catalog.writePyramid("dem-4326", plan.pyramid(ResampleMethod.NEAREST, plan.zoom().getAsInt() - 3));
        }
        return top;
    }

    /** "z/x/y" of the map tiles over dem's deepest zoom's tiles, {@code deeper} zooms past it. */
    private static List<String> tiles(Catalog catalog, int top, int deeper) {
        List<String> out = new ArrayList<>();
        try (var tiles = catalog.query("dem", top, SpatialKey.class).stream()) {
            tiles.forEach(t -> {
                int n = 1 << deeper;
                for (int dy = 0; dy < n; dy++) {
                    for (int dx = 0; dx < n; dx++) {
                        out.add((top + deeper) + "/" + (t.key().col() * n + dx) + "/" + (t.key().row() * n + dy));
                    }
                }
            });
        }
        return out;
    }

    private static void tileServer(Catalog catalog, String what, String layer, List<String> tiles, int clients, int rounds)
            throws Exception {
        List<Result> cold = new ArrayList<>();
        Result cached = null;
        for (int r = 0; r < rounds; r++) {
            try (TileServer s = TileServer.start(catalog, ServerOptions.DEFAULT.withPort(0))) {
                Function<Integer, URI> uri = i -> s.uri().resolve("/tiles/" + layer + "/" + tiles.get(i % tiles.size()) + ".png");
                // The layer list is read once per server: not part of a tile's time.
                CLIENT.send(HttpRequest.newBuilder(s.uri().resolve("/layers")).build(), HttpResponse.BodyHandlers.discarding());
                cold.add(load(what + ", cold", uri, tiles.size(), clients));
                if (r == rounds - 1) {
                    cached = load(what + ", cached", uri, Math.max(2000, tiles.size() * 20), clients);
                }
            }
        }
        long[] all = cold.stream().flatMapToLong(x -> Arrays.stream(x.micros())).toArray();
        System.out.println(new Result(what + ", cold", all.length, cold.stream().mapToInt(Result::failures).sum(),
                cold.stream().mapToDouble(Result::seconds).sum(), all).json());
        System.out.println(cached.json());
    }

    private static void serverLibraries(byte[] body, int clients) throws Exception {
        HttpServer jdk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        jdk.setExecutor(Executors.newFixedThreadPool(32));
        jdk.createContext("/", ex -> {
            ex.getResponseHeaders().set("Content-Type", "image/png");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        jdk.start();
        Server jetty = new Server(new QueuedThreadPool(32));
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "image/png");
                response.write(true, ByteBuffer.wrap(body), callback);
                return true;
            }
        });
        jetty.start();
        try {
            int jdkPort = jdk.getAddress().getPort();
            int jettyPort = connector.getLocalPort();
            for (int round = 0; round < 3; round++) {
                // Alternate, so neither always runs on a warmer JVM.
                System.out.println(load("JDK HttpServer, round " + round,
                        i -> URI.create("http://127.0.0.1:" + jdkPort + "/t/" + (i % 97)), 20000, clients).json());
                System.out.println(load("Jetty 12, round " + round,
                        i -> URI.create("http://127.0.0.1:" + jettyPort + "/t/" + (i % 97)), 20000, clients).json());
            }
        } finally {
            jdk.stop(0);
            ((ExecutorService) jdk.getExecutor()).shutdownNow();
            jetty.stop();
        }
    }

    /** {@code requests} GETs of {@code uri(i)} from {@code clients} threads, each waiting for its answer. */
    private static Result load(String name, Function<Integer, URI> uri, int requests, int clients) throws Exception {
        long[] micros = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                    long s = System.nanoTime();
                    try {
                        HttpResponse<Void> r = CLIENT.send(HttpRequest.newBuilder(uri.apply(i)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        if (r.statusCode() / 100 != 2) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.incrementAndGet();
                    }
                    micros[i] = (System.nanoTime() - s) / 1000;
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        return new Result(name, requests, failures.get(), (System.nanoTime() - t0) / 1e9, micros);
    }
}
