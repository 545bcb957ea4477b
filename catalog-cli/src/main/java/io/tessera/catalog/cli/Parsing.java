package io.tessera.catalog.cli;

import io.tessera.catalog.IndexMethod;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.index.TimeUnit;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.query.TimeInterval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Turns command-line text into catalog values, with errors that show the expected form. */
final class Parsing {

    private Parsing() {
    }

    /**
     * A catalog URI as typed on a command line: a URI with a scheme, an absolute path, or a path
     * relative to the working directory (which the library itself does not guess at).
     */
    static String catalogUri(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("the catalog URI is empty; give a path or a URI such as file:///data/catalog"
                    + " or s3://bucket/prefix");
        }
        if (text.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*") || text.startsWith("/")) {
            return text;
        }
        return java.nio.file.Path.of(text).toAbsolutePath().normalize().toUri().toString();
    }

    /**
     * {@link #catalogUri} for a command that reads: a local catalog whose directory does not exist is
     * a mistyped path, not an empty catalog. Other backends say so themselves when asked.
     */
    static String existingCatalogUri(String text) {
        String uri = catalogUri(text);
        java.net.URI parsed = java.net.URI.create(uri.startsWith("/") ? "file://" + uri : uri.replace(" ", "%20"));
        boolean local = "file".equalsIgnoreCase(parsed.getScheme()) || "hdfs+file".equalsIgnoreCase(parsed.getScheme());
        if (local && parsed.getPath() != null
                && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(parsed.getPath()))) {
            throw new IllegalArgumentException("there is no catalog at " + parsed.getPath()
                    + ": the directory does not exist");
        }
        return uri;
    }

    /** A number as typed for an option: decimal, or {@code nan}. */
    static double number(String text, String option) {
        try {
            return text.trim().equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a number or nan, got '" + text + "'");
        }
    }

    /** An instant: ISO-8601 ({@code 2020-01-01T06:00:00Z}), a date (UTC midnight), or epoch milliseconds. */
    static Instant instant(String text) {
        String t = text.trim();
        try {
            if (t.matches("-?\\d{9,}")) {
                return Instant.ofEpochMilli(Long.parseLong(t));
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(t);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("cannot read time '" + text
                    + "': use ISO-8601 like 2020-01-01T06:00:00Z, a date like 2020-01-01, or epoch milliseconds");
        }
    }

    /** {@code T} (one instant) or {@code T1/T2} (inclusive interval). */
    static TimeInterval interval(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return TimeInterval.at(instant(text));
        }
        return new TimeInterval(instant(text.substring(0, slash)), instant(text.substring(slash + 1)));
    }

    /** A key of the layer's type from column, row and an optional instant. */
    static LayerKey key(int col, int row, String instant, boolean spaceTime) {
        if (spaceTime) {
            if (instant == null) {
                throw new IllegalArgumentException("the layer is space-time: give the key's INSTANT after COL ROW");
            }
            return SpaceTimeKey.of(col, row, instant(instant));
        }
        if (instant != null) {
            throw new IllegalArgumentException("the layer is spatial: its keys have no instant");
        }
        return new SpatialKey(col, row);
    }

    /** Write options from {@code --index}, {@code --time-unit}, {@code --time-count} and {@code --hilbert-time-bits}. */
    static WriteOptions writeOptions(String index, String timeUnit, int timeCount, int hilbertBits) {
        WriteOptions o = WriteOptions.index(IndexMethod.parse(index)).withHilbertTimeBits(hilbertBits);
        TimeUnit unit;
        try {
            unit = TimeUnit.valueOf(timeUnit.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown time unit '" + timeUnit
                    + "'; use milliseconds, seconds, minutes, hours, days, weeks, months or years");
        }
        if (timeCount < 1) {
            throw new IllegalArgumentException("--time-count must be 1 or more, got " + timeCount);
        }
        return o.withTimeResolution(unit, timeCount);
    }
}
