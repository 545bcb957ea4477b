package io.tessera.catalog.geotiff;

import io.tessera.catalog.model.CRS;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.datum.Ellipsoid;
import org.locationtech.proj4j.datum.PrimeMeridian;

/**
 * A {@link CRS} as GeoKeys: its EPSG code when it has one, else user-defined projection keys that
 * are the inverse of what {@link GeoKeys} parses, so the reader recovers the same PROJ.4 parameters.
 * Keys are chosen as GDAL writes them for the same projection, so GDAL reads the same parameters too.
 */
final class GeoKeyEncoder {

    /** The GeoKeyDirectory (34735) values and the GeoDoubleParams (34736) they point into (maybe empty). */
    record Encoded(int[] directory, double[] doubles) {
    }

    private static final int PROJECTED = 1;
    private static final int GEOGRAPHIC = 2;
    private static final int PIXEL_IS_AREA = 1;
    private static final int GEOG_ANGULAR_UNITS = 2054;
    private static final int DEGREE = 9102;

    /** Parameters that say nothing GeoKeys could or need carry. */
    private static final Set<String> IGNORED = Set.of("no_defs", "wktext", "type");

    private final CRS crs;
    private final Map<String, String> params = new LinkedHashMap<>();
    private final Set<String> used = new HashSet<>(IGNORED);
    private final TreeMap<Integer, Object> keys = new TreeMap<>();

    private GeoKeyEncoder(CRS crs) {
        this.crs = crs;
        for (String token : crs.toProj4().trim().split("\\s+")) {
            String t = token.startsWith("+") ? token.substring(1) : token;
            int eq = t.indexOf('=');
            params.put(eq < 0 ? t : t.substring(0, eq), eq < 0 ? "" : t.substring(eq + 1));
        }
    }

    /**
     * Encodes a CRS.
     *
     * @throws IllegalArgumentException naming the CRS when GeoKeys cannot express it: no EPSG code
     *     and a projection, datum, unit or parameter outside what the reader supports
     */
    static Encoded encode(CRS crs) {
        GeoKeyEncoder e = new GeoKeyEncoder(crs);
        e.keys.put(GeoKeys.RASTER_TYPE, PIXEL_IS_AREA);
        OptionalInt code = crs.epsgCode();
        // The code goes in a SHORT and 32767 means user-defined; the equality check guards against
        // a table match that the reader, which resolves the code again, would turn into another CRS.
        if (code.isPresent() && code.getAsInt() > 0 && code.getAsInt() < GeoKeys.USER_DEFINED
                && CRS.fromEpsg(code.getAsInt()).equals(crs)) {
            boolean geographic = crs.isGeographic();
            e.keys.put(GeoKeys.MODEL_TYPE, geographic ? GEOGRAPHIC : PROJECTED);
            e.keys.put(geographic ? GeoKeys.GEOGRAPHIC_TYPE : GeoKeys.PROJECTED_CS_TYPE, code.getAsInt());
        } else {
            e.userDefined();
        }
        return e.build();
    }

    private void userDefined() {
        String proj = text("proj");
        if (proj == null) {
            throw cannot("it has no +proj parameter");
        }
        if (proj.equals("longlat") || proj.equals("latlong")) {
            keys.put(GeoKeys.MODEL_TYPE, GEOGRAPHIC);
            datum();
        } else {
            keys.put(GeoKeys.MODEL_TYPE, PROJECTED);
            keys.put(GeoKeys.PROJECTED_CS_TYPE, GeoKeys.USER_DEFINED);
            keys.put(GeoKeys.PROJECTION, GeoKeys.USER_DEFINED);
            double unit = units();
            projection(proj, unit);
            datum();
        }
        for (String name : params.keySet()) {
            if (!used.contains(name)) {
                throw cannot("GeoKeys have no place for its +" + name + " parameter");
            }
        }
    }

