package io.tessera.catalog.geotiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The CRS in an "ESRI PE String" citation, as ArcGIS and GDAL ({@code GEOTIFF_KEYS_FLAVOR=ESRI_PE})
 * write it in PCSCitationGeoKey or GTCitationGeoKey: a WKT 1 {@code PROJCS} or {@code GEOGCS}, in
 * ESRI's or the OGC's names, turned into PROJ.4 parameters. GDAL reads a user-defined CRS from it
 * when the GeoKeys lack one.
 */
final class EsriWkt {

    static final String PREFIX = "ESRI PE String = ";

    /** WKT projection names (lower case, ESRI's and the OGC's) to PROJ projections. */
    private static final Map<String, String> PROJECTIONS = Map.ofEntries(
            Map.entry("transverse_mercator", "tmerc"), Map.entry("gauss_kruger", "tmerc"),
            Map.entry("mercator", "merc"), Map.entry("mercator_1sp", "merc"), Map.entry("mercator_2sp", "merc"),
            Map.entry("lambert_conformal_conic", "lcc"), Map.entry("lambert_conformal_conic_1sp", "lcc"),
            Map.entry("lambert_conformal_conic_2sp", "lcc"), Map.entry("albers", "aea"),
            Map.entry("albers_conic_equal_area", "aea"), Map.entry("lambert_azimuthal_equal_area", "laea"),
            Map.entry("polar_stereographic", "stere"), Map.entry("stereographic_north_pole", "stere"),
            Map.entry("stereographic_south_pole", "stere"), Map.entry("stereographic", "stere"),
            Map.entry("double_stereographic", "sterea"), Map.entry("oblique_stereographic", "sterea"),
            Map.entry("equidistant_conic", "eqdc"), Map.entry("polyconic", "poly"), Map.entry("sinusoidal", "sinu"),
            Map.entry("cylindrical_equal_area", "cea"), Map.entry("behrmann", "cea"), Map.entry("equirectangular", "eqc"),
            Map.entry("plate_carree", "eqc"), Map.entry("equidistant_cylindrical", "eqc"),
            Map.entry("azimuthal_equidistant", "aeqd"), Map.entry("gnomonic", "gnom"),
            Map.entry("orthographic", "ortho"), Map.entry("miller_cylindrical", "mill"), Map.entry("robinson", "robin"),
            Map.entry("van_der_grinten_i", "vandg"), Map.entry("cassini", "cass"), Map.entry("cassini_soldner", "cass"),
            Map.entry("new_zealand_map_grid", "nzmg"), Map.entry("mollweide", "moll"),
            Map.entry("hotine_oblique_mercator_azimuth_natural_origin", "omerc +no_uoff"),
            Map.entry("hotine_oblique_mercator_azimuth_center", "omerc"),
            Map.entry("rectified_skew_orthomorphic_natural_origin", "omerc +no_uoff"),
            Map.entry("rectified_skew_orthomorphic_center", "omerc"));

    /** A WKT node: its keyword and its values (quoted texts, numbers as text, nodes). */
    private record Node(String keyword, List<Object> values) {
        String text(int i) {
            return i < values.size() && values.get(i) instanceof String s ? s : "";
        }

        double number(int i) {
            try {
                return Double.parseDouble(text(i));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(keyword + " value " + (i + 1) + " '" + text(i) + "' is not a number");
            }
        }

        Optional<Node> child(String name) {
            return values.stream().filter(v -> v instanceof Node n && n.keyword.equalsIgnoreCase(name))
                    .map(v -> (Node) v).findFirst();
        }

        List<Node> children(String name) {
            return values.stream().filter(v -> v instanceof Node n && n.keyword.equalsIgnoreCase(name))
                    .map(v -> (Node) v).toList();
        }
    }

    private final String wkt;
    private int pos;

    private EsriWkt(String wkt) {
        this.wkt = wkt;
    }

    /**
     * The PROJ.4 parameters of the PE string in {@code citation}, if the citation holds one.
     *
     * @throws IllegalArgumentException naming what cannot be read or expressed
     */
    static Optional<String> proj4(String citation) {
        if (citation == null) {
            return Optional.empty();
        }
        int at = citation.indexOf(PREFIX);
        if (at < 0) {
            return Optional.empty();
        }
        EsriWkt parser = new EsriWkt(citation.substring(at + PREFIX.length()));
        Node root = parser.node();
        return Optional.of(switch (root.keyword.toUpperCase(Locale.ROOT)) {
            case "PROJCS" -> projected(root);
            case "GEOGCS" -> "+proj=longlat " + geographic(root) + " +no_defs";
            default -> throw new IllegalArgumentException("the PE string is a " + root.keyword + ", not a PROJCS or GEOGCS");
        });
    }

