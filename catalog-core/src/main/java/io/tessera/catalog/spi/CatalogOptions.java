package io.tessera.catalog.spi;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A catalog's settings as users give them: a URI's query parameters ({@code ?name=value&…}, decoded)
 * overridden by the options passed to {@code Catalog.open}, and the checks every backend applies to them.
 */
public final class CatalogOptions {

    private CatalogOptions() {
    }

    /**
     * The query parameters of {@code uri}, then {@code options} over them, in that order.
     *
     * @param form the URI form the backend expects, for the message
     * @throws IllegalArgumentException naming a query parameter that is not {@code name=value}
     */
    public static Map<String, String> of(URI uri, Map<String, String> options, String form) {
        Map<String, String> out = new LinkedHashMap<>();
        String q = uri.getRawQuery();
        if (q != null) {
            for (String part : q.split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("catalog URI '" + uri + "' has a query parameter '" + part
                            + "' that is not name=value; expected " + form);
                }
                out.put(decode(part.substring(0, eq)), decode(part.substring(eq + 1)));
            }
        }
        out.putAll(options);
        return out;
    }

    /**
     * A whole-number setting of at least 1, or {@code otherwise} when it is not given.
     *
     * @throws IllegalArgumentException naming the option and the value given
     */
    public static int positive(String value, String name, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted form.
        }
        throw new IllegalArgumentException("option " + name + " must be a whole number of at least 1, got '" + value + "'");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