    /** The projection method and its parameters, as {@link GeoKeys#crs} reads them back. */
    private void projection(String proj, double unit) {
        switch (proj) {
            case "tmerc" -> {
                String axis = text("axis");
                if (axis != null && !axis.equals("enu") && !axis.equals("wsu")) {
                    throw cannot("+axis=" + axis + " has no GeoKeys form (only the south-oriented wsu)");
                }
                keys.put(GeoKeys.PROJ_COORD_TRANS, "wsu".equals(axis) ? 27 : 1);
                put(GeoKeys.NAT_ORIGIN_LAT, number("lat_0", 0));
                put(GeoKeys.NAT_ORIGIN_LONG, number("lon_0", 0));
                put(GeoKeys.SCALE_AT_NAT_ORIGIN, scale());
                falseEastingNorthing(GeoKeys.FALSE_EASTING, GeoKeys.FALSE_NORTHING, unit);
            }
            case "merc" -> {
                keys.put(GeoKeys.PROJ_COORD_TRANS, 7);
                requireZero("lat_0");
                double k = scale();
                if (params.containsKey("lat_ts") && k == 1) {
                    put(GeoKeys.STD_PARALLEL_1, number("lat_ts", 0));
                } else if (!params.containsKey("lat_ts") || number("lat_ts", 0) == 0) {
                    put(GeoKeys.SCALE_AT_NAT_ORIGIN, k);
                } else {
                    throw cannot("a Mercator with both a standard parallel and a scale factor has no GeoKeys form");
                }
                put(GeoKeys.NAT_ORIGIN_LONG, number("lon_0", 0));
                falseEastingNorthing(GeoKeys.FALSE_EASTING, GeoKeys.FALSE_NORTHING, unit);
            }
            case "lcc" -> lambertConformalConic(unit);
            case "laea" -> {
                keys.put(GeoKeys.PROJ_COORD_TRANS, 10);
                put(GeoKeys.CENTER_LAT, number("lat_0", 0));
                put(GeoKeys.CENTER_LONG, number("lon_0", 0));
                falseEastingNorthing(GeoKeys.FALSE_EASTING, GeoKeys.FALSE_NORTHING, unit);
            }
            case "aea" -> {
                keys.put(GeoKeys.PROJ_COORD_TRANS, 11);
                put(GeoKeys.NAT_ORIGIN_LAT, number("lat_0", 0));
                put(GeoKeys.NAT_ORIGIN_LONG, number("lon_0", 0));
                put(GeoKeys.STD_PARALLEL_1, number("lat_1", 0));
                put(GeoKeys.STD_PARALLEL_2, number("lat_2", 0));
                falseEastingNorthing(GeoKeys.FALSE_EASTING, GeoKeys.FALSE_NORTHING, unit);
            }
            case "stere" -> stereographic(unit);
            case "eqc" -> {
                keys.put(GeoKeys.PROJ_COORD_TRANS, 17);
                put(GeoKeys.STD_PARALLEL_1, number("lat_ts", 0));
                put(GeoKeys.CENTER_LAT, number("lat_0", 0));
                put(GeoKeys.CENTER_LONG, number("lon_0", 0));
                falseEastingNorthing(GeoKeys.FALSE_EASTING, GeoKeys.FALSE_NORTHING, unit);
            }
            case "omerc" -> {
                // Variant A (+no_uoff) is GeoTIFF's code 3, variant B the EPSG method code GDAL writes for it.
                boolean variantA = params.containsKey("no_uoff") || params.containsKey("no_off");
                used.add("no_uoff");
                used.add("no_off");
                keys.put(GeoKeys.PROJ_COORD_TRANS, variantA ? 3 : 9815);
                put(GeoKeys.CENTER_LAT, number("lat_0", 0));
                put(GeoKeys.CENTER_LONG, number("lonc", 0));
                double azimuth = number("alpha", 90);
                put(GeoKeys.AZIMUTH_ANGLE, azimuth);
                put(GeoKeys.RECTIFIED_GRID_ANGLE, number("gamma", azimuth));
                put(GeoKeys.SCALE_AT_CENTER, scale());
                falseEastingNorthing(GeoKeys.FALSE_EASTING, GeoKeys.FALSE_NORTHING, unit);
            }
            case "aeqd" -> centred(12, unit);
            case "gnom" -> centred(19, unit);
            case "mill" -> centred(20, unit);
            case "ortho" -> centred(21, unit);
            case "robin" -> centredOnMeridian(23, unit);
            case "sinu" -> centredOnMeridian(24, unit);
            case "vandg" -> centredOnMeridian(25, unit);
            case "sterea" -> {
                fromNaturalOrigin(16, unit);
                put(GeoKeys.SCALE_AT_NAT_ORIGIN, scale());
            }
            case "cass" -> fromNaturalOrigin(18, unit);
            case "nzmg" -> fromNaturalOrigin(26, unit);
            case "poly" -> fromNaturalOrigin(22, unit);
            case "eqdc" -> {
                fromNaturalOrigin(13, unit);
                put(GeoKeys.STD_PARALLEL_1, number("lat_1", 0));
                put(GeoKeys.STD_PARALLEL_2, number("lat_2", number("lat_1", 0)));
            }
            case "cea" -> {
                keys.put(GeoKeys.PROJ_COORD_TRANS, 28);
                put(GeoKeys.STD_PARALLEL_1, number("lat_ts", 0));
                put(GeoKeys.NAT_ORIGIN_LONG, number("lon_0", 0));
                falseEastingNorthing(GeoKeys.FALSE_EASTING, GeoKeys.FALSE_NORTHING, unit);
            }
            default -> throw cannot("projection +proj=" + proj + " is not one GeoKeys can express without an EPSG code"
                    + " (supported: tmerc, merc, lcc, laea, aea, stere, eqc, omerc, aeqd, eqdc, sterea, cass,"
                    + " gnom, mill, ortho, poly, robin, sinu, vandg, nzmg, cea)");
        }
    }

