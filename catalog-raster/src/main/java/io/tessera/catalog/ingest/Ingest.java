package io.tessera.catalog.ingest;

import io.tessera.catalog.geotiff.GeoTiff;
import io.tessera.catalog.geotiff.GeoTiffException;
import io.tessera.catalog.geotiff.GeoTiffInfo;
import io.tessera.catalog.geotiff.TiffSource;
import io.tessera.catalog.layout.CellSize;
import io.tessera.catalog.layout.FloatingLayoutScheme;
import io.tessera.catalog.layout.GridBounds;
import io.tessera.catalog.layout.LayoutLevel;
import io.tessera.catalog.layout.MapKeyTransform;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.warp.SourceRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Cuts GeoTIFFs into the tiles of a layer — GeoTrellis's {@code tileToLayout}, in one JVM:
 * <pre>{@code
 * try (IngestPlan<SpatialKey> plan = Ingest.spatial(files, IngestOptions.DEFAULT.withTargetCrs(CRS.WEB_MERCATOR))) {
 *     catalog.writePyramid("landsat", plan.pyramid(ResampleMethod.NEAREST, 0));
 * }
 * }</pre>
 * Planning reads only the files' headers; pixels are read, reprojected and resampled as the
 * layer's tiles are streamed, on several threads, a bounded number of tiles at a time. Several
 * files make one mosaic layer (where they overlap, later files paint over earlier ones); a
 * space-time ingest puts each file at its instant.
 */
public final class Ingest {

    private Ingest() {
    }

    /**
     * Plans a spatial layer from {@code files}.
     *
     * @throws IllegalArgumentException for no files, or files that cannot make one layer (different
     *     band counts, cell types, or CRSs without a target CRS)
     * @throws GeoTiffException naming the file for an unreadable input
     */
    public static IngestPlan<SpatialKey> spatial(List<Path> files, IngestOptions options) {
        return plan(files, options, KeyType.SPATIAL);
    }

    /**
     * Plans a space-time layer from {@code files}, each at {@code options.instant()} or, when that is
     * empty, at its own DateTime tag.
     *
     * @throws GeoTiffException naming the file when an input has no DateTime tag and no instant is given
     */
    public static IngestPlan<SpaceTimeKey> spaceTime(List<Path> files, IngestOptions options) {
        return plan(files, options, KeyType.SPACE_TIME);
    }

