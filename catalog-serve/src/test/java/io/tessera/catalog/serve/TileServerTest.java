package io.tessera.catalog.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.export.Export;
import io.tessera.catalog.export.LayerRaster;
import io.tessera.catalog.gdal.Gdal;
import io.tessera.catalog.geotiff.GeoTiff;
import io.tessera.catalog.histogram.LayerHistograms;
import io.tessera.catalog.histogram.StreamingHistogram;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import io.tessera.catalog.render.ColorRamp;
import io.tessera.catalog.render.PngRenderer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server against real catalogs: the GeoTrellis-written fixture catalog (16-cell tiles, so
 * every map tile is warped from it), and one made here from elevation.tif as a Web Mercator
 * pyramid (served tile for tile) and as an EPSG:4326 pyramid (reprojected on the fly).
 */
class TileServerTest {

    static final Path FIXTURES = Path.of("../catalog-core/src/test/resources/fixtures/geotrellis-3.x/catalog")
            .toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;
    static Catalog fixtures;
    static Catalog demo;
    static TileServer fixtureServer;
    static TileServer demoServer;
    static int top;
    static StreamingHistogram storedHistogram;

    @BeforeAll
    static void serve() {
        fixtures = Catalog.open(FIXTURES.toUri().toString());
        demo = Catalog.open(dir.resolve("demo").toUri().toString());
        top = DemoLayers.webMercator(demo);
        DemoLayers.geographic(demo);
        // A copy whose stored histogram (as GeoTrellis users store one) says the values run 0..10.
        for (int z = DemoLayers.COARSEST; z <= top; z++) {
            demo.copy("dem", z, "dem-histogram");
        }
        StreamingHistogram narrow = new StreamingHistogram();
        for (int v = 0; v <= 10; v++) {
            narrow.countItem(v);
        }
        demo.attributeStore().layer("dem-histogram", top).write(Export.HISTOGRAM_ATTRIBUTE, narrow.toJson());
        storedHistogram = narrow;
        fixtureServer = TileServer.start(fixtures, ServerOptions.DEFAULT.withPort(0));
        demoServer = TileServer.start(demo, ServerOptions.DEFAULT.withPort(0).withCacheMiB(16));
    }

    @AfterAll
    static void stop() {
        fixtureServer.close();
        demoServer.close();
        fixtures.close();
        demo.close();
    }