    /** An azimuthal or cylindrical projection GDAL writes with the centre keys. */
    private void centred(int transform, double unit) {
        keys.put(GeoKeys.PROJ_COORD_TRANS, transform);
        put(GeoKeys.CENTER_LAT, number("lat_0", 0));
        put(GeoKeys.CENTER_LONG, number("lon_0", 0));
        falseEastingNorthing(GeoKeys.FALSE_EASTING, GeoKeys.FALSE_NORTHING, unit);
    }

    /** A world projection defined by its central meridian alone. */
    private void centredOnMeridian(int transform, double unit) {
        requireZero("lat_0");
        keys.put(GeoKeys.PROJ_COORD_TRANS, transform);
        put(GeoKeys.CENTER_LONG, number("lon_0", 0));
        falseEastingNorthing(GeoKeys.FALSE_EASTING, GeoKeys.FALSE_NORTHING, unit);
    }

    /** A projection GDAL writes with the natural origin keys and a false easting and northing. */
    private void fromNaturalOrigin(int transform, double unit) {
        keys.put(GeoKeys.PROJ_COORD_TRANS, transform);
        put(GeoKeys.NAT_ORIGIN_LAT, number("lat_0", 0));
        put(GeoKeys.NAT_ORIGIN_LONG, number("lon_0", 0));
        falseEastingNorthing(GeoKeys.FALSE_EASTING, GeoKeys.FALSE_NORTHING, unit);
    }

    private void lambertConformalConic(double unit) {
        if (params.containsKey("lat_2")) {
            if (scale() != 1) {
                throw cannot("a two-parallel Lambert conformal conic with a scale factor has no GeoKeys form");
            }
            keys.put(GeoKeys.PROJ_COORD_TRANS, 8);
            put(GeoKeys.STD_PARALLEL_1, number("lat_1", 0));
            put(GeoKeys.STD_PARALLEL_2, number("lat_2", 0));
            put(GeoKeys.FALSE_ORIGIN_LAT, number("lat_0", 0));
            put(GeoKeys.FALSE_ORIGIN_LONG, number("lon_0", 0));
            falseEastingNorthing(GeoKeys.FALSE_ORIGIN_EASTING, GeoKeys.FALSE_ORIGIN_NORTHING, unit);
            return;
        }
        double lat1 = number("lat_1", number("lat_0", 0));
        if (params.containsKey("lat_0") && number("lat_0", 0) != lat1) {
            throw cannot("a one-parallel Lambert conformal conic needs +lat_0 equal to +lat_1");
        }
        keys.put(GeoKeys.PROJ_COORD_TRANS, 9);
        put(GeoKeys.NAT_ORIGIN_LAT, lat1);
        put(GeoKeys.NAT_ORIGIN_LONG, number("lon_0", 0));
        put(GeoKeys.SCALE_AT_NAT_ORIGIN, scale());
        falseEastingNorthing(GeoKeys.FALSE_EASTING, GeoKeys.FALSE_NORTHING, unit);
    }