    private static String projected(Node projcs) {
        Node geogcs = projcs.child("GEOGCS").orElseThrow(() -> new IllegalArgumentException("PROJCS without GEOGCS"));
        String method = projcs.child("PROJECTION").map(p -> p.text(0))
                .orElseThrow(() -> new IllegalArgumentException("PROJCS without PROJECTION"));
        String proj = PROJECTIONS.get(method.toLowerCase(Locale.ROOT));
        if (proj == null) {
            throw new IllegalArgumentException("projection " + method + " is not one this reader knows");
        }
        double unit = projcs.child("UNIT").map(u -> u.number(1)).orElse(1.0);
        Parameters p = new Parameters(projcs.children("PARAMETER"));
        StringBuilder out = new StringBuilder("+proj=").append(proj);
        String lat0 = p.first("latitude_of_origin", "latitude_of_center").orElse("0");
        String lon0 = p.first("central_meridian", "longitude_of_center", "longitude_of_origin").orElse("0");
        String k = p.first("scale_factor").orElse("1");
        switch (proj) {
            case "tmerc", "sterea" -> out.append(" +lat_0=").append(lat0).append(" +lon_0=").append(lon0).append(" +k=").append(k);
            case "merc" -> {
                Optional<String> ts = p.first("standard_parallel_1");
                out.append(ts.map(v -> " +lat_ts=" + v).orElse(" +k=" + k)).append(" +lon_0=").append(lon0);
            }
            case "lcc" -> {
                Optional<String> sp1 = p.first("standard_parallel_1");
                Optional<String> sp2 = p.first("standard_parallel_2");
                if (sp2.isPresent() && !sp2.equals(sp1)) {
                    out.append(" +lat_0=").append(lat0).append(" +lon_0=").append(lon0).append(" +lat_1=")
                            .append(sp1.orElse(lat0)).append(" +lat_2=").append(sp2.get());
                } else {
                    String lat1 = sp1.orElse(lat0);
                    out.append(" +lat_0=").append(lat1).append(" +lat_1=").append(lat1).append(" +lon_0=").append(lon0)
                            .append(" +k_0=").append(k);
                }
            }
            case "aea", "eqdc" -> out.append(" +lat_0=").append(lat0).append(" +lon_0=").append(lon0)
                    .append(" +lat_1=").append(p.first("standard_parallel_1").orElse(lat0))
                    .append(" +lat_2=").append(p.first("standard_parallel_2", "standard_parallel_1").orElse(lat0));
            case "stere" -> {
                Optional<String> ts = p.first("standard_parallel_1");
                boolean polar = method.toLowerCase(Locale.ROOT).contains("pole") || method.equalsIgnoreCase("polar_stereographic")
                        || Math.abs(Double.parseDouble(lat0)) == 90;
                if (polar) {
                    String pole = method.toLowerCase(Locale.ROOT).contains("south")
                            || Double.parseDouble(ts.orElse(lat0)) < 0 ? "-90" : "90";
                    out.append(" +lat_0=").append(pole).append(" +lat_ts=").append(ts.orElse(lat0)).append(" +lon_0=")
                            .append(lon0).append(" +k=").append(k);
                } else {
                    out.append(" +lat_0=").append(lat0).append(" +lon_0=").append(lon0).append(" +k=").append(k);
                }
            }
            // Behrmann is ESRI's name for the cylindrical equal area with its standard parallel at 30°.
            case "cea", "eqc" -> out.append(" +lat_ts=").append(p.first("standard_parallel_1")
                    .orElse(method.equalsIgnoreCase("behrmann") ? "30" : "0"))
                    .append(proj.equals("eqc") ? " +lat_0=" + lat0 : "").append(" +lon_0=").append(lon0);
            case "omerc +no_uoff", "omerc" -> {
                String azimuth = p.first("azimuth").orElseThrow(() -> new IllegalArgumentException(method + " without Azimuth"));
                out.append(" +lat_0=").append(lat0).append(" +lonc=").append(lon0).append(" +alpha=").append(azimuth)
                        .append(" +gamma=").append(p.first("rectified_grid_angle", "xy_plane_rotation").orElse(azimuth))
                        .append(" +k=").append(k);
            }
            case "sinu", "robin", "vandg", "moll" -> out.append(" +lon_0=").append(lon0);
            default -> out.append(" +lat_0=").append(lat0).append(" +lon_0=").append(lon0);
        }
        out.append(" +x_0=").append(p.number("false_easting") * unit).append(" +y_0=").append(p.number("false_northing") * unit)
                .append(' ').append(geographic(geogcs)).append(' ').append(units(unit)).append(" +no_defs");
        return out.toString();
    }

