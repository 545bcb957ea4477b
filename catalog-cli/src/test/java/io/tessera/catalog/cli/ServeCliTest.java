package io.tessera.catalog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code tessera serve}: serves the catalog until interrupted, and says so in one line when it cannot. */
class ServeCliTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void servesTheCatalogUntilStopped() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread serving = new Thread(() -> code.set(Tessera.run(new String[] {"serve", TesseraCliTest.FIXTURES.toString(),
            "--port", "0"}, new PrintWriter(out, true), new PrintWriter(err, true))));
        serving.start();
        URI root = null;
        for (int i = 0; i < 300 && root == null; i++) {
            Matcher m = Pattern.compile("at (http://\\S+/) ").matcher(out.toString());
            if (m.find()) {
                root = URI.create(m.group(1));
            } else {
                Thread.sleep(100);
            }
        }
        assertTrue(root != null, "the command says where it serves: " + out + err);
        assertTrue(out.toString().startsWith("serving 18 layer zoom(s) of "), out.toString());
        HttpResponse<String> layers = HTTP.send(HttpRequest.newBuilder(root.resolve("/layers")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, layers.statusCode());
        assertTrue(layers.body().contains("\"spatial-zorder\""), layers.body());
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(root).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(page.body().contains("leaflet"), page.body());
        serving.interrupt();
        serving.join(10_000);
        assertEquals(0, code.get(), err.toString());
        URI stopped = root;
        assertThrows(ConnectException.class, () -> HTTP.send(HttpRequest.newBuilder(stopped.resolve("/layers")).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void aTakenPortFailsInOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TesseraCliTest.Result r = TesseraCliTest.run("serve", TesseraCliTest.FIXTURES.toString(), "--port",
                    "" + taken.getLocalPort());
            assertNotEquals(0, r.code());
            assertTrue(r.err().contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()) && r.err().contains("--port")
                    && r.err().strip().lines().count() == 1 && !r.err().contains("Exception"), r.err());
        }
    }
}