    /** Polar stereographic (+lat_0 at a pole, the scale or standard parallel kept) or oblique. */
    private void stereographic(double unit) {
        double lat0 = number("lat_0", 0);
        if (Math.abs(lat0) != 90) {
            if (params.containsKey("lat_ts")) {
                throw cannot("an oblique stereographic with +lat_ts has no GeoKeys form");
            }
            keys.put(GeoKeys.PROJ_COORD_TRANS, 14);
            put(GeoKeys.CENTER_LAT, lat0);
            put(GeoKeys.CENTER_LONG, number("lon_0", 0));
            put(GeoKeys.SCALE_AT_NAT_ORIGIN, scale());
            falseEastingNorthing(GeoKeys.FALSE_EASTING, GeoKeys.FALSE_NORTHING, unit);
            return;
        }
        double latTs = number("lat_ts", lat0);
        if (Math.signum(latTs) != Math.signum(lat0)) {
            throw cannot("a polar stereographic with +lat_ts in the other hemisphere than its pole has no GeoKeys form");
        }
        keys.put(GeoKeys.PROJ_COORD_TRANS, 15);
        put(GeoKeys.NAT_ORIGIN_LAT, latTs);
        put(GeoKeys.STRAIGHT_VERT_POLE_LONG, number("lon_0", 0));
        put(GeoKeys.SCALE_AT_NAT_ORIGIN, scale());
        falseEastingNorthing(GeoKeys.FALSE_EASTING, GeoKeys.FALSE_NORTHING, unit);
    }

    /** {@code +k} or {@code +k_0}, which PROJ treats alike. */
    private double scale() {
        return number("k", number("k_0", 1));
    }

    /**
     * False easting and northing in the projected unit, as GeoKeys hold them. The metres of
     * {@code +x_0} are divided by the unit and nudged by a few ulps where that makes the reader's
     * multiplication give back exactly the same double; for some values in feet no double does,
     * and the reader gets the metres to within an ulp.
     */
    private void falseEastingNorthing(int eastKey, int northKey, double unit) {
        put(eastKey, inUnits(number("x_0", 0), unit));
        put(northKey, inUnits(number("y_0", 0), unit));
    }

    private static double inUnits(double metres, double unit) {
        double v = metres / unit;
        double up = v;
        double down = v;
        for (int i = 0; i < 8; i++) {
            if (up * unit == metres) {
                return up;
            }
            if (down * unit == metres) {
                return down;
            }
            up = Math.nextUp(up);
            down = Math.nextDown(down);
        }
        return v;
    }

    /** ProjLinearUnitsGeoKey; returns metres per unit. */
    private double units() {
        if (params.containsKey("to_meter")) {
            double size = number("to_meter", 1);
            keys.put(GeoKeys.PROJ_LINEAR_UNITS, GeoKeys.USER_DEFINED);
            put(GeoKeys.PROJ_LINEAR_UNIT_SIZE, size);
            return size;
        }
        String units = text("units");
        if (units == null || units.equals("m")) {
            keys.put(GeoKeys.PROJ_LINEAR_UNITS, 9001);
            return 1;
        }
        if (units.equals("ft")) {
            keys.put(GeoKeys.PROJ_LINEAR_UNITS, 9002);
            return 0.3048;
        }
        if (units.equals("us-ft")) {
            keys.put(GeoKeys.PROJ_LINEAR_UNITS, 9003);
            return 1200.0 / 3937.0;
        }
        throw cannot("unit +units=" + units + " is not one of m, ft, us-ft (or +to_meter)");
    }

