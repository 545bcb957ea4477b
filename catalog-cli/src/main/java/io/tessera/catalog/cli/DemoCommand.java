package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.IndexMethod;
import io.tessera.catalog.LayerAttributes;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.histogram.Histogram;
import io.tessera.catalog.histogram.LayerHistograms;
import io.tessera.catalog.histogram.StreamingHistogram;
import io.tessera.catalog.layout.GridBounds;
import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.MapKeyTransform;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.ProjectedExtent;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.model.TileLayerMetadata;
import io.tessera.catalog.query.LayerQuery;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.FloatArrayTile;
import io.tessera.catalog.raster.MultibandTile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tessera demo [DIR]}: the seed catalog guide end to end on a local catalog — a spatial
 * pyramid and a space-time layer written, then metadata, a value, a polygon query, a reprojected
 * query, a time query and a histogram attribute read back. The rasters are a synthetic terrain
 * over the western Alps in Web Mercator, computed per cell.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the catalog walkthrough on a local file catalog (default ./tessera-demo).")
final class DemoCommand implements Callable<Integer> {

    private static final String ELEVATION = "demo-elevation";
    private static final String RAINFALL = "demo-rainfall";
    private static final int TILE = 256;
    private static final int MAX_ZOOM = 9;
    private static final double R = 6378137.0;
    /** The region the demo rasters cover, lon/lat. */
    private static final Extent REGION = new Extent(5.0, 44.0, 11.0, 48.0);
    private static final CellType FLOAT_ND = CellType.fromName("float32ud-9999.0");

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Catalog directory.")
    Path dir = Path.of("tessera-demo");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String uri = dir.toAbsolutePath().toUri().toString();
        out.println("catalog: " + uri);
        try (Catalog c = Catalog.open(Parsing.catalogUri(uri))) {
            for (String name : List.of(ELEVATION, RAINFALL)) {
                if (c.layers().stream().anyMatch(l -> l.name().equals(name))) {
                    c.delete(name);
                    out.println("removed the previous run's " + name);
                }
            }
            ZoomedLayoutScheme scheme = new ZoomedLayoutScheme(CRS.WEB_MERCATOR, TILE);
            Extent region = new ProjectedExtent(REGION, CRS.LAT_LNG).reproject(CRS.WEB_MERCATOR);

            List<TileLayer<SpatialKey>> pyramid = new ArrayList<>();
            for (int z = 0; z <= MAX_ZOOM; z++) {
                pyramid.add(layer(scheme.levelForZoom(z).layout(), region, k -> k, DemoCommand::elevation).atZoom(z));
            }
            try (Progress p = new Progress(spec.commandLine().getErr(), "write pyramid", pyramid.size())) {
                for (TileLayer<SpatialKey> level : pyramid) {
                    c.writePyramid(ELEVATION, List.of(level), WriteOptions.DEFAULT);
                    p.step(1);
                }
            }
            long tiles = pyramid.stream().mapToLong(l -> l.metadata().keyBounds().spatialCount()).sum();
            out.println("1. wrote pyramid " + ELEVATION + ", zooms 0.." + MAX_ZOOM + ", " + tiles + " tiles of " + TILE + "x" + TILE
                    + " " + FLOAT_ND);

            TileLayerMetadata<?> md = c.readMetadata(ELEVATION, MAX_ZOOM);
            out.println("2. metadata of zoom " + MAX_ZOOM + ": " + md.cellType() + ", CRS EPSG:" + md.crs().epsgCode().orElse(0) + ", extent " + md.extent()
                    + ", bounds " + md.keyBounds());

            SpatialKey key = ((SpatialKey) md.keyBounds().minKey());
            SpatialKey mid = new SpatialKey(key.col() + 2, key.row() + 2);
            out.println("3. value at " + mid + ": " + c.readValue(ELEVATION, MAX_ZOOM, mid).map(t -> ReadValueCommand.summary(t.band(0)))
                    .orElse("absent"));
            out.println("   value at (0,0): " + (c.readValue(ELEVATION, MAX_ZOOM, new SpatialKey(0, 0)).isPresent() ? "present" : "absent (outside the data)"));

            GeometryFactory gf = new GeometryFactory();
            double cx = (region.xmin() + region.xmax()) / 2;
            double cy = (region.ymin() + region.ymax()) / 2;
            Polygon triangle = gf.createPolygon(new Coordinate[] {new Coordinate(region.xmin(), region.ymin()),
                new Coordinate(cx, region.ymax()), new Coordinate(region.xmax(), cy), new Coordinate(region.xmin(), region.ymin())});
            out.println("4. polygon query (triangle in EPSG:3857) at zoom " + MAX_ZOOM + ": "
                    + c.query(ELEVATION, MAX_ZOOM, LayerQuery.intersecting(triangle)).count() + " of " + md.keyBounds().spatialCount() + " tiles");

            Extent lonLat = new Extent(7.0, 45.5, 8.0, 46.5);
            TileLayer<?> reprojected = c.query(ELEVATION, MAX_ZOOM, LayerQuery.intersecting(lonLat).inCrs(CRS.LAT_LNG));
            out.println("5. reprojected query (lon 7..8, lat 45.5..46.5 in EPSG:4326): " + reprojected.count() + " tiles, bounds "
                    + reprojected.metadata().bounds().map(Object::toString).orElse("empty"));

            Instant day0 = Instant.parse("2024-06-01T00:00:00Z");
            List<TileLayer<SpaceTimeKey>> days = new ArrayList<>();
            LayoutDefinition z7 = scheme.levelForZoom(7).layout();
            for (int d = 0; d < 3; d++) {
                Instant t = day0.plus(Duration.ofDays(d));
                int day = d;
                days.add(layer(z7, region, k -> k.at(t.toEpochMilli()), (lon, lat) -> rainfall(lon, lat, day)));
            }
            TileLayer<SpaceTimeKey> rain = merge(days).atZoom(7);
            c.write(RAINFALL, rain, WriteOptions.index(IndexMethod.ZORDER));
            out.println("6. wrote space-time layer " + RAINFALL + " at zoom 7: 3 days x " + rain.metadata().keyBounds().spatialCount() + " tiles");
            long inDay2 = c.query(RAINFALL, 7, LayerQuery.all().between(day0.plus(Duration.ofHours(12)), day0.plus(Duration.ofDays(1)))).count();
            out.println("   time query 2024-06-01T12:00Z .. 2024-06-02T00:00Z: " + inDay2 + " tiles (day 2 only)");
            out.println("   instant query 2024-06-03T00:00Z: " + c.query(RAINFALL, 7, LayerQuery.all().at(day0.plus(Duration.ofDays(2)))).count() + " tiles");

            StreamingHistogram h = LayerHistograms.streaming(c.query(ELEVATION, MAX_ZOOM), 0);
            LayerAttributes attrs = c.attributeStore().layer(ELEVATION, MAX_ZOOM);
            attrs.write("histogram", h.toJson());
            Histogram back = Histogram.fromJson(attrs.read("histogram"));
            out.printf("7. histogram attribute of zoom %d: %d cells, min %.1f, max %.1f, mean %.1f, median %.1f, quartiles %s%n",
                    MAX_ZOOM, back.totalCount(), back.min(), back.max(), back.mean(), back.median(),
                    java.util.Arrays.toString(java.util.Arrays.stream(back.quantileBreaks(4)).map(Math::rint).toArray()));
            out.println("done: " + c.layers().size() + " layers in " + uri);
        }
        return 0;
    }

    /** Cell value of a lon/lat point. */
    @FunctionalInterface
    private interface Field {
        double at(double lon, double lat);
    }

    private static <K extends LayerKey> TileLayer<K> layer(LayoutDefinition layout, Extent region,
            Function<SpatialKey, K> key, Field field) {
        MapKeyTransform mt = layout.mapTransform();
        GridBounds gb = mt.extentToBounds(region).intersection(layout.gridBounds()).orElseThrow();
        List<KeyedTile<K>> tiles = new ArrayList<>();
        for (int row = gb.rowMin(); row <= gb.rowMax(); row++) {
            for (int col = gb.colMin(); col <= gb.colMax(); col++) {
                Extent e = mt.keyToExtent(col, row);
                float[] cells = new float[TILE * TILE];
                double cw = e.width() / TILE;
                double ch = e.height() / TILE;
                for (int r = 0; r < TILE; r++) {
                    double lat = Math.toDegrees(Math.atan(Math.sinh((e.ymax() - (r + 0.5) * ch) / R)));
                    for (int c = 0; c < TILE; c++) {
                        double lon = Math.toDegrees((e.xmin() + (c + 0.5) * cw) / R);
                        cells[r * TILE + c] = REGION.contains(lon, lat) ? (float) field.at(lon, lat) : -9999f;
                    }
                }
                tiles.add(new KeyedTile<>(key.apply(new SpatialKey(col, row)),
                        MultibandTile.of(new FloatArrayTile(cells, TILE, TILE, FLOAT_ND))));
            }
        }
        KeyBounds<K> bounds = new KeyBounds<>(key.apply(new SpatialKey(gb.colMin(), gb.rowMin())),
                key.apply(new SpatialKey(gb.colMax(), gb.rowMax())));
        TileLayerMetadata<K> md = new TileLayerMetadata<>(FLOAT_ND, layout, mt.boundsToExtent(gb), CRS.WEB_MERCATOR, bounds);
        KeyType type = bounds.minKey() instanceof SpaceTimeKey ? KeyType.SPACE_TIME : KeyType.SPATIAL;
        return TileLayer.of(type, md, tiles);
    }

    private static TileLayer<SpaceTimeKey> merge(List<TileLayer<SpaceTimeKey>> parts) {
        List<KeyedTile<SpaceTimeKey>> all = new ArrayList<>();
        TileLayerMetadata<SpaceTimeKey> md = null;
        for (TileLayer<SpaceTimeKey> p : parts) {
            all.addAll(p.tiles());
            md = md == null ? p.metadata() : md.merge(p.metadata());
        }
        return TileLayer.of(KeyType.SPACE_TIME, md, all);
    }

    private static double elevation(double lon, double lat) {
        double ridge = Math.exp(-Math.pow((lat - 45.9 - 0.25 * Math.sin(lon * 1.7)) / 0.6, 2));
        return 300 + 3200 * ridge * (0.6 + 0.4 * Math.sin(lon * 5.1) * Math.cos(lat * 4.3))
                + 150 * Math.sin(lon * 23) * Math.sin(lat * 19);
    }

    private static double rainfall(double lon, double lat, int day) {
        return Math.max(0, 20 * Math.sin(lon * 2 + day) * Math.cos(lat * 3 - day) + 8);
    }
}
