package io.tessera.catalog.layout;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.ProjectedExtent;
import java.util.Objects;

/**
 * The power-of-two tile pyramid over a CRS's world extent that GeoTrellis calls
 * {@code ZoomedLayoutScheme} (GeoPySpark's {@code GlobalLayout}): zoom {@code z} is
 * {@code 2^z × 2^z} tiles of {@code tileSize} cells, whatever the CRS.
 */
public record ZoomedLayoutScheme(CRS crs, int tileSize, double resolutionThreshold) implements LayoutScheme {

    public static final int DEFAULT_TILE_SIZE = 256;
    public static final double DEFAULT_RESOLUTION_THRESHOLD = 0.1;

    /** GeoTrellis's earth radius (WGS84 semi-major axis) for zoom and Haversine arithmetic. */
    static final double EARTH_RADIUS = 6378137.0;
    private static final double EARTH_CIRCUMFERENCE = 2 * Math.PI * EARTH_RADIUS;
    /** The deepest zoom level: keys are ints, and 2^30 columns leaves GeoTrellis's index math room. */
    public static final int MAX_ZOOM = 30;

    static final Extent WEB_MERCATOR_WORLD =
            new Extent(-20037508.342789244, -20037508.342789244, 20037508.342789244, 20037508.342789244);
    static final Extent LAT_LNG_WORLD = new Extent(-180, -89.99999, 179.99999, 89.99999);
    static final Extent SINUSOIDAL_WORLD = new Extent(
            -2.0015109355797417E7, -1.0007554677898709E7, 2.0015109355797417E7, 1.0007554677898709E7);

    public ZoomedLayoutScheme {
        Objects.requireNonNull(crs, "crs");
        if (tileSize <= 0) {
            throw new IllegalArgumentException("tile size must be positive, got " + tileSize);
        }
        worldExtent(crs);
    }

    /** The scheme with 256-cell tiles and GeoTrellis's 0.1 resolution threshold. */
    public ZoomedLayoutScheme(CRS crs) {
        this(crs, DEFAULT_TILE_SIZE, DEFAULT_RESOLUTION_THRESHOLD);
    }

    /** The scheme with the given tile size and GeoTrellis's 0.1 resolution threshold. */
    public ZoomedLayoutScheme(CRS crs, int tileSize) {
        this(crs, tileSize, DEFAULT_RESOLUTION_THRESHOLD);
    }

    /**
     * The extent a zoomed layout covers in {@code crs}: GeoTrellis's values for Web Mercator,
     * LatLng (not quite ±180/±90) and Sinusoidal, otherwise the LatLng world reprojected.
     *
     * @throws IllegalArgumentException for CRSs without a world extent, such as UTM zones
     */
    public static Extent worldExtent(CRS crs) {
        if (crs.equals(CRS.WEB_MERCATOR)) {
            return WEB_MERCATOR_WORLD;
        }
        if (crs.equals(CRS.LAT_LNG)) {
            return LAT_LNG_WORLD;
        }
        String proj = crs.proj4j().getProjection() == null ? "" : crs.proj4j().getProjection().getName();
        if ("sinu".equals(proj)) {
            return SINUSOIDAL_WORLD;
        }
        if ("utm".equals(proj) || "tmerc".equals(proj)) {
            throw new IllegalArgumentException("CRS " + crs + " covers one zone, not the world, so it has no zoomed"
                    + " (global) layout; use a floating (local) layout or a world CRS such as EPSG:3857");
        }
        try {
            return new ProjectedExtent(LAT_LNG_WORLD, CRS.LAT_LNG).reproject(crs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("CRS " + crs + " has no world extent for a zoomed (global) layout: "
                    + e.getMessage(), e);
        }
    }

    /** The layout of zoom level {@code zoom}. */
    public LayoutLevel levelForZoom(int zoom) {
        if (zoom < 0 || zoom > MAX_ZOOM) {
            throw new IllegalArgumentException("zoom must be in 0.." + MAX_ZOOM + ", got " + zoom);
        }
        int n = 1 << zoom;
        return new LayoutLevel(zoom, new LayoutDefinition(worldExtent(crs), new TileLayout(n, n, tileSize, tileSize)));
    }

    /** The level chosen for data at {@code cellSize}, measured at the extent's south-west corner. */
    @Override
    public LayoutLevel levelFor(Extent extent, CellSize cellSize) {
        return levelForZoom(zoomFor(extent.xmin(), extent.ymin(), cellSize));
    }

    /**
     * GeoTrellis's zoom for a resolution: the ground distance of one cell, measured in the UTM zone
     * of the point (or by Haversine near the poles), rounded to the power-of-two level, taking the
     * finer level when the data is finer than the coarser one by more than the threshold.
     */
    public int zoomFor(double x, double y, CellSize cellSize) {
        CRS.Transform toLatLng = crs.transformTo(CRS.LAT_LNG);
        double[] ll1 = toLatLng.apply(x + cellSize.width(), y + cellSize.height());
        double[] ll2 = toLatLng.apply(x, y);
        double dist;
        if (ll1[1] >= -80 && ll1[1] <= 84) {
            CRS.Transform toUtm = CRS.LAT_LNG.transformTo(utmZone(ll1[0], ll1[1]));
            double[] p1 = toUtm.apply(ll1[0], ll1[1]);
            double[] p2 = toUtm.apply(ll2[0], ll2[1]);
            dist = Math.max(Math.abs(p1[0] - p2[0]), Math.abs(p1[1] - p2[1]));
        } else {
            dist = haversine(ll1[0], ll1[1], ll2[0], ll2[1]);
        }
        int z = (int) (Math.log(EARTH_CIRCUMFERENCE / (dist * tileSize)) / Math.log(2));
        double zRes = EARTH_CIRCUMFERENCE / (Math.pow(2, z) * tileSize);
        double nextZRes = EARTH_CIRCUMFERENCE / (Math.pow(2, z + 1) * tileSize);
        int zoom = (zRes - dist) / (zRes - nextZRes) > resolutionThreshold ? z + 1 : z;
        return Math.max(0, Math.min(MAX_ZOOM, zoom));
    }

    /**
     * The UTM zone CRS of a longitude/latitude, with the Norway and Svalbard exceptions. Longitude
     * 180 is put in zone 60, where GeoTrellis would ask for a zone 61 that does not exist.
     */
    static CRS utmZone(double lon, double lat) {
        int zone = Math.min(60, (int) Math.floor((lon + 180) / 6) + 1);
        char band = "CDEFGHJKLMNPQRSTUVWXX".charAt(Math.max(0, Math.min(20, (int) Math.floor(lat / 8 + 10))));
        if (zone == 31 && band == 'V' && lon >= 3) {
            zone = 32;
        } else if (band == 'X' && (zone == 32 || zone == 34 || zone == 36)) {
            zone += lon < (zone - 32) * 6 + 9 ? -1 : 1;
        }
        return CRS.fromEpsg((lat >= 0 ? 32600 : 32700) + zone);
    }

    /** Great-circle distance in metres between two lon/lat points. */
    static double haversine(double lon1, double lat1, double lon2, double lat2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return EARTH_RADIUS * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}
