package io.tessera.catalog.model;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.UnsupportedParameterException;

/**
 * A coordinate reference system, identified by its PROJ.4 parameters as GeoTrellis stores it.
 *
 * <p>GeoTrellis writes a layer's CRS as proj4j's parameter string (each token followed by one
 * space, so with a trailing space) and recovers EPSG codes by looking the parameters up in
 * proj4j's EPSG table; this class does the same, so {@code fromProj4(written).equals(fromEpsg(n))}.
 * Two CRSs are equal when their parameter sets are equal, whatever the token order or spacing.
 */
public final class CRS implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final CRSFactory FACTORY = new CRSFactory();
    private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();

    /** EPSG:3857, Web Mercator: the CRS of GeoTrellis's {@code WebMercator}. */
    public static final CRS WEB_MERCATOR = fromEpsg(3857);
    /** EPSG:4326, geographic WGS84: GeoTrellis's {@code LatLng}. */
    public static final CRS LAT_LNG = fromEpsg(4326);

    private final CoordinateReferenceSystem proj4j;
    private final String proj4;
    private final TreeSet<String> parameters;
    private volatile OptionalInt epsg;

    private CRS(CoordinateReferenceSystem proj4j, OptionalInt epsg) {
        this.proj4j = proj4j;
        this.proj4 = proj4j.getParameterString();
        this.parameters = new TreeSet<>(Arrays.asList(proj4.trim().split("\\s+")));
        this.epsg = epsg;
    }

    /** Serialised as the EPSG code it was made from, else its PROJ.4 string, and parsed again. */
    private Object writeReplace() {
        OptionalInt code = epsg;
        return new Serialized(code != null && code.isPresent() ? "EPSG:" + code.getAsInt() : proj4);
    }

    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a CRS is read through its serialised form");
    }

    /** The serialised form of a CRS. */
    private record Serialized(String text) implements Serializable {
        private Object readResolve() {
            return parse(text);
        }
    }

    /**
     * The CRS with this EPSG code.
     *
     * @throws IllegalArgumentException when proj4j's EPSG table does not know the code
     */
    public static CRS fromEpsg(int code) {
        try {
            CoordinateReferenceSystem c = FACTORY.createFromName("EPSG:" + code);
            if (Projections.replaces(c)) {
                c = Projections.parse(c.getName(), c.getParameters());
            }
            return new CRS(c, OptionalInt.of(code));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown CRS EPSG:" + code + " (not in proj4j's EPSG table)", e);
        }
    }

    /**
     * Parses a PROJ.4 parameter string such as {@code +proj=longlat +datum=WGS84 +no_defs}.
     *
     * @throws IllegalArgumentException naming the string when proj4j cannot build a CRS from it
     */
    public static CRS fromProj4(String proj4) {
        Objects.requireNonNull(proj4, "proj4 string");
        String trimmed = proj4.trim();
        if (!trimmed.startsWith("+")) {
            throw new IllegalArgumentException("not a PROJ.4 string: '" + proj4 + "' (expected '+proj=...')");
        }
        try {
            return new CRS(Projections.parse(null, sphereAsAxes(trimmed.split("\\s+"))), null);
        } catch (UnsupportedParameterException | IllegalStateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot parse CRS '" + proj4 + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot parse CRS '" + proj4 + "': " + e, e);
        }
    }

    /**
     * {@code +R} (a sphere's radius) as {@code +a} and {@code +b}: proj4j 1.3 ignores {@code +R} and
     * silently computes on WGS84, hundreds of metres to kilometres off.
     */
    private static String[] sphereAsAxes(String[] tokens) {
        List<String> out = new ArrayList<>(tokens.length + 1);
        boolean axes = Arrays.stream(tokens).anyMatch(t -> t.startsWith("+a=") || t.startsWith("+b="));
        for (String t : tokens) {
            if (t.startsWith("+R=") && !axes) {
                out.add("+a=" + t.substring(3));
                out.add("+b=" + t.substring(3));
            } else {
                out.add(t);
            }
        }
        return out.toArray(String[]::new);
    }

    /**
     * Parses {@code EPSG:<code>} (any case), a bare EPSG number, or a PROJ.4 string.
     *
     * @throws IllegalArgumentException when the text is none of these
     */
    public static CRS parse(String text) {
        String t = Objects.requireNonNull(text, "CRS text").trim();
        String digits = t.regionMatches(true, 0, "EPSG:", 0, 5) ? t.substring(5) : t;
        if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
            try {
                return fromEpsg(Integer.parseInt(digits));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("EPSG code out of range: '" + text + "'", e);
            }
        }
        if (t.startsWith("+")) {
            return fromProj4(t);
        }
        throw new IllegalArgumentException("cannot read CRS '" + text + "': expected EPSG:<code> or a PROJ.4 string");
    }

    /** The PROJ.4 parameter string exactly as GeoTrellis writes it (tokens each followed by a space). */
    public String toProj4() {
        return proj4;
    }

    /** The EPSG code, when proj4j's EPSG table has an entry with these parameters. */
    public OptionalInt epsgCode() {
        OptionalInt e = epsg;
        if (e == null) {
            // The table scan costs milliseconds, so it runs only when someone asks.
            Integer code = null;
            try {
                String found = FACTORY.readEpsgFromParameters(proj4);
                code = found == null ? null : Integer.valueOf(found);
            } catch (java.io.IOException | RuntimeException ignored) {
                // An unreadable table entry only means "no code known".
            }
            e = code == null ? OptionalInt.empty() : OptionalInt.of(code);
            epsg = e;
        }
        return e;
    }

    /** The proj4j object, for transformations this class does not offer. */
    public CoordinateReferenceSystem proj4j() {
        return proj4j;
    }

    /** True when this is a geographic (longitude/latitude) CRS. */
    public boolean isGeographic() {
        return proj4j.getProjection() != null && "longlat".equals(proj4j.getProjection().getName());
    }

    /** A transformation of points from this CRS to {@code target}. */
    public Transform transformTo(CRS target) {
        if (equals(target)) {
            return (x, y) -> new double[] {x, y};
        }
        CoordinateTransform t = TRANSFORMS.createTransform(proj4j, target.proj4j);
        return (x, y) -> {
            ProjCoordinate out = t.transform(new ProjCoordinate(x, y), new ProjCoordinate());
            return new double[] {out.x, out.y};
        };
    }

    /** A point transformation between two CRSs. Not thread-safe: create one per thread. */
    @FunctionalInterface
    public interface Transform {
        /** Returns {@code {x', y'}}. */
        double[] apply(double x, double y);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CRS c && c.parameters.equals(parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    @Override
    public String toString() {
        OptionalInt code = epsg;
        return code != null && code.isPresent() ? "EPSG:" + code.getAsInt() : proj4.trim();
    }
}