    /**
     * The geographic CRS: an EPSG geographic code for the datums the reader maps back to
     * {@code +datum}, the ellipsoid code for the ellipsoids it maps back to {@code +ellps}, else the
     * two axes.
     */
    private void datum() {
        String datum = text("datum");
        String ellps = text("ellps");
        double primeMeridian = primeMeridian();
        if (datum != null) {
            int gcs = switch (datum) {
                case "WGS84" -> 4326;
                case "NAD83" -> 4269;
                case "NAD27" -> 4267;
                default -> throw cannot("datum +datum=" + datum + " is not one of WGS84, NAD83, NAD27");
            };
            used.add("ellps");
            if (primeMeridian == 0) {
                keys.put(GeoKeys.GEOGRAPHIC_TYPE, gcs);
                return;
            }
            // The EPSG geographic CRS is on Greenwich; its datum (code 6xxx for 4xxx) on another meridian is not.
            keys.put(GeoKeys.GEOGRAPHIC_TYPE, GeoKeys.USER_DEFINED);
            keys.put(GeoKeys.GEOG_GEODETIC_DATUM, gcs + 2000);
            keys.put(GEOG_ANGULAR_UNITS, DEGREE);
            put(GeoKeys.GEOG_PRIME_MERIDIAN_LONG, primeMeridian);
            return;
        }
        keys.put(GeoKeys.GEOGRAPHIC_TYPE, GeoKeys.USER_DEFINED);
        keys.put(GeoKeys.GEOG_GEODETIC_DATUM, GeoKeys.USER_DEFINED);
        keys.put(GEOG_ANGULAR_UNITS, DEGREE);
        if (primeMeridian != 0) {
            // As GDAL writes it: the longitude alone, in GeogAngularUnits.
            put(GeoKeys.GEOG_PRIME_MERIDIAN_LONG, primeMeridian);
        }
        int ellipsoid = ellps == null ? 0 : switch (ellps) {
            case "WGS84" -> 7030;
            case "GRS80" -> 7019;
            case "clrk66" -> 7008;
            default -> 0;
        };
        if (ellipsoid != 0 && !params.containsKey("a") && !params.containsKey("b") && !params.containsKey("rf")) {
            keys.put(GeoKeys.GEOG_ELLIPSOID, ellipsoid);
            return;
        }
        // proj4j has resolved +ellps names, +a/+b, +a/+rf and +R to the two axes already.
        Ellipsoid e = crs.proj4j().getDatum().getEllipsoid();
        used.add("ellps");
        used.add("a");
        used.add("b");
        used.add("rf");
        used.add("R");
        keys.put(GeoKeys.GEOG_ELLIPSOID, GeoKeys.USER_DEFINED);
        // Axes given as numbers are kept as given: proj4j derives its minor axis again, a few ulps off.
        boolean given = params.containsKey("a") && params.containsKey("b");
        put(GeoKeys.GEOG_SEMI_MAJOR, given ? number("a", 0) : e.getA());
        put(GeoKeys.GEOG_SEMI_MINOR, given ? number("b", 0) : e.getB());
    }

    /** {@code +pm} in degrees east of Greenwich: a number, or a name PROJ knows. */
    private double primeMeridian() {
        String pm = text("pm");
        if (pm == null) {
            return 0;
        }
        try {
            return Double.parseDouble(pm);
        } catch (NumberFormatException notANumber) {
            PrimeMeridian named = PrimeMeridian.forName(pm);
            if (!named.getName().equals(pm)) {
                throw cannot("prime meridian +pm=" + pm + " is not a known name or a number of degrees");
            }
            // proj4j keeps the meridian in radians and says so only through a conversion.
            ProjCoordinate origin = new ProjCoordinate(0, 0);
            named.toGreenwich(origin);
            return Math.toDegrees(origin.x);
        }
    }

    private void requireZero(String name) {
        if (number(name, 0) != 0) {
            throw cannot("+" + name + "=" + params.get(name) + " has no GeoKeys form for this projection");
        }
    }

    private void put(int key, double value) {
        keys.put(key, Double.valueOf(value));
    }

    private String text(String name) {
        used.add(name);
        return params.get(name);
    }

    private double number(String name, double fallback) {
        String v = text(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw cannot("+" + name + "=" + v + " is not a decimal number");
        }
    }

    private IllegalArgumentException cannot(String why) {
        return new IllegalArgumentException("CRS '" + crs.toProj4().trim() + "' cannot be written as GeoTIFF GeoKeys: "
                + why);
    }

    /** The directory: header (version 1, revision 1.0, key count) then one entry per key, ascending. */
    private Encoded build() {
        List<Double> doubles = new ArrayList<>();
        int[] dir = new int[4 + 4 * keys.size()];
        dir[0] = 1;
        dir[1] = 1;
        dir[2] = 0;
        dir[3] = keys.size();
        int i = 4;
        for (Map.Entry<Integer, Object> k : keys.entrySet()) {
            dir[i++] = k.getKey();
            if (k.getValue() instanceof Double d) {
                dir[i++] = TiffDirectory.GEO_DOUBLE_PARAMS;
                dir[i++] = 1;
                dir[i++] = doubles.size();
                doubles.add(d);
            } else {
                dir[i++] = 0;
                dir[i++] = 1;
                dir[i++] = (Integer) k.getValue();
            }
        }
        return new Encoded(dir, doubles.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
