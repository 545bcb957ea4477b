package io.tessera.catalog.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.catalog.Catalog;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer in a real browser: headless Chromium (Debian's {@code chromium}, which {@code .ci/run}
 * installs) opens the page of a running server; the page's state says the layer list loaded and
 * tiles drew without errors, and the screenshot (kept as {@code target/viewer-screenshot.png}) has
 * the layer's colours where the map zoomed to it.
 */
class ViewerBrowserTest {

    private static final Path SCREENSHOT = Path.of("target/viewer-screenshot.png").toAbsolutePath();
    private static final int WIDTH = 1024;
    private static final int HEIGHT = 700;
    /** The side panel's width in viewer.css; the map is the rest. */
    private static final int PANEL = 260;
    private static final int BACKGROUND = 0xeef1f4;

    @TempDir
    Path dir;

    @Test
    void theViewerListsTheLayersAndDrawsTheChosenOne() throws Exception {
        try (Catalog catalog = Catalog.open(dir.resolve("catalog").toUri().toString())) {
            DemoLayers.webMercator(catalog);
            DemoLayers.geographic(catalog);
            try (TileServer server = TileServer.start(catalog, ServerOptions.DEFAULT.withPort(0))) {
                String page = server.uri() + "#layer=dem";
                String dom = chromium("--dump-dom", page);
                JsonNode state = state(dom);
                assertEquals(2, state.get("layers").size(), state.toString());
                assertEquals("dem", state.get("selected").asText());
                assertTrue(state.get("tilesLoaded").asInt() > 0, "tiles drew: " + state);
                assertEquals(0, state.get("tileErrors").asInt(), state.toString());
                assertTrue(dom.contains("data-name=\"dem-4326\""), "both layers are listed");

                Files.createDirectories(SCREENSHOT.getParent());
                Files.deleteIfExists(SCREENSHOT);
                chromium("--screenshot=" + SCREENSHOT, page);
                BufferedImage shot = ImageIO.read(SCREENSHOT.toFile());
                assertEquals(WIDTH, shot.getWidth());
                // fitBounds centres the layer in the map: the middle of the map is the layer's colours.
                int cx = PANEL + (WIDTH - PANEL) / 2;
                int cy = HEIGHT / 2;
                int coloured = 0;
                int total = 0;
                for (int y = cy - 100; y < cy + 100; y += 2) {
                    for (int x = cx - 100; x < cx + 100; x += 2) {
                        total++;
                        coloured += far(shot.getRGB(x, y), BACKGROUND) && far(shot.getRGB(x, y), 0xffffff) ? 1 : 0;
                    }
                }
                assertTrue(coloured > 0.9 * total, coloured + " of " + total + " pixels in the middle of the map are"
                        + " the layer's; see " + SCREENSHOT);
            }
        }
    }

    /** A space-time layer of the GeoTrellis fixture catalog: the time slider shows its instants and tiles draw. */
    @Test
    void aSpaceTimeLayerGetsATimeSlider() throws Exception {
        try (Catalog catalog = Catalog.open(TileServerTest.FIXTURES.toUri().toString());
                TileServer server = TileServer.start(catalog, ServerOptions.DEFAULT.withPort(0))) {
            String dom = chromium("--dump-dom", server.uri() + "#layer=spacetime-zorder");
            JsonNode state = state(dom);
            assertEquals("spacetime-zorder", state.get("selected").asText());
            assertTrue(state.get("tilesLoaded").asInt() > 0, "tiles drew: " + state);
            assertEquals(0, state.get("tileErrors").asInt(), state.toString());
            assertTrue(dom.contains("<div id=\"time\">"), "the time slider is shown");
            assertTrue(dom.contains("max=\"2\""), "three instants on the slider");
            assertTrue(dom.contains("<output id=\"instant-label\">2020-01-"), "the latest instant is shown");
        }
    }

    private static JsonNode state(String dom) throws IOException {
        Matcher m = Pattern.compile("<pre id=\"state\"[^>]*>(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertTrue(m.find(), "the page has its state element: " + dom);
        return new ObjectMapper().readTree(m.group(1).replace("&quot;", "\"").replace("&amp;", "&"));
    }

    private static boolean far(int rgb, int other) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(((rgb >> shift) & 0xff) - ((other >> shift) & 0xff)));
        }
        return d > 24;
    }

    /** Runs headless Chromium on {@code url} with one output flag and returns what it printed. */
    private String chromium(String output, String url) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium"),
                "--window-size=" + WIDTH + "," + HEIGHT, "--virtual-time-budget=20000", output, url));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new AssertionError("chromium is not installed; the browser test needs Debian's chromium"
                    + " (apt-get install chromium; .ci/run does)", e);
        }
        byte[] out;
        try {
            out = p.getInputStream().readAllBytes();
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not finish in 90 s: " + String.join(" ", cmd));
            }
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), String.join(" ", cmd));
        return new String(out, StandardCharsets.UTF_8);
    }
}