    static HttpResponse<byte[]> get(TileServer server, String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve(path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static JsonNode json(HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static BufferedImage png(HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElseThrow());
        try {
            return ImageIO.read(new ByteArrayInputStream(r.body()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode layer(JsonNode layers, String name) {
        for (JsonNode l : layers) {
            if (l.get("name").asText().equals(name)) {
                return l;
            }
        }
        throw new AssertionError("no layer " + name + " in " + layers);
    }

    @Test
    void theLayerListDescribesEveryLayer() {
        JsonNode layers = json(get(fixtureServer, "/layers"));
        assertEquals(fixtures.layers().stream().map(id -> id.name()).distinct().count(), layers.size());
        assertEquals(3, json(get(demoServer, "/layers")).size(), "dem, dem-4326, dem-histogram");
        JsonNode zorder = layer(layers, "spatial-zorder");
        assertEquals("[2,3]", zorder.get("zooms").toString());
        assertEquals("spatial", zorder.get("keyType").asText());
        assertEquals("EPSG:3857", zorder.get("crs").asText());
        assertEquals("int16ud-9999", zorder.get("cellType").asText());
        assertEquals(2, zorder.get("bands").asInt());
        assertFalse(zorder.get("webMercator").asBoolean(), "16-cell tiles are not map tiles");
        // The zoom-2 extent: cols 1..5 x rows 2..5 at zoom 3 is -135..90 degrees of longitude.
        assertEquals(-135, zorder.get("bounds").get(0).asDouble(), 1e-9);
        assertEquals(90, zorder.get("bounds").get(2).asDouble(), 1e-9);
        JsonNode st = layer(layers, "spacetime-zorder");
        assertEquals("spacetime", st.get("keyType").asText());
        assertEquals(3, st.get("instants").size());
        JsonNode dem = layer(json(get(demoServer, "/layers")), "dem");
        assertTrue(dem.get("webMercator").asBoolean());
        assertEquals(top, dem.get("zooms").get(dem.get("zooms").size() - 1).asInt());
    }

    @Test
    void tileJsonPointsAtTheTiles() {
        JsonNode t = json(get(demoServer, "/layers/dem/tilejson.json"));
        assertEquals("3.0.0", t.get("tilejson").asText());
        assertEquals(demoServer.uri() + "tiles/dem/{z}/{x}/{y}.png", t.get("tiles").get(0).asText());
        assertEquals(DemoLayers.COARSEST, t.get("minzoom").asInt());
        assertEquals(top, t.get("maxzoom").asInt());
        assertEquals(4, t.get("bounds").size());
        JsonNode reprojected = json(get(demoServer, "/layers/dem-4326/tilejson.json"));
        assertEquals(0, reprojected.get("minzoom").asInt());
        assertTrue(Math.abs(reprojected.get("maxzoom").asInt() - top) <= 1, reprojected.toString());
    }

    /** A stored map tile is the stored tile through the ramp, stretched by the layer's histogram. */
    @Test
    void aStoredTileIsDrawnFromItsCells() {
        SpatialKey key = anyKey(demo, "dem", top);
        BufferedImage got = png(get(demoServer, "/tiles/dem/" + top + "/" + key.col() + "/" + key.row() + ".png?ramp=magma"));
        MultibandTile cells = demo.readValue("dem", top, key).orElseThrow();
        BufferedImage expected = PngRenderer.toImage(cells,
                List.of(computedHistogram()), ColorRamp.MAGMA);
        int transparent = 0;
        for (int y = 0; y < 256; y++) {
            for (int x = 0; x < 256; x++) {
                assertEquals(expected.getRGB(x, y), got.getRGB(x, y), "pixel " + x + "," + y);
                transparent += (got.getRGB(x, y) >>> 24) == 0 ? 1 : 0;
                assertEquals(cells.band(0).isNoData(x, y), (got.getRGB(x, y) >>> 24) == 0);
            }
        }
        assertTrue(transparent < 256 * 256, "the tile has data");
    }

    /**
     * Without a stored histogram, the coarsest zoom with a tile's worth of cells over the data sets
     * the stretch: elevation.tif is about 505 x 547 cells at the deepest zoom, 253 x 274 (69,000,
     * over 65,536) one zoom up, 17,000 two up.
     */
    private static io.tessera.catalog.histogram.Histogram computedHistogram() {
        return LayerHistograms.streaming(demo.query("dem", top - 1), 0);
    }

    /** A layer's stored histogram attribute, not one computed from its cells, sets its colours; stretch= too. */
    @Test
    void theStoredHistogramAndTheStretchAskedSetTheColours() {
        SpatialKey key = anyKey(demo, "dem", top);
        String tile = top + "/" + key.col() + "/" + key.row() + ".png";
        MultibandTile cells = demo.readValue("dem", top, key).orElseThrow();
        BufferedImage got = png(get(demoServer, "/tiles/dem-histogram/" + tile));
        BufferedImage expected = PngRenderer.toImage(cells, List.of(storedHistogram), ColorRamp.VIRIDIS);
        BufferedImage computed = png(get(demoServer, "/tiles/dem/" + tile));
        int differing = 0;
        for (int y = 0; y < 256; y += 4) {
            for (int x = 0; x < 256; x += 4) {
                assertEquals(expected.getRGB(x, y), got.getRGB(x, y), "pixel " + x + "," + y);
                differing += computed.getRGB(x, y) != got.getRGB(x, y) ? 1 : 0;
            }
        }
        assertTrue(differing > 1000, "the stored histogram changes the colours: " + differing);
        BufferedImage minMax = png(get(demoServer, "/tiles/dem/" + tile + "?stretch=minmax"));
        BufferedImage expectedMinMax = PngRenderer.toImage(cells,
                List.of(computedHistogram()), ColorRamp.VIRIDIS,
                PngRenderer.Stretching.MINMAX);
        assertEquals(expectedMinMax.getRGB(128, 128), minMax.getRGB(128, 128));
        assertNotEquals(computed.getRGB(128, 128), minMax.getRGB(128, 128));
    }

    /** A zoom past the deepest is the deepest one's cells, each drawn as a 4x4 block two zooms on. */
    @Test
    void zoomsPastTheDeepestAreResampledFromIt() throws IOException {
        SpatialKey key = anyKey(demo, "dem", top);
        MultibandTile parent = demo.readValue("dem", top, key).orElseThrow();
        int z = top + 2;
        int x = key.col() * 4 + 1;
        int y = key.row() * 4 + 2;
        HttpResponse<byte[]> r = get(demoServer, "/tiles/dem/" + z + "/" + x + "/" + y + ".tif");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("image/tiff", r.headers().firstValue("Content-Type").orElseThrow());
        Path tif = Files.write(dir.resolve("over.tif"), r.body());
        try (GeoTiff t = GeoTiff.open(tif)) {
            Tile cells = t.read().band(0);
            for (int py = 0; py < 256; py += 5) {
                for (int px = 0; px < 256; px += 5) {
                    assertEquals(parent.band(0).getDouble(64 + px / 4, 128 + py / 4), cells.getDouble(px, py), 0,
                            "pixel " + px + "," + py);
                }
            }
        }
    }

    /**
     * An EPSG:4326 layer is reprojected into the map tile; gdalwarp of the same zoom (exported as a
     * GeoTIFF) onto the same tile grid, nearest neighbour, agrees but for cells on resampling ties.
     */
    @Test
    void aLayerInAnotherCrsIsReprojectedAsGdalwarpDoes() throws IOException {
        JsonNode layer = layer(json(get(demoServer, "/layers")), "dem-4326");
        int deepest = layer.get("zooms").get(layer.get("zooms").size() - 1).asInt();
        Path source = dir.resolve("dem-4326.tif");
        Export.geoTiff(LayerRaster.open(demo, "dem-4326", deepest, Optional.empty(), Optional.empty()), source);
        SpatialKey key = anyKey(demo, "dem", top);
        Extent e = MapTiles.extent(top, key.col(), key.row());
        HttpResponse<byte[]> r = get(demoServer, "/tiles/dem-4326/" + top + "/" + key.col() + "/" + key.row() + ".tif");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        Path ours = Files.write(dir.resolve("ours.tif"), r.body());
        Path gdal = dir.resolve("gdal.tif");
        Gdal.run("gdalwarp", "-q", "-t_srs", "EPSG:3857", "-te", "" + e.xmin(), "" + e.ymin(), "" + e.xmax(), "" + e.ymax(),
                "-ts", "256", "256", "-r", "near", source.toString(), gdal.toString());
        try (GeoTiff a = GeoTiff.open(ours); GeoTiff b = GeoTiff.open(gdal)) {
            Tile x = a.read().band(0);
            Tile y = b.read().band(0);
            int same = 0;
            int data = 0;
            for (int i = 0; i < x.size(); i++) {
                if (!y.isNoData(i)) {
                    data++;
                    same += x.getDouble(i) == y.getDouble(i) ? 1 : 0;
                }
            }
            assertTrue(data > 1000, "gdalwarp found data in the tile: " + data);
            assertTrue(same >= 0.98 * data, same + " of " + data + " cells as gdalwarp's");
        }
    }

    /** The fixture's 16-cell tiles warped to a map tile: cells at known places are GeoTrellis's. */
    @Test
    void aGeoTrellisLayerInOtherTilesIsServed() throws IOException {
        // Zoom 3 of the fixture is 128 cells across the world: map zoom 0 is 2 pixels per cell.
        HttpResponse<byte[]> r = get(fixtureServer, "/tiles/spatial-zorder/0/0/0.tif");
        Path tif = Files.write(dir.resolve("fixture.tif"), r.body());
        MultibandTile stored = fixtures.readValue("spatial-zorder", 3, new SpatialKey(3, 4)).orElseThrow();
        try (GeoTiff t = GeoTiff.open(tif)) {
            MultibandTile cells = t.read();
            // Key (3, 4) starts at cell (48, 64) of zoom 3, pixel (96, 128) of map tile 0/0/0.
            for (int b = 0; b < 2; b++) {
                for (int cy = 0; cy < 16; cy += 3) {
                    for (int cx = 0; cx < 16; cx += 3) {
                        assertEquals(stored.band(b).getDouble(cx, cy), cells.band(b).getDouble(96 + 2 * cx, 128 + 2 * cy),
                                0, "band " + b + " cell " + cx + "," + cy);
                    }
                }
            }
        }
        BufferedImage picture = png(get(fixtureServer, "/tiles/spatial-zorder/0/0/0.png?bands=1"));
        assertTrue((picture.getRGB(100, 130) >>> 24) != 0, "data drawn");
        assertEquals(0, picture.getRGB(5, 5) >>> 24, "no data is transparent");
    }

    @Test
    void aSpaceTimeLayerServesTheInstantAsked() {
        JsonNode st = layer(json(get(fixtureServer, "/layers")), "spacetime-zorder");
        String first = st.get("instants").get(0).asText();
        String last = st.get("instants").get(2).asText();
        byte[] a = get(fixtureServer, "/tiles/spacetime-zorder/1/0/0.png?time=" + first).body();
        byte[] b = get(fixtureServer, "/tiles/spacetime-zorder/1/0/0.png?time=" + last).body();
        byte[] latest = get(fixtureServer, "/tiles/spacetime-zorder/1/0/0.png").body();
        assertFalse(java.util.Arrays.equals(a, b), "instants differ");
        assertArrayEquals(b, latest, "without a time the latest instant is shown");
        SpaceTimeKey k = new SpaceTimeKey(2, 1, Instant.parse(first).toEpochMilli());
        assertTrue(fixtures.readValue("spacetime-zorder", 3, k).isPresent());
    }

    @Test
    void httpCachingCorsAndCompression() throws IOException {
        SpatialKey key = anyKey(demo, "dem", top);
        String path = "/tiles/dem/" + top + "/" + key.col() + "/" + key.row() + ".png";
        HttpResponse<byte[]> first = get(demoServer, path);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertEquals("*", first.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(first.headers().firstValue("Cache-Control").orElseThrow().contains("max-age"));
        HttpResponse<byte[]> again = get(demoServer, path, "If-None-Match", etag);
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length);
        assertEquals(200, get(demoServer, path, "If-None-Match", "\"other\"").statusCode());

        HttpResponse<byte[]> zipped = get(fixtureServer, "/layers", "Accept-Encoding", "gzip");
        assertEquals("gzip", zipped.headers().firstValue("Content-Encoding").orElseThrow());
        byte[] plain = get(fixtureServer, "/layers").body();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped.body()))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
        HttpResponse<byte[]> options = HTTP_SEND(HttpRequest.newBuilder(demoServer.uri().resolve(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(204, options.statusCode());
        HttpResponse<byte[]> post = HTTP_SEND(HttpRequest.newBuilder(demoServer.uri().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build());
        assertEquals(405, post.statusCode());
    }

    private static HttpResponse<byte[]> HTTP_SEND(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void badRequestsGetAClearStatusAndReason() {
        assertEquals(204, get(demoServer, "/tiles/dem/" + top + "/0/0.png").statusCode(), "no data there");
        assertError(get(demoServer, "/tiles/nope/1/0/0.png"), 404, "no layer 'nope'");
        assertError(get(demoServer, "/tiles/..%2F..%2Fetc/1/0/0.png"), 404, "no layer");
        assertError(get(demoServer, "/tiles/dem/31/0/0.png"), 400, "zoom 31");
        assertError(get(demoServer, "/tiles/dem/2/4/0.png"), 400, "outside zoom 2");
        assertError(get(demoServer, "/tiles/dem/2/x/0.png"), 400, "'x' is not an integer");
        assertError(get(demoServer, "/tiles/dem/2/0/0.jpg"), 400, "png or tif");
        assertError(get(demoServer, "/tiles/dem/2/0/0.png?ramp=rainbow"), 400, "viridis");
        assertError(get(demoServer, "/tiles/dem/2/0/0.png?bands=3"), 400, "band 3");
        assertError(get(demoServer, "/tiles/dem/2/0/0.png?stretch=log"), 400, "minmax");
        assertError(get(demoServer, "/tiles/dem/2/0/0.png?time=2020-01-01T00:00:00Z"), 400, "spatial");
        assertError(get(fixtureServer, "/tiles/spacetime-zorder/2/0/0.png?time=yesterday"), 400, "ISO-8601");
        assertError(get(demoServer, "/values/dem?lon=200&lat=0"), 400, "not on Earth");
        assertError(get(demoServer, "/values/dem?lat=0"), 400, "give lon");
        assertError(get(demoServer, "/nothing"), 404, "endpoints");
    }

    private static void assertError(HttpResponse<byte[]> r, int status, String reason) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(status, r.statusCode(), body);
        assertTrue(body.contains(reason) && !body.contains("Exception"), body);
    }

    @Test
    void valuesAtAPointAreTheCells() {
        SpatialKey key = anyKey(demo, "dem", top);
        MultibandTile cells = demo.readValue("dem", top, key).orElseThrow();
        Extent e = MapTiles.extent(top, key.col(), key.row());
        double cell = e.width() / 256;
        int px = 100;
        int py = 150;
        double[] lonLat = CRS.WEB_MERCATOR.transformTo(CRS.LAT_LNG).apply(e.xmin() + (px + 0.5) * cell, e.ymax() - (py + 0.5) * cell);
        JsonNode v = json(get(demoServer, "/values/dem?lon=" + lonLat[0] + "&lat=" + lonLat[1]));
        assertEquals(top, v.get("zoom").asInt());
        assertEquals(cells.band(0).getDouble(px, py), v.get("values").get(0).asDouble(), 1e-6);
        assertTrue(json(get(demoServer, "/values/dem?lon=10&lat=10")).get("values").isNull(), "no data far away");
    }

    @Test
    void theViewerAndItsMapLibraryAreServedFromTheJar() {
        HttpResponse<byte[]> page = get(demoServer, "/");
        assertEquals(200, page.statusCode());
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("/static/leaflet/leaflet.js") && !html.contains("https://"), html);
        HttpResponse<byte[]> leaflet = get(demoServer, "/static/leaflet/leaflet.js");
        assertEquals(200, leaflet.statusCode());
        assertTrue(new String(leaflet.body(), StandardCharsets.UTF_8).contains("Leaflet"));
        assertNotEquals(0, get(demoServer, "/viewer.js").body().length);
    }

    static SpatialKey anyKey(Catalog catalog, String name, int zoom) {
        try (var tiles = catalog.query(name, zoom, SpatialKey.class).stream()) {
            // A tile from the middle of the layer, where every cell has data.
            List<SpatialKey> keys = tiles.map(t -> t.key()).sorted((a, b) -> a.col() != b.col()
                    ? Integer.compare(a.col(), b.col()) : Integer.compare(a.row(), b.row())).toList();
            return keys.get(keys.size() / 2);
        }
    }
}
