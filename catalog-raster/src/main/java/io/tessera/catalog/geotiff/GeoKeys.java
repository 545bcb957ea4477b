package io.tessera.catalog.geotiff;

import io.tessera.catalog.model.CRS;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The GeoKey directory of a GeoTIFF and its resolution to a {@link CRS}. */
final class GeoKeys {

    static final int MODEL_TYPE = 1024;
    static final int RASTER_TYPE = 1025;
    static final int GT_CITATION = 1026;
    static final int GEOGRAPHIC_TYPE = 2048;
    static final int GEOG_CITATION = 2049;
    static final int GEOG_GEODETIC_DATUM = 2050;
    static final int GEOG_PRIME_MERIDIAN = 2051;
    static final int GEOG_ANGULAR_UNITS = 2054;
    static final int GEOG_ELLIPSOID = 2056;
    static final int GEOG_SEMI_MAJOR = 2057;
    static final int GEOG_SEMI_MINOR = 2058;
    static final int GEOG_INV_FLATTENING = 2059;
    static final int GEOG_PRIME_MERIDIAN_LONG = 2061;
    static final int PROJECTED_CS_TYPE = 3072;
    static final int PCS_CITATION = 3073;
    static final int PROJECTION = 3074;
    static final int PROJ_COORD_TRANS = 3075;
    static final int PROJ_LINEAR_UNITS = 3076;
    static final int PROJ_LINEAR_UNIT_SIZE = 3077;
    static final int STD_PARALLEL_1 = 3078;
    static final int STD_PARALLEL_2 = 3079;
    static final int NAT_ORIGIN_LONG = 3080;
    static final int NAT_ORIGIN_LAT = 3081;
    static final int FALSE_EASTING = 3082;
    static final int FALSE_NORTHING = 3083;
    static final int FALSE_ORIGIN_LONG = 3084;
    static final int FALSE_ORIGIN_LAT = 3085;
    static final int FALSE_ORIGIN_EASTING = 3086;
    static final int FALSE_ORIGIN_NORTHING = 3087;
    static final int CENTER_LONG = 3088;
    static final int CENTER_LAT = 3089;
    static final int CENTER_EASTING = 3090;
    static final int CENTER_NORTHING = 3091;
    static final int SCALE_AT_NAT_ORIGIN = 3092;
    static final int SCALE_AT_CENTER = 3093;
    static final int AZIMUTH_ANGLE = 3094;
    static final int STRAIGHT_VERT_POLE_LONG = 3095;
    static final int RECTIFIED_GRID_ANGLE = 3096;

    static final int USER_DEFINED = 32767;

    /** The EPSG prime meridians (code → degrees east of Greenwich) a file may name instead of giving the longitude. */
    private static final Map<Integer, Double> PRIME_MERIDIANS = Map.ofEntries(Map.entry(8902, -9.131906111),
            Map.entry(8903, 2.33722917), Map.entry(8904, -74.08091667), Map.entry(8905, -3.68793889),
            Map.entry(8906, 12.45233333), Map.entry(8907, 7.43958333), Map.entry(8908, 106.80771944),
            Map.entry(8909, -17.66666667), Map.entry(8910, 4.367975), Map.entry(8911, 18.05827778),
            Map.entry(8912, 23.7163375), Map.entry(8913, 10.72291667));

    /** The coordinate transformations this reader refuses, by code, for errors: proj4j 1.3 has no projection for them. */
    private static final Map<Integer, String> TRANSFORMS = Map.of(2, "Transverse Mercator (modified Alaska)",
            4, "oblique Mercator (Laborde)", 5, "oblique Mercator (Rosenmund)", 6, "oblique Mercator (spherical)");

    private final Map<Integer, Object> keys;

    private GeoKeys(Map<Integer, Object> keys) {
        this.keys = keys;
    }