    private static String units(double metres) {
        if (metres == 1) {
            return "+units=m";
        }
        if (metres == 0.3048) {
            return "+units=ft";
        }
        if (Math.abs(metres - 1200.0 / 3937.0) < 1e-15) {
            return "+units=us-ft";
        }
        return "+to_meter=" + metres;
    }

    /** The datum of a GEOGCS: WGS84, NAD83 or NAD27 by name, else its spheroid's axes; and its prime meridian. */
    private static String geographic(Node geogcs) {
        Node datum = geogcs.child("DATUM").orElseThrow(() -> new IllegalArgumentException("GEOGCS without DATUM"));
        String name = datum.text(0).toLowerCase(Locale.ROOT).replaceFirst("^d_", "");
        String out;
        if (name.equals("wgs_1984") || name.equals("world_geodetic_system_1984")) {
            out = "+datum=WGS84";
        } else if (name.equals("north_american_1983") || name.equals("north_american_datum_1983")) {
            out = "+datum=NAD83";
        } else if (name.equals("north_american_1927") || name.equals("north_american_datum_1927")) {
            out = "+datum=NAD27";
        } else {
            Node spheroid = datum.child("SPHEROID").orElseThrow(() -> new IllegalArgumentException("DATUM without SPHEROID"));
            double a = spheroid.number(1);
            double rf = spheroid.number(2);
            out = "+a=" + a + " +b=" + (rf == 0 ? a : a * (1 - 1 / rf));
        }
        double meridian = geogcs.child("PRIMEM").map(pm -> pm.number(1)).orElse(0.0);
        double degreesPerUnit = geogcs.child("UNIT").map(u -> Math.toDegrees(u.number(1))).orElse(1.0);
        return meridian == 0 ? out : out + " +pm=" + meridian * degreesPerUnit;
    }

    /** PARAMETER nodes by lower-case name. */
    private record Parameters(List<Node> nodes) {
        Optional<String> first(String... names) {
            for (String name : names) {
                for (Node n : nodes) {
                    if (n.text(0).equalsIgnoreCase(name)) {
                        return Optional.of(Double.toString(n.number(1)).replaceFirst("\\.0$", ""));
                    }
                }
            }
            return Optional.empty();
        }

        double number(String name) {
            return first(name).map(Double::parseDouble).orElse(0.0);
        }
    }

    private Node node() {
        skipSpace();
        int start = pos;
        while (pos < wkt.length() && (Character.isLetterOrDigit(wkt.charAt(pos)) || wkt.charAt(pos) == '_')) {
            pos++;
        }
        String keyword = wkt.substring(start, pos);
        if (keyword.isEmpty()) {
            throw malformed("a keyword");
        }
        skipSpace();
        char open = pos < wkt.length() ? wkt.charAt(pos) : 0;
        if (open != '[' && open != '(') {
            throw malformed("'[' after " + keyword);
        }
        char close = open == '[' ? ']' : ')';
        pos++;
        List<Object> values = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= wkt.length()) {
                throw malformed("'" + close + "' closing " + keyword);
            }
            char c = wkt.charAt(pos);
            if (c == '"') {
                int end = wkt.indexOf('"', pos + 1);
                if (end < 0) {
                    throw malformed("a closing quote");
                }
                values.add(wkt.substring(pos + 1, end));
                pos = end + 1;
            } else if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
                int s = pos;
                while (pos < wkt.length() && "+-.0123456789eE".indexOf(wkt.charAt(pos)) >= 0) {
                    pos++;
                }
                values.add(wkt.substring(s, pos));
            } else if (Character.isLetter(c)) {
                int save = pos;
                int s = pos;
                while (pos < wkt.length() && (Character.isLetterOrDigit(wkt.charAt(pos)) || wkt.charAt(pos) == '_')) {
                    pos++;
                }
                skipSpace();
                if (pos < wkt.length() && (wkt.charAt(pos) == '[' || wkt.charAt(pos) == '(')) {
                    pos = save;
                    values.add(node());
                } else {
                    values.add(wkt.substring(s, pos).trim());
                }
            } else {
                throw malformed("a value in " + keyword);
            }
            skipSpace();
            if (pos < wkt.length() && wkt.charAt(pos) == ',') {
                pos++;
            } else if (pos < wkt.length() && wkt.charAt(pos) == close) {
                pos++;
                return new Node(keyword, values);
            } else {
                throw malformed("',' or '" + close + "' in " + keyword);
            }
        }
    }

    private void skipSpace() {
        while (pos < wkt.length() && Character.isWhitespace(wkt.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException malformed(String expected) {
        return new IllegalArgumentException("malformed PE string: expected " + expected + " at character " + pos);
    }
}
