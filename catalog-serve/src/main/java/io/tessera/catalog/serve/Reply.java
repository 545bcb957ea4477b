package io.tessera.catalog.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * One HTTP response and how it is sent: every response carries CORS and caching headers; a body
 * gets a strong ETag from its bytes, so a client's {@code If-None-Match} gets 304; text bodies
 * are gzipped for clients that accept it.
 *
 * @param cacheControl the Cache-Control value, or null for none
 */
record Reply(int status, String contentType, byte[] body, String cacheControl) {

    static final String NO_CACHE = "no-cache";
    /** Tiles may change when a layer is rewritten: kept briefly, then revalidated by ETag. */
    static final String TILE_CACHE = "public, max-age=60";
    private static final int GZIP_FROM = 512;

    static Reply json(String json, String cacheControl) {
        return new Reply(200, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), cacheControl);
    }

    static Reply empty(int status, String cacheControl) {
        return new Reply(status, null, new byte[0], cacheControl);
    }

    /** A one-line error as JSON: what was wrong and what to do. */
    static Reply error(int status, String message) {
        String text = message.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
        return json("{\"error\":\"" + text + "\"}", NO_CACHE).withStatus(status);
    }

    Reply withStatus(int s) {
        return new Reply(s, contentType, body, cacheControl);
    }

    void send(HttpExchange exchange) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Access-Control-Allow-Origin", "*");
        headers.set("Access-Control-Expose-Headers", "ETag");
        if (cacheControl != null) {
            headers.set("Cache-Control", cacheControl);
        }
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        if (body.length == 0 || status != 200) {
            if (contentType != null) {
                headers.set("Content-Type", contentType);
            }
            sendBody(exchange, status, body, head || status == 204 || status == 304);
            return;
        }
        String etag = "\"" + digest(body) + "\"";
        headers.set("ETag", etag);
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            sendBody(exchange, 304, new byte[0], true);
            return;
        }
        headers.set("Content-Type", contentType);
        byte[] out = body;
        if (contentType.startsWith("application/json") || contentType.startsWith("text/")
                || contentType.startsWith("application/javascript")) {
            headers.add("Vary", "Accept-Encoding");
            String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
            if (body.length >= GZIP_FROM && accept != null && accept.contains("gzip")) {
                out = gzip(body);
                headers.set("Content-Encoding", "gzip");
            }
        }
        sendBody(exchange, 200, out, head);
    }

    private static void sendBody(HttpExchange exchange, int status, byte[] bytes, boolean noBody) throws IOException {
        if (noBody) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(bytes);
            }
        }
        exchange.close();
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 3);
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(body);
        }
        return bytes.toByteArray();
    }

    private static String digest(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
