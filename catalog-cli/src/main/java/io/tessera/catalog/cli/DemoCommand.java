package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.LayerAttributes;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.export.Export;
import io.tessera.catalog.export.LayerRaster;
import io.tessera.catalog.histogram.Histogram;
import io.tessera.catalog.histogram.LayerHistograms;
import io.tessera.catalog.histogram.StreamingHistogram;
import io.tessera.catalog.ingest.Ingest;
import io.tessera.catalog.ingest.IngestOptions;
import io.tessera.catalog.ingest.IngestPlan;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.ProjectedExtent;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.query.LayerQuery;
import io.tessera.catalog.warp.ResampleMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tessera demo [DIR]}: the seed catalog guide end to end on a local catalog, on real
 * imagery bundled with the CLI — a GeoTIFF tiled to Web Mercator with its pyramid, a space-time
 * layer from a GeoTIFF's DateTime tag, then metadata, a value, a polygon query, a reprojected query,
 * time queries, a histogram attribute, and a PNG and GeoTIFF exported back out.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the catalog walkthrough on the bundled"
        + " GeoTIFFs in a local file catalog (default ./tessera-demo).")
final class DemoCommand implements Callable<Integer> {

    private static final String ELEVATION = "demo-elevation";
    private static final String WORLD = "demo-world";

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Catalog directory.")
    Path dir = Path.of("tessera-demo");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path home = dir.toAbsolutePath().normalize();
        Path catalogDir = home.resolve("catalog");
        Path elevationTif = bundled("elevation.tif", home);
        Path worldTif = bundled("test-time-tag.tif", home);
        String uri = catalogDir.toUri().toString();
        out.println("catalog: " + uri);
        try (Catalog c = Catalog.open(uri)) {
            for (String name : List.of(ELEVATION, WORLD)) {
                if (c.layers().stream().anyMatch(l -> l.name().equals(name))) {
                    c.delete(name);
                    out.println("removed the previous run's " + name);
                }
            }
            int top;
            IngestOptions toWebMercator = IngestOptions.DEFAULT.withTargetCrs(CRS.WEB_MERCATOR);
            // The file has no NoData: NaN marks the cells of the layer's tiles that it does not cover.
            try (IngestPlan<SpatialKey> plan = Ingest.spatial(List.of(elevationTif), toWebMercator.withNoData(Double.NaN))) {
                top = plan.zoom().getAsInt();
                List<TileLayer<SpatialKey>> levels = plan.pyramid(ResampleMethod.AVERAGE, 0);
                try (Progress p = new Progress(spec.commandLine().getErr(), "ingest " + ELEVATION, levels.size())) {
                    c.writePyramid(ELEVATION, levels.stream().map(l -> counted(l, p)).toList(), WriteOptions.DEFAULT);
                }
            }
            out.println("1. ingested " + elevationTif.getFileName() + " (400x400 float32, EPSG:3857) as " + ELEVATION
                    + ": zoom " + top + " chosen from its resolution, pyramid down to zoom 0");

            TileLayerMetadata<?> md = c.readMetadata(ELEVATION, top);
            out.println("2. metadata of zoom " + top + ": " + md.cellType() + ", CRS EPSG:" + md.crs().epsgCode().orElse(0)
                    + ", extent " + md.extent() + ", bounds " + md.keyBounds());

            SpatialKey min = (SpatialKey) md.keyBounds().minKey();
            SpatialKey max = (SpatialKey) md.keyBounds().maxKey();
            SpatialKey mid = new SpatialKey((min.col() + max.col()) / 2, (min.row() + max.row()) / 2);
            out.println("3. value at " + mid + ": " + c.readValue(ELEVATION, top, mid)
                    .map(t -> ReadValueCommand.summary(t.band(0))).orElse("absent"));
            out.println("   value at (0,0): " + (c.readValue(ELEVATION, top, new SpatialKey(0, 0)).isPresent()
                    ? "present" : "absent (outside the data)"));

            Extent e = md.extent();
            GeometryFactory gf = new GeometryFactory();
            double cx = (e.xmin() + e.xmax()) / 2;
            double cy = (e.ymin() + e.ymax()) / 2;
            Polygon triangle = gf.createPolygon(new Coordinate[] {new Coordinate(e.xmin(), e.ymin()),
                new Coordinate(cx, e.ymax()), new Coordinate(e.xmax(), cy), new Coordinate(e.xmin(), e.ymin())});
            out.println("4. polygon query (triangle in EPSG:3857) at zoom " + top + ": "
                    + c.query(ELEVATION, top, LayerQuery.intersecting(triangle)).count() + " of "
                    + md.keyBounds().spatialCount() + " tiles");

            Extent ll = new ProjectedExtent(e, CRS.WEB_MERCATOR).reproject(CRS.LAT_LNG);
            Extent quarter = new Extent(ll.xmin(), ll.ymin(), ll.xmin() + ll.width() / 2, ll.ymin() + ll.height() / 2);
            TileLayer<?> sw = c.query(ELEVATION, top, LayerQuery.intersecting(quarter).inCrs(CRS.LAT_LNG));
            out.printf("5. reprojected query (south-west quarter, lon %.3f..%.3f, lat %.3f..%.3f in EPSG:4326): %d tiles,"
                    + " bounds %s%n", quarter.xmin(), quarter.xmax(), quarter.ymin(), quarter.ymax(), sw.count(),
                    sw.metadata().bounds().map(Object::toString).orElse("empty"));

            int worldZoom;
            try (IngestPlan<SpaceTimeKey> plan = Ingest.spaceTime(List.of(worldTif), toWebMercator)) {
                worldZoom = plan.zoom().getAsInt();
                c.write(WORLD, plan.layer(), WriteOptions.DEFAULT);
            }
            Instant tag = Instant.parse("2015-03-25T18:01:04Z");
            out.println("6. ingested " + worldTif.getFileName() + " (30x30 uint16, EPSG:4326) as space-time layer " + WORLD
                    + " at zoom " + worldZoom + ", instant " + tag + " from its TIFF DateTime tag");
            out.println("   time query " + tag.minus(Duration.ofHours(1)) + " .. " + tag.plus(Duration.ofHours(1)) + ": "
                    + c.query(WORLD, worldZoom, LayerQuery.all().between(tag.minus(Duration.ofHours(1)),
                            tag.plus(Duration.ofHours(1)))).count() + " tiles");
            out.println("   instant query " + tag.plus(Duration.ofDays(1)) + ": "
                    + c.query(WORLD, worldZoom, LayerQuery.all().at(tag.plus(Duration.ofDays(1)))).count() + " tiles");

            StreamingHistogram h = LayerHistograms.streaming(c.query(ELEVATION, top), 0);
            LayerAttributes attrs = c.attributeStore().layer(ELEVATION, top);
            attrs.write("histogram", h.toJson());
            Histogram back = Histogram.fromJson(attrs.read("histogram"));
            out.printf("7. histogram attribute of zoom %d: %d cells, min %.1f, max %.1f, mean %.1f, median %.1f,"
                    + " quartiles %s%n", top, back.totalCount(), back.min(), back.max(), back.mean(), back.median(),
                    Arrays.toString(Arrays.stream(back.quantileBreaks(4)).map(Math::rint).toArray()));

            LayerRaster raster = LayerRaster.open(c, ELEVATION, top, Optional.empty(), Optional.empty());
            Path png = home.resolve(ELEVATION + "-z" + top + ".png");
            Path tif = home.resolve(ELEVATION + "-z" + top + ".tif");
            Export.png(raster, png);
            Export.geoTiff(raster, tif);
            out.println("8. exported zoom " + top + " (" + raster.grid().cols() + "x" + raster.grid().rows()
                    + " cells) to " + png + " and " + tif);
            out.println("done: " + c.layers().size() + " layers in " + uri);
        }
        return 0;
    }

    private static <K extends io.tessera.catalog.model.LayerKey> TileLayer<K> counted(TileLayer<K> level, Progress p) {
        TileLayer<K> t = TileLayer.lazy(level.keyType(), level.metadata(), () -> level.stream().onClose(() -> p.step(1)));
        return t.atZoom(level.zoom().getAsInt());
    }

    /** Copies a bundled GeoTIFF next to the catalog, so the demo's inputs are files a user can open too. */
    private static Path bundled(String name, Path home) {
        Path target = home.resolve("inputs").resolve(name);
        try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the CLI jar lacks its bundled demo/" + name);
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the demo input to " + target + ": " + e.getMessage(), e);
        }
        return target;
    }
}