    private static <K extends LayerKey> IngestPlan<K> plan(List<Path> files, IngestOptions options, KeyType keyType) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no input files to ingest");
        }
        List<GeoTiff> opened = new ArrayList<>();
        try {
            for (Path f : files) {
                opened.add(GeoTiff.open(f, options.sourceCrs()));
            }
            return build(opened, options, keyType);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            throw e;
        }
    }

    /**
     * Plans a layer with keys of {@code keyType} from GeoTIFFs read through {@code sources} (files of
     * any storage, see {@link TiffSource}), as {@link #spatial} and {@link #spaceTime} plan files: the
     * same inputs give the same plan and the same tiles. The plan owns the sources and closes them.
     */
    @SuppressWarnings("unchecked")
    public static <K extends LayerKey> IngestPlan<K> fromSources(Class<K> keyType, List<TiffSource> sources,
            IngestOptions options) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no input files to ingest");
        }
        List<GeoTiff> opened = new ArrayList<>();
        int i = 0;
        try {
            for (; i < sources.size(); i++) {
                opened.add(GeoTiff.open(sources.get(i), options.sourceCrs()));
            }
            return build(opened, options, keyType == SpaceTimeKey.class ? KeyType.SPACE_TIME : KeyType.SPATIAL);
        } catch (RuntimeException e) {
            closeAll(opened, e);
            for (int j = i + 1; j < sources.size(); j++) {
                try {
                    sources.get(j).close();
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static void closeAll(List<GeoTiff> opened, RuntimeException failure) {
        for (GeoTiff t : opened) {
            try {
                t.close();
            } catch (RuntimeException suppressed) {
                failure.addSuppressed(suppressed);
            }
        }
    }

    private static <K extends LayerKey> IngestPlan<K> build(List<GeoTiff> tiffs,
            IngestOptions options, KeyType keyType) {
        GeoTiffInfo first = tiffs.get(0).info();
        for (GeoTiff t : tiffs) {
            GeoTiffInfo info = t.info();
            if (info.bandCount() != first.bandCount()) {
                throw new IllegalArgumentException("inputs have different band counts: " + first.file() + " has "
                        + first.bandCount() + ", " + info.file() + " has " + info.bandCount());
            }
            if (!info.cellType().equals(first.cellType())) {
                throw new IllegalArgumentException("inputs have different cell types: " + first.file() + " is "
                        + first.cellType() + ", " + info.file() + " is " + info.cellType()
                        + "; convert them to one type and NoData value first (gdal_translate -ot, -a_nodata; a file"
                        + " with a mask or alpha band has its type's NoData)");
            }
        }
        CRS crs = options.targetCrs().orElseGet(() -> commonCrs(tiffs));
        List<Extent> footprints = new ArrayList<>();
        Extent extent = null;
        CellSize finest = null;
        for (GeoTiff t : tiffs) {
            Extent footprint = Placement.footprint(t.info(), crs);
            CellSize cs = Placement.cellSize(t.info(), footprint, crs);
            footprints.add(footprint);
            extent = extent == null ? footprint : extent.combine(footprint);
            if (finest == null || cs.width() * cs.height() < finest.width() * finest.height()) {
                finest = cs;
            }
        }
        LayoutLevel level;
        Optional<ZoomedLayoutScheme> scheme;
        if (options.layout() instanceof GlobalLayout g) {
            ZoomedLayoutScheme s = new ZoomedLayoutScheme(crs, g.tileSize(), g.threshold());
            level = g.zoom().isPresent() ? s.levelForZoom(g.zoom().getAsInt()) : s.levelFor(extent, finest);
            extent = extent.intersection(level.layout().extent()).orElseThrow(() -> new IllegalArgumentException(
                    "the inputs lie outside the world extent of " + crs));
            scheme = Optional.of(s);
        } else {
            LocalLayout l = (LocalLayout) options.layout();
            level = new FloatingLayoutScheme(l.tileCols(), l.tileRows()).levelFor(extent, finest);
            scheme = Optional.empty();
        }
        MapKeyTransform mt = level.layout().mapTransform();
        GridBounds grid = level.layout().gridBounds();
        List<InputRaster> placed = new ArrayList<>();
        for (int i = 0; i < tiffs.size(); i++) {
            GeoTiff t = tiffs.get(i);
            Optional<GridBounds> keys = mt.extentToBounds(footprints.get(i)).intersection(grid);
            if (keys.isPresent()) {
                long instant = keyType == KeyType.SPACE_TIME
                        ? t.info().temporalProjectedExtent(options.instant()).instant() : 0;
                placed.add(new InputRaster(t, SourceRaster.of(t), footprints.get(i), instant, keys.get()));
            } else {
                // Outside a chosen zoom's world or a clipped layout: nothing of it is cut, so free it now.
                t.close();
            }
        }
        if (placed.isEmpty()) {
            throw new IllegalArgumentException("no input overlaps the layout at zoom " + level.zoom());
        }
        OptionalInt zoom = scheme.isPresent() ? OptionalInt.of(level.zoom()) : OptionalInt.empty();
        CellType cellType = options.noData().map(v -> first.cellType().withNoData(v)).orElse(first.cellType());
        return new IngestPlan<>(keyType, placed, crs, cellType, level.layout(), extent, zoom, scheme, options);
    }

    private static CRS commonCrs(List<GeoTiff> tiffs) {
        GeoTiffInfo first = tiffs.get(0).info();
        for (GeoTiff t : tiffs) {
            if (!t.info().crs().equals(first.crs())) {
                throw new IllegalArgumentException("inputs are in different CRSs (" + first.file() + ": " + first.crs()
                        + ", " + t.info().file() + ": " + t.info().crs() + "); give a target CRS");
            }
        }
        return first.crs();
    }
}
