package io.tessera.catalog.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.geotiff.GeoTiffWriter;
import io.tessera.catalog.histogram.Histogram;
import io.tessera.catalog.layout.CellSize;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import io.tessera.catalog.render.ColorRamp;
import io.tessera.catalog.render.PngRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Every endpoint of the server: parses the request, answers 400 with the reason for bad
 * coordinates or parameters, 404 for unknown layers and paths, 204 for tiles without data, and
 * renders at most {@code maxConcurrent} requests at a time (others wait a while, then get 503).
 */
final class Routes implements HttpHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VIEWER = "/io/tessera/catalog/serve/viewer/";
    private static final String LEAFLET = "/META-INF/resources/webjars/leaflet/1.9.4/dist/";
    private static final Map<String, String> STATIC = Map.of(
            "/", VIEWER + "index.html", "/viewer.js", VIEWER + "viewer.js", "/viewer.css", VIEWER + "viewer.css",
            "/static/leaflet/leaflet.js", LEAFLET + "leaflet.js", "/static/leaflet/leaflet.css", LEAFLET + "leaflet.css",
            "/static/leaflet/images/layers.png", LEAFLET + "images/layers.png",
            "/static/leaflet/images/layers-2x.png", LEAFLET + "images/layers-2x.png",
            "/static/leaflet/images/marker-icon.png", LEAFLET + "images/marker-icon.png",
            "/static/leaflet/images/marker-icon-2x.png", LEAFLET + "images/marker-icon-2x.png",
            "/static/leaflet/images/marker-shadow.png", LEAFLET + "images/marker-shadow.png");
    private static final long WAIT_SECONDS = 10;

    private final Catalog catalog;
    private final LayerDirectory layers;
    private final MapTiles tiles;
    private final Stretches stretches;
    private final SizedCache<String, Reply> replies;
    private final Semaphore rendering;

    Routes(Catalog catalog, ServerOptions options) {
        this.catalog = catalog;
        this.layers = new LayerDirectory(catalog);
        long cacheBytes = (long) options.cacheMiB() << 20;
        // Half the budget for decoded tiles (they feed reprojected and over-zoomed tiles), half for responses.
        this.tiles = new MapTiles(catalog, new SizedCache<>(cacheBytes / 2, 60_000,
                t -> t.map(m -> (long) m.bandCount() * m.cols() * m.rows() * m.band(0).cellType().dataType().bytesPerCell())
                        .orElse(0L)));
        this.stretches = new Stretches(catalog);
        this.replies = new SizedCache<>(cacheBytes / 2, 60_000, r -> r.body().length);
        this.rendering = new Semaphore(options.maxConcurrent(), true);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Reply reply;
        try {
            reply = route(exchange);
        } catch (BadRequest e) {
            reply = Reply.error(e.status, e.getMessage());
        } catch (RuntimeException e) {
            reply = Reply.error(500, "cannot answer " + exchange.getRequestURI().getRawPath() + ": " + e.getMessage());
        }
        reply.send(exchange);
    }

    private Reply route(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        if (method.equalsIgnoreCase("OPTIONS")) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
            exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "If-None-Match");
            return Reply.empty(204, null);
        }
        if (!method.equalsIgnoreCase("GET") && !method.equalsIgnoreCase("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD, OPTIONS");
            throw new BadRequest(405, "the server is read-only: " + method + " is not allowed, only GET");
        }
        String path = exchange.getRequestURI().getRawPath();
        String resource = STATIC.get(path);
        if (resource != null) {
            return resource(resource);
        }
        List<String> parts = segments(path);
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (parts.size() == 1 && parts.get(0).equals("layers")) {
            return rendered(() -> Reply.json(layerList(), Reply.NO_CACHE));
        }
        if (parts.size() == 3 && parts.get(0).equals("layers") && parts.get(2).equals("tilejson.json")) {
            LayerSummary layer = layer(parts.get(1));
            return rendered(() -> Reply.json(tileJson(layer, exchange), Reply.NO_CACHE));
        }
        if (parts.size() == 5 && parts.get(0).equals("tiles")) {
            return tile(layer(parts.get(1)), parts.get(2), parts.get(3), parts.get(4), query, path);
        }
        if (parts.size() == 2 && parts.get(0).equals("values")) {
            LayerSummary layer = layer(parts.get(1));
            return rendered(() -> Reply.json(values(layer, query), Reply.NO_CACHE));
        }
        throw new BadRequest(404, "no such page: " + path + " (endpoints: /, /layers, /layers/{name}/tilejson.json,"
                + " /tiles/{name}/{z}/{x}/{y}.png, /values/{name}?lon=&lat=)");
    }

    private LayerSummary layer(String name) {
        return layers.find(name).orElseThrow(() -> new BadRequest(404, "no layer '" + name + "' in the catalog"));
    }

    private interface Work {
        Reply run();
    }

    /** Runs rendering work within the concurrency bound. */
    private Reply rendered(Work work) {
        boolean acquired;
        try {
            acquired = rendering.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BadRequest(503, "the server is stopping");
        }
        if (!acquired) {
            throw new BadRequest(503, "the server is busy; try again shortly");
        }
        try {
            return work.run();
        } finally {
            rendering.release();
        }
    }

    private Reply tile(LayerSummary layer, String zText, String xText, String yFile, Map<String, String> query,
            String path) {
        int dot = yFile.lastIndexOf('.');
        String format = dot < 0 ? "" : yFile.substring(dot + 1);
        if (!format.equals("png") && !format.equals("tif")) {
            throw new BadRequest(400, "tile format '" + format + "' is not png or tif");
        }
        int z = integer(zText, "z");
        int x = integer(xText, "x");
        int y = integer(yFile.substring(0, dot), "y");
        if (z < 0 || z > ZoomedLayoutScheme.MAX_ZOOM) {
            throw new BadRequest(400, "zoom " + z + " is not 0.." + ZoomedLayoutScheme.MAX_ZOOM);
        }
        long n = 1L << z;
        if (x < 0 || y < 0 || x >= n || y >= n) {
            throw new BadRequest(400, "tile " + x + "/" + y + " is outside zoom " + z + " (0.." + (n - 1) + ")");
        }
        Optional<Instant> time = time(layer, query.get("time"));
        int[] bands = bands(layer, query.get("bands"));
        ColorRamp ramp = ramp(query.getOrDefault("ramp", "viridis"));
        PngRenderer.Stretching stretching = stretching(query.getOrDefault("stretch", "auto"));
        String cacheKey = layer.version() + path + "?" + new TreeMap<>(query);
        Reply cached = replies.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        return rendered(() -> {
            Optional<MultibandTile> cells = tiles.tile(layer, z, x, y, time);
            Reply r;
            if (cells.isEmpty()) {
                r = Reply.empty(204, Reply.TILE_CACHE);
            } else if (format.equals("tif")) {
                // A GeoTIFF carries the cells, so every band unless some are asked for.
                MultibandTile chosen = query.containsKey("bands") ? select(cells.get(), bands) : cells.get();
                r = new Reply(200, "image/tiff", geoTiff(chosen, MapTiles.extent(z, x, y)), Reply.TILE_CACHE);
            } else {
                MultibandTile chosen = select(cells.get(), bands);
                List<Histogram> histograms = stretches.of(layer, bands.length >= 3 ? bands : new int[] {bands[0]});
                r = new Reply(200, "image/png", png(chosen, histograms, ramp, stretching), Reply.TILE_CACHE);
            }
            replies.put(cacheKey, r);
            return r;
        });
    }

    private static MultibandTile select(MultibandTile tile, int[] bands) {
        List<Tile> chosen = new ArrayList<>(bands.length);
        for (int b : bands) {
            chosen.add(tile.band(b));
        }
        return MultibandTile.of(chosen);
    }

    private static byte[] png(MultibandTile tile, List<Histogram> histograms, ColorRamp ramp,
            PngRenderer.Stretching stretching) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 << 10);
        try {
            ImageIO.write(PngRenderer.toImage(tile, histograms, ramp, stretching), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] geoTiff(MultibandTile tile, Extent extent) {
        Path file = null;
        try {
            file = Files.createTempFile("tessera-tile", ".tif");
            GeoTiffWriter.write(file, tile, extent, CRS.WEB_MERCATOR);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // A leftover temporary file in the system's temporary directory is harmless.
                }
            }
        }
    }

    private static Optional<Instant> time(LayerSummary layer, String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (layer.keyType() != KeyType.SPACE_TIME) {
            throw new BadRequest(400, "layer " + layer.name() + " is spatial: it has no time to select");
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new BadRequest(400, "time '" + text + "' is not an ISO-8601 instant such as 2017-01-01T00:00:00Z");
        }
    }

    /** The bands to draw: 0-based, one (through the ramp) or three (red, green, blue). */
    private static int[] bands(LayerSummary layer, String text) {
        if (text == null) {
            return layer.bandCount() >= 3 ? new int[] {0, 1, 2} : new int[] {0};
        }
        String[] parts = text.split(",");
        if (parts.length != 1 && parts.length != 3) {
            throw new BadRequest(400, "bands '" + text + "' must be one band or three (r,g,b), 0-based");
        }
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = integer(parts[i].trim(), "band");
            if (out[i] < 0 || out[i] >= layer.bandCount()) {
                throw new BadRequest(400, "band " + out[i] + " is not one of layer " + layer.name() + "'s bands 0.."
                        + (layer.bandCount() - 1));
            }
        }
        return out;
    }

    private static PngRenderer.Stretching stretching(String name) {
        for (PngRenderer.Stretching s : PngRenderer.Stretching.values()) {
            if (s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new BadRequest(400, "stretch '" + name + "' is not one of auto (equalise one band; RGB: uint8 as is,"
                + " others 2-98%), equalize, linear (2-98%), minmax");
    }

    private static ColorRamp ramp(String name) {
        try {
            return ColorRamp.named(name);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, e.getMessage());
        }
    }

    private String layerList() {
        ArrayNode out = JSON.createArrayNode();
        for (LayerSummary l : layers.all().values()) {
            ObjectNode n = out.addObject();
            n.put("name", l.name());
            ArrayNode zooms = n.putArray("zooms");
            l.zooms().forEach(zooms::add);
            n.put("keyType", l.keyType() == KeyType.SPACE_TIME ? "spacetime" : "spatial");
            TileLayerMetadata<?> md = l.metadata(l.maxZoom());
            n.put("crs", md.crs().epsgCode().isPresent() ? "EPSG:" + md.crs().epsgCode().getAsInt() : md.crs().toProj4().trim());
            bounds(n.putArray("bounds"), l.lonLat());
            n.put("cellType", md.cellType().name());
            n.put("bands", l.bandCount());
            ArrayNode instants = n.putArray("instants");
            l.instants().forEach(i -> instants.add(i.toString()));
            n.put("webMercator", l.webMercator());
            n.put("tilejson", "/layers/" + encode(l.name()) + "/tilejson.json");
        }
        return out.toString();
    }

    private String tileJson(LayerSummary layer, HttpExchange exchange) {
        String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host"))
                .orElse(exchange.getLocalAddress().getHostString() + ":" + exchange.getLocalAddress().getPort());
        int[] zooms = mapZooms(layer);
        ObjectNode n = JSON.createObjectNode();
        n.put("tilejson", "3.0.0");
        n.put("name", layer.name());
        n.putArray("tiles").add("http://" + host + "/tiles/" + encode(layer.name()) + "/{z}/{x}/{y}.png");
        n.put("minzoom", zooms[0]);
        n.put("maxzoom", zooms[1]);
        bounds(n.putArray("bounds"), layer.lonLat());
        Extent b = layer.lonLat();
        n.putArray("center").add((b.xmin() + b.xmax()) / 2).add((b.ymin() + b.ymax()) / 2).add(zooms[0]);
        return n.toString();
    }

    /**
     * The map zooms a layer fills: its own zooms when it is stored as map tiles, else 0 up to the
     * map zoom whose pixels are about the size of the layer's finest cells.
     */
    static int[] mapZooms(LayerSummary layer) {
        if (layer.webMercator()) {
            return new int[] {layer.minZoom(), layer.maxZoom()};
        }
        TileLayerMetadata<?> md = layer.metadata(layer.maxZoom());
        CellSize cs = md.layout().cellSize();
        Extent e = md.extent();
        Optional<Extent> metres = MapTiles.reproject(e, md.crs(), CRS.WEB_MERCATOR);
        if (metres.isEmpty()) {
            return new int[] {0, 0};
        }
        double cellMetres = metres.get().width() / Math.max(1, e.width() / cs.width());
        double world = ZoomedLayoutScheme.worldExtent(CRS.WEB_MERCATOR).width();
        int z = (int) Math.round(Math.log(world / (MapTiles.TILE_SIZE * cellMetres)) / Math.log(2));
        return new int[] {0, Math.max(0, Math.min(ZoomedLayoutScheme.MAX_ZOOM, z))};
    }

    private String values(LayerSummary layer, Map<String, String> query) {
        double lon = number(query.get("lon"), "lon");
        double lat = number(query.get("lat"), "lat");
        if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
            throw new BadRequest(400, "lon " + lon + ", lat " + lat + " is not on Earth (-180..180, -90..90)");
        }
        Optional<Instant> time = time(layer, query.get("time"));
        int zoom = layer.maxZoom();
        TileLayerMetadata<?> md = layer.metadata(zoom);
        ObjectNode n = JSON.createObjectNode();
        n.put("name", layer.name());
        n.put("zoom", zoom);
        double[] xy;
        try {
            xy = CRS.LAT_LNG.transformTo(md.crs()).apply(lon, lat);
        } catch (RuntimeException outside) {
            n.putNull("values");
            return n.toString();
        }
        if (!md.extent().contains(xy[0], xy[1])) {
            n.putNull("values");
            return n.toString();
        }
        SpatialKey sk = md.mapTransform().pointToKey(xy[0], xy[1]);
        LayerKey key = layer.keyType() == KeyType.SPACE_TIME
                ? new SpaceTimeKey(sk.col(), sk.row(), time.orElse(layer.latest()).toEpochMilli()) : sk;
        Optional<MultibandTile> tile = catalog.readValue(layer.name(), zoom, key);
        if (tile.isEmpty()) {
            n.putNull("values");
            return n.toString();
        }
        Extent ke = md.mapTransform().keyToExtent(sk);
        CellSize cs = md.layout().cellSize();
        int col = Math.min(md.layout().tileCols() - 1, (int) Math.floor((xy[0] - ke.xmin()) / cs.width()));
        int row = Math.min(md.layout().tileRows() - 1, (int) Math.floor((ke.ymax() - xy[1]) / cs.height()));
        n.put("col", col);
        n.put("row", row);
        ArrayNode values = n.putArray("values");
        for (int b = 0; b < tile.get().bandCount(); b++) {
            Tile band = tile.get().band(b);
            if (band.isNoData(col, row)) {
                values.addNull();
            } else if (band.cellType().isFloatingPoint()) {
                values.add(band.getDouble(band.index(col, row)));
            } else {
                values.add(band.getInt(band.index(col, row)));
            }
        }
        return n.toString();
    }

    private static void bounds(ArrayNode a, Extent e) {
        a.add(e.xmin()).add(e.ymin()).add(e.xmax()).add(e.ymax());
    }

    private static Reply resource(String name) {
        try (InputStream in = Routes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new BadRequest(404, "missing resource " + name);
            }
            String type = name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".js")
                    ? "application/javascript; charset=utf-8" : name.endsWith(".css") ? "text/css; charset=utf-8"
                    : "image/png";
            return new Reply(200, type, in.readAllBytes(), Reply.NO_CACHE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new TreeMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(k, v);
        }
        return out;
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int integer(String text, String what) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BadRequest(400, what + " '" + text + "' is not an integer");
        }
    }

    private static double number(String text, String what) {
        if (text == null) {
            throw new BadRequest(400, "give " + what + " (decimal degrees)");
        }
        try {
            double v = Double.parseDouble(text);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadRequest(400, what + " '" + text + "' is not a number");
        }
    }

    /** A request the server answers with an error status and a reason. */
    private static final class BadRequest extends RuntimeException {
        private final int status;

        BadRequest(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
