package io.tessera.catalog.spi;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
                    throw new IllegalArgumentException("catalog URI '" + shown(uri) + "' has a query parameter '" + part
                            + "' that is not name=value; expected " + form);
                }
                out.put(decode(part.substring(0, eq)), decode(part.substring(eq + 1)));
            }
        }
        out.putAll(options);
        return out;
    }

    /**
     * A catalog URI as messages show it: a password in its user information replaced by {@code ***}.
     */
    public static String shown(URI uri) {
        String s = uri.toString();
        String info = uri.getRawUserInfo();
        int colon = info == null ? -1 : info.indexOf(':');
        if (colon < 0) {
            return s;
        }
        return s.replace(info + "@", info.substring(0, colon) + ":***@");
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

    /**
     * A duration setting: {@code 12s}, {@code 500ms}, {@code 2m} or ISO-8601 ({@code PT12S}), more than
     * zero; {@code otherwise} when it is not given.
     *
     * @throws IllegalArgumentException naming the option and the value given
     */
    public static Duration duration(String value, String name, Duration otherwise) {
        if (value == null) {
            return otherwise;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (v.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
            } else if (v.endsWith("m") && !v.startsWith("p")) {
                d = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            } else {
                d = Duration.parse(value.trim());
            }
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // Reported below with the accepted form.
        }
        throw new IllegalArgumentException("option " + name + " must be a positive duration such as 12s or 500ms, got '"
                + value + "'");
    }

    /**
     * A URI authority's user information and hosts, the user and password decoded: the options
     * {@code user} and {@code password} win over what the URI says.
     *
     * @param hosts the authority without its user information
     */
    public record Authority(Optional<String> user, Optional<String> password, String hosts) {

        /** Splits {@code user[:password]@hosts}; {@code options} are the catalog's (see {@link CatalogOptions#of}). */
        public static Authority of(String authority, Map<String, String> options) {
            Optional<String> user = Optional.ofNullable(options.get("user"));
            Optional<String> password = Optional.ofNullable(options.get("password"));
            int at = authority.lastIndexOf('@');
            if (at < 0) {
                return new Authority(user, password, authority);
            }
            String info = authority.substring(0, at);
            int colon = info.indexOf(':');
            String u = decode(colon < 0 ? info : info.substring(0, colon));
            if (user.isEmpty() && !u.isEmpty()) {
                user = Optional.of(u);
            }
            if (password.isEmpty() && colon >= 0) {
                password = Optional.of(decode(info.substring(colon + 1)));
            }
            return new Authority(user, password, authority.substring(at + 1));
        }
    }

    /**
     * The hosts of a URI authority {@code host1,host2[:port]} (user info already removed): a host's
     * own port wins, a port after the last host is every other host's, and {@code defaultPort}
     * serves when none is given. IPv6 hosts are written in brackets.
     *
     * @param form the URI form the backend expects, for the message
     * @throws IllegalArgumentException naming the URI when a host is empty or a port is not one
     */
    public static List<InetSocketAddress> hosts(URI uri, String authority, int defaultPort, String form) {
        String[] parts = authority.split(",", -1);
        int shared = defaultPort;
        String last = parts[parts.length - 1];
        if (last.lastIndexOf(':') > last.lastIndexOf(']')) {
            shared = port(last.substring(last.lastIndexOf(':') + 1), uri, form);
        }
        List<InetSocketAddress> out = new ArrayList<>();
        for (String part : parts) {
            String host = part;
            int port = shared;
            int colon = part.lastIndexOf(':');
            if (colon > part.lastIndexOf(']')) {
                host = part.substring(0, colon);
                port = port(part.substring(colon + 1), uri, form);
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.isEmpty()) {
                throw new IllegalArgumentException("catalog URI '" + shown(uri) + "' has an empty host; expected " + form);
            }
            out.add(InetSocketAddress.createUnresolved(host, port));
        }
        return List.copyOf(out);
    }

    private static int port(String s, URI uri, String form) {
        try {
            int p = Integer.parseInt(s);
            if (p > 0 && p < 65536) {
                return p;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("catalog URI '" + shown(uri) + "' has a bad port '" + s + "'; expected " + form);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