    static GeoKeys read(TiffDirectory dir) {
        double[] dirValues = dir.doubles(TiffDirectory.GEO_KEY_DIRECTORY);
        Map<Integer, Object> keys = new HashMap<>();
        if (dirValues == null) {
            return new GeoKeys(keys);
        }
        double[] doubles = dir.doubles(TiffDirectory.GEO_DOUBLE_PARAMS);
        String ascii = dir.text(TiffDirectory.GEO_ASCII_PARAMS);
        if (dirValues.length < 4) {
            throw new GeoTiffException(dir.file, "corrupt GeoKey directory: " + dirValues.length + " values");
        }
        int n = (int) dirValues[3];
        for (int k = 0; k < n && 4 + 4 * k + 3 < dirValues.length; k++) {
            int id = (int) dirValues[4 + 4 * k];
            int location = (int) dirValues[4 + 4 * k + 1];
            int count = (int) dirValues[4 + 4 * k + 2];
            int value = (int) dirValues[4 + 4 * k + 3];
            if (location == 0) {
                keys.put(id, (double) value);
            } else if (location == TiffDirectory.GEO_DOUBLE_PARAMS && doubles != null && value < doubles.length) {
                keys.put(id, doubles[value]);
            } else if (location == TiffDirectory.GEO_ASCII_PARAMS && ascii != null && value < ascii.length()) {
                String s = ascii.substring(value, Math.min(ascii.length(), value + count));
                keys.put(id, s.endsWith("|") ? s.substring(0, s.length() - 1) : s);
            } else if (location == TiffDirectory.GEO_KEY_DIRECTORY && value < dirValues.length) {
                keys.put(id, dirValues[value]);
            }
        }
        return new GeoKeys(keys);
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    int code(int key) {
        Object v = keys.get(key);
        return v instanceof Double d ? (int) d.doubleValue() : 0;
    }

    Double number(int key) {
        Object v = keys.get(key);
        return v instanceof Double d ? d : null;
    }

    /** RasterTypeGeoKey says PixelIsPoint (2). */
    boolean pixelIsPoint() {
        return code(RASTER_TYPE) == 2;
    }

    /** The CRS, from an EPSG code when there is one, else from the user-defined keys. */
    CRS crs(String file) {
        if (keys.isEmpty()) {
            throw new GeoTiffException(file, "the file has no CRS (no GeoKey directory, tag 34735): say which CRS it is"
                    + " in (tessera ingest --src-crs EPSG:n or a PROJ string; IngestOptions.withSourceCrs)");
        }
        int model = code(MODEL_TYPE);
        int pcs = code(PROJECTED_CS_TYPE);
        int gcs = code(GEOGRAPHIC_TYPE);
        // A model GDAL cannot name (0, or 32767 "user-defined") is taken from the keys that are there, as GDAL does.
        boolean unnamed = model == 0 || model == USER_DEFINED;
        try {
            if (model == 1 || (unnamed && (pcs != 0 || keys.containsKey(PROJ_COORD_TRANS)))) {
                if (pcs > 0 && pcs != USER_DEFINED) {
                    return CRS.fromEpsg(pcs);
                }
                Optional<CRS> cited = cited(file, PCS_CITATION, keys.containsKey(PROJ_COORD_TRANS));
                return cited.isPresent() ? cited.get() : CRS.fromProj4(userDefinedProjection(file));
            }
            if (model == 2 || (unnamed && gcs != 0)) {
                if (gcs > 0 && gcs != USER_DEFINED) {
                    return CRS.fromEpsg(gcs);
                }
                boolean keyed = keys.containsKey(GEOG_GEODETIC_DATUM) || keys.containsKey(GEOG_ELLIPSOID)
                        || keys.containsKey(GEOG_SEMI_MAJOR);
                Optional<CRS> cited = cited(file, GEOG_CITATION, keyed);
                return cited.isPresent() ? cited.get() : CRS.fromProj4("+proj=longlat " + datum(file) + " +no_defs");
            }
        } catch (IllegalArgumentException e) {
            throw new GeoTiffException(file, "cannot resolve the CRS: " + e.getMessage(), e);
        }
        throw new GeoTiffException(file, "cannot resolve the CRS: GTModelTypeGeoKey is " + model
                + " (only 1, projected, and 2, geographic, are supported, or keys of either)");
    }

    /**
     * A user-defined CRS from an ESRI PE string in {@code citationKey} or GTCitationGeoKey, which GDAL
     * prefers to the keys. When this reader cannot express the string, the keys serve if
     * {@code keyed} (they define the CRS too), else the file is refused naming the reason.
     */
    private Optional<CRS> cited(String file, int citationKey, boolean keyed) {
        for (int key : new int[] {citationKey, GT_CITATION}) {
            Object citation = keys.get(key);
            try {
                Optional<String> proj4 = EsriWkt.proj4(citation instanceof String s ? s : null);
                if (proj4.isPresent()) {
                    return Optional.of(CRS.fromProj4(proj4.get()));
                }
            } catch (IllegalArgumentException e) {
                if (keyed) {
                    return Optional.empty();
                }
                throw new GeoTiffException(file, "cannot resolve the CRS from its ESRI PE string citation: "
                        + e.getMessage() + "; give its CRS with --src-crs (IngestOptions.withSourceCrs)", e);
            }
        }
        return Optional.empty();
    }

    private String userDefinedProjection(String file) {
        int projection = code(PROJECTION);
        if (projection > 0 && projection != USER_DEFINED) {
            throw new GeoTiffException(file, "cannot resolve the CRS: ProjectionGeoKey " + projection
                    + " (an EPSG coordinate operation) is not supported; only EPSG CRS codes or user-defined"
                    + " projection parameters are");
        }
        int transform = code(PROJ_COORD_TRANS);
        double unit = linearUnitMetres(file);
        StringBuilder p = new StringBuilder();
        switch (transform) {
            case 1: // Transverse Mercator
                p.append("+proj=tmerc").append(lat0(NAT_ORIGIN_LAT)).append(lon0(NAT_ORIGIN_LONG))
                        .append(" +k=").append(num(SCALE_AT_NAT_ORIGIN, 1)).append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 7: // Mercator
                if (keys.containsKey(STD_PARALLEL_1)) {
                    p.append("+proj=merc +lat_ts=").append(num(STD_PARALLEL_1, 0));
                } else {
                    p.append("+proj=merc +k=").append(num(SCALE_AT_NAT_ORIGIN, 1));
                }
                p.append(lon0(NAT_ORIGIN_LONG)).append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 8: // Lambert conformal conic, two standard parallels
                p.append("+proj=lcc +lat_0=").append(num(FALSE_ORIGIN_LAT, num(NAT_ORIGIN_LAT, 0)))
                        .append(" +lon_0=").append(num(FALSE_ORIGIN_LONG, num(NAT_ORIGIN_LONG, 0)))
                        .append(" +lat_1=").append(num(STD_PARALLEL_1, 0)).append(" +lat_2=").append(num(STD_PARALLEL_2, 0))
                        .append(keys.containsKey(FALSE_ORIGIN_EASTING)
                                ? falseEN(FALSE_ORIGIN_EASTING, FALSE_ORIGIN_NORTHING, unit)
                                : falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 9: // Lambert conformal conic, one standard parallel (CT_LambertConfConic_Helmert)
                p.append("+proj=lcc").append(lat0(NAT_ORIGIN_LAT)).append(" +lat_1=").append(num(NAT_ORIGIN_LAT, 0))
                        .append(lon0(NAT_ORIGIN_LONG)).append(" +k_0=").append(num(SCALE_AT_NAT_ORIGIN, 1))
                        .append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 10: // Lambert azimuthal equal area
                p.append("+proj=laea +lat_0=").append(num(CENTER_LAT, num(NAT_ORIGIN_LAT, 0)))
                        .append(" +lon_0=").append(num(CENTER_LONG, num(NAT_ORIGIN_LONG, 0)))
                        .append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 11: // Albers equal area
                p.append("+proj=aea +lat_0=").append(num(NAT_ORIGIN_LAT, num(FALSE_ORIGIN_LAT, 0)))
                        .append(" +lon_0=").append(num(NAT_ORIGIN_LONG, num(FALSE_ORIGIN_LONG, 0)))
                        .append(" +lat_1=").append(num(STD_PARALLEL_1, 0)).append(" +lat_2=").append(num(STD_PARALLEL_2, 0))
                        .append(keys.containsKey(FALSE_ORIGIN_EASTING)
                                ? falseEN(FALSE_ORIGIN_EASTING, FALSE_ORIGIN_NORTHING, unit)
                                : falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 15: // Polar stereographic
                p.append("+proj=stere +lat_0=").append(value(NAT_ORIGIN_LAT, 90) < 0 ? "-90" : "90")
                        .append(" +lat_ts=").append(num(NAT_ORIGIN_LAT, 90))
                        .append(" +lon_0=").append(num(STRAIGHT_VERT_POLE_LONG, num(NAT_ORIGIN_LONG, 0)))
                        .append(" +k=").append(num(SCALE_AT_NAT_ORIGIN, 1))
                        .append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 17: // Equirectangular: GDAL writes the origin as the centre keys
                p.append("+proj=eqc +lat_ts=").append(num(STD_PARALLEL_1, 0))
                        .append(" +lat_0=").append(num(CENTER_LAT, num(NAT_ORIGIN_LAT, 0)))
                        .append(" +lon_0=").append(num(CENTER_LONG, num(NAT_ORIGIN_LONG, 0)))
                        .append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 3: // Hotine oblique Mercator, variant A (the skew grid's origin at the natural origin)
            case 9812: // the same, as its EPSG method code
            case 9815: // variant B: the origin at the projection centre
                p.append(transform == 9815 ? "+proj=omerc" : "+proj=omerc +no_uoff")
                        .append(" +lat_0=").append(centreLat()).append(" +lonc=").append(centreLong())
                        .append(" +alpha=").append(num(AZIMUTH_ANGLE, 90))
                        .append(" +gamma=").append(num(RECTIFIED_GRID_ANGLE, num(AZIMUTH_ANGLE, 90)))
                        .append(" +k=").append(num(SCALE_AT_CENTER, num(SCALE_AT_NAT_ORIGIN, 1)))
                        .append(keys.containsKey(CENTER_EASTING)
                                ? falseEN(CENTER_EASTING, CENTER_NORTHING, unit)
                                : falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 13: // Equidistant conic
                p.append("+proj=eqdc").append(origin()).append(" +lat_1=").append(num(STD_PARALLEL_1, 0))
                        .append(" +lat_2=").append(num(STD_PARALLEL_2, num(STD_PARALLEL_1, 0)))
                        .append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 22: // Polyconic
                p.append("+proj=poly").append(origin()).append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 12: // Azimuthal equidistant
                p.append("+proj=aeqd").append(centre()).append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 14: // Stereographic (oblique, on the sphere's conformal form)
                p.append("+proj=stere").append(centre()).append(" +k=").append(num(SCALE_AT_NAT_ORIGIN,
                        num(SCALE_AT_CENTER, 1))).append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 16: // Oblique stereographic (double stereographic, EPSG 9809)
                p.append("+proj=sterea").append(origin()).append(" +k=").append(num(SCALE_AT_NAT_ORIGIN,
                        num(SCALE_AT_CENTER, 1))).append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 18: // Cassini-Soldner
                p.append("+proj=cass").append(origin()).append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 19: // Gnomonic
                p.append("+proj=gnom").append(centre()).append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 20: // Miller cylindrical
                p.append("+proj=mill").append(centre()).append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 21: // Orthographic
                p.append("+proj=ortho").append(centre()).append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 23: // Robinson
                p.append("+proj=robin +lon_0=").append(centreLong()).append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 24: // Sinusoidal (MODIS tiles)
                p.append("+proj=sinu +lon_0=").append(centreLong()).append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 25: // Van der Grinten
                p.append("+proj=vandg +lon_0=").append(centreLong()).append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 26: // New Zealand Map Grid
                p.append("+proj=nzmg").append(origin()).append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            case 27: // Transverse Mercator, south-oriented (x grows west, y south)
                p.append("+proj=tmerc").append(origin()).append(" +k=").append(num(SCALE_AT_NAT_ORIGIN, 1))
                        .append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit)).append(" +axis=wsu");
                break;
            case 28: // Cylindrical equal area (EASE-Grid and others)
                p.append("+proj=cea +lat_ts=").append(num(STD_PARALLEL_1, 0))
                        .append(" +lon_0=").append(num(NAT_ORIGIN_LONG, num(CENTER_LONG, 0)))
                        .append(falseEN(FALSE_EASTING, FALSE_NORTHING, unit));
                break;
            default:
                throw new GeoTiffException(file, "cannot resolve the CRS: user-defined projection with ProjCoordTransGeoKey "
                        + transform + " (" + TRANSFORMS.getOrDefault(transform, "unknown") + ") is not supported by the CRS"
                        + " library (proj4j); reproject the file with gdalwarp first, or give its CRS with --src-crs"
                        + " (IngestOptions.withSourceCrs) if it is one proj4j computes");
        }
        p.append(' ').append(datum(file)).append(' ').append(unitsParameter()).append(" +no_defs");
        return p.toString();
    }

    /** The PROJ.4 units of the projected coordinates (false eastings in PROJ.4 are always metres). */
    private String unitsParameter() {
        return switch (code(PROJ_LINEAR_UNITS)) {
            case 9002 -> "+units=ft";
            case 9003 -> "+units=us-ft";
            case USER_DEFINED -> "+to_meter=" + fmt(number(PROJ_LINEAR_UNIT_SIZE));
            default -> "+units=m";
        };
    }

    /** Metres per projected unit: ProjLinearUnitsGeoKey, as false eastings and northings are in it. */
    private double linearUnitMetres(String file) {
        int units = code(PROJ_LINEAR_UNITS);
        return switch (units) {
            case 0, 9001 -> 1.0;
            case 9002 -> 0.3048;
            case 9003 -> 1200.0 / 3937.0;
            case USER_DEFINED -> {
                Double size = number(PROJ_LINEAR_UNIT_SIZE);
                if (size == null) {
                    throw new GeoTiffException(file, "cannot resolve the CRS: user-defined linear units without"
                            + " ProjLinearUnitSizeGeoKey");
                }
                yield size;
            }
            default -> throw new GeoTiffException(file, "cannot resolve the CRS: linear unit code " + units
                    + " is not supported (metre 9001, foot 9002 and US survey foot 9003 are)");
        };
    }

    /**
     * Datum or ellipsoid parameters: from the geographic CRS's EPSG entry when it has one, else from
     * the datum, ellipsoid or axis keys.
     */
    private String datum(String file) {
        int gcs = code(GEOGRAPHIC_TYPE);
        if (gcs > 0 && gcs != USER_DEFINED) {
            String proj4 = CRS.fromEpsg(gcs).toProj4();
            StringBuilder out = new StringBuilder();
            Double a = null;
            Double rf = null;
            for (String token : proj4.trim().split("\\s+")) {
                if (token.startsWith("+a=")) {
                    a = Double.valueOf(token.substring(3));
                } else if (token.startsWith("+rf=")) {
                    rf = Double.valueOf(token.substring(4));
                } else if (!token.startsWith("+proj=") && !token.equals("+no_defs")) {
                    out.append(token).append(' ');
                }
            }
            if (a != null) {
                out.append(axes(a, rf, null));
            }
            return out.toString().trim();
        }
        return ellipsoid(file) + primeMeridian(file);
    }

    /** A user-defined geographic CRS's datum or ellipsoid, from its datum, ellipsoid or axis keys. */
    private String ellipsoid(String file) {
        int datum = code(GEOG_GEODETIC_DATUM);
        switch (datum) {
            case 6326:
                return "+datum=WGS84";
            case 6269:
                return "+datum=NAD83";
            case 6267:
                return "+datum=NAD27";
            default:
                break;
        }
        int ellipsoid = code(GEOG_ELLIPSOID);
        switch (ellipsoid) {
            case 7030:
                return "+ellps=WGS84";
            case 7019:
                return "+ellps=GRS80";
            case 7008:
                return "+ellps=clrk66";
            default:
                break;
        }
        Double a = number(GEOG_SEMI_MAJOR);
        if (a != null) {
            return axes(a, number(GEOG_INV_FLATTENING), number(GEOG_SEMI_MINOR));
        }
        throw new GeoTiffException(file, "cannot resolve the CRS: no geographic CRS, datum, ellipsoid or axes in the GeoKeys");
    }

    /**
     * The prime meridian of a user-defined geographic CRS as {@code +pm} (degrees east of Greenwich),
     * from GeogPrimeMeridianLongGeoKey (what GDAL writes) or an EPSG prime meridian code; empty for
     * Greenwich.
     */
    private String primeMeridian(String file) {
        Double longitude = number(GEOG_PRIME_MERIDIAN_LONG);
        if (longitude == null) {
            int pm = code(GEOG_PRIME_MERIDIAN);
            if (pm == 0 || pm == 8901) {
                return "";
            }
            longitude = PRIME_MERIDIANS.get(pm);
            if (longitude == null) {
                throw new GeoTiffException(file, "cannot resolve the CRS: prime meridian code " + pm + " is not known;"
                        + " give the file's CRS with --src-crs (IngestOptions.withSourceCrs)");
            }
        }
        return longitude == 0 ? "" : " +pm=" + fmt(longitude * angularUnitDegrees(file));
    }

    /** Degrees per unit of GeogAngularUnitsGeoKey (the unit of the prime meridian's longitude). */
    private double angularUnitDegrees(String file) {
        int unit = code(GEOG_ANGULAR_UNITS);
        return switch (unit) {
            case 0, 9102, 9122 -> 1.0;
            case 9101 -> 180 / Math.PI;
            case 9105 -> 0.9;
            default -> throw new GeoTiffException(file, "cannot resolve the CRS: angular unit code " + unit
                    + " is not supported (degree 9102, radian 9101 and grad 9105 are)");
        };
    }

    /**
     * An ellipsoid as {@code +a} and {@code +b}: proj4j 1.3 misreads {@code +rf} for some
     * projections (an LCC with {@code +a +rf} inverts to infinite longitudes), so the semi-minor
     * axis is derived here.
     */
    private static String axes(double a, Double rf, Double b) {
        double minor = rf != null && rf > 0 ? a * (1 - 1 / rf) : b != null ? b : a;
        return "+a=" + fmt(a) + " +b=" + fmt(minor);
    }

    /** The centre of a projection GDAL writes with the centre keys, falling back to the natural origin's. */
    private String centre() {
        return " +lat_0=" + centreLat() + " +lon_0=" + centreLong();
    }

    private String centreLat() {
        return num(CENTER_LAT, num(NAT_ORIGIN_LAT, 0));
    }

    private String centreLong() {
        return num(CENTER_LONG, num(NAT_ORIGIN_LONG, 0));
    }

    /** The natural origin of a projection GDAL writes with the natural origin keys, falling back to the centre's. */
    private String origin() {
        return " +lat_0=" + num(NAT_ORIGIN_LAT, num(CENTER_LAT, num(FALSE_ORIGIN_LAT, 0)))
                + " +lon_0=" + num(NAT_ORIGIN_LONG, num(CENTER_LONG, num(FALSE_ORIGIN_LONG, 0)));
    }

    private String lat0(int key) {
        return " +lat_0=" + num(key, 0);
    }

    private String lon0(int key) {
        return " +lon_0=" + num(key, 0);
    }

    private String falseEN(int eastKey, int northKey, double unit) {
        return " +x_0=" + fmt(value(eastKey, 0) * unit) + " +y_0=" + fmt(value(northKey, 0) * unit);
    }

    private double value(int key, double fallback) {
        Double d = number(key);
        return d == null ? fallback : d;
    }

    private String num(int key, double fallback) {
        return fmt(value(key, fallback));
    }

    private String num(int key, String fallback) {
        Double d = number(key);
        return d == null ? fallback : fmt(d);
    }

    private static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}
