package io.tessera.catalog.ingest;

import static io.tessera.catalog.ingest.IngestGdalAgreementTest.real;
import static io.tessera.catalog.ingest.IngestGdalAgreementTest.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.gdal.Gdal;
import io.tessera.catalog.geotiff.GeoTiff;
import io.tessera.catalog.geotiff.GeoTiffException;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.SpaceTimeKey;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import io.tessera.catalog.warp.ResampleMethod;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestTest {

    @TempDir
    Path tmp;

    @Test
    void localLayoutTilesAreTheSourceBlocks() {
        Path lc8 = real("lc8-utm-1.tif");
        try (IngestPlan<SpatialKey> plan = Ingest.spatial(List.of(lc8), IngestOptions.DEFAULT.withLayout(LocalLayout.of(128)));
                GeoTiff tiff = GeoTiff.open(lc8)) {
            assertTrue(plan.zoom().isEmpty());
            assertEquals(tiff.info().crs(), plan.metadata().crs());
            assertEquals(new SpatialKey(2, 2), plan.metadata().keyBounds().maxKey(), "287x292 cells in 128-cell tiles");
            Map<SpatialKey, MultibandTile> tiles = plan.layer().stream()
                    .collect(Collectors.toMap(KeyedTile::key, KeyedTile::tile));
            assertEquals(9, tiles.size());
            MultibandTile source = tiff.readWindow(128, 128, 128, 128);
            Tile cut = tiles.get(new SpatialKey(1, 1)).band(0);
            for (int i = 0; i < cut.size(); i++) {
                assertEquals(source.band(0).getInt(i), cut.getInt(i), "cell " + i);
            }
            Tile corner = tiles.get(new SpatialKey(2, 2)).band(0);
            assertEquals(tiff.readWindow(286, 291, 1, 1).band(0).getInt(0), corner.getInt(30, 35));
        }
    }

    /** Issue 16: a file with a geotransform but no GeoKey directory, and the same file with its CRS (EPSG:3857). */
    @Test
    void aFileWithoutCrsIngestsWithTheSourceCrsAndFailsClearlyWithout() {
        Path noCrs = Path.of("src/test/resources/geotiff/no-crs.tif");
        Path withCrs = Path.of("src/test/resources/geotiff/with-crs.tif");
        GeoTiffException none = assertThrows(GeoTiffException.class, () -> Ingest.spatial(List.of(noCrs),
                IngestOptions.DEFAULT.withTargetCrs(CRS.WEB_MERCATOR)));
        assertTrue(none.getMessage().contains("no CRS") && none.getMessage().contains("--src-crs")
                && none.getMessage().contains("no-crs.tif"), none.getMessage());
        IngestOptions o = IngestOptions.DEFAULT.withTargetCrs(CRS.WEB_MERCATOR).withResample(ResampleMethod.BILINEAR);
        try (IngestPlan<SpatialKey> given = Ingest.spatial(List.of(noCrs), o.withSourceCrs(CRS.WEB_MERCATOR));
                IngestPlan<SpatialKey> own = Ingest.spatial(List.of(withCrs), o)) {
            assertEquals(own.metadata(), given.metadata());
            Map<SpatialKey, MultibandTile> a = own.layer().stream().collect(Collectors.toMap(KeyedTile::key, KeyedTile::tile));
            Map<SpatialKey, MultibandTile> b = given.layer().stream().collect(Collectors.toMap(KeyedTile::key, KeyedTile::tile));
            assertEquals(a.keySet(), b.keySet());
            for (SpatialKey k : a.keySet()) {
                for (int i = 0; i < a.get(k).band(0).size(); i++) {
                    assertEquals(a.get(k).band(0).getDouble(i), b.get(k).band(0).getDouble(i), 0, k + " cell " + i);
                }
            }
        }
        // The same option overrides a file's own CRS: without a target CRS the layer is in the one given.
        CRS wgs84 = CRS.parse("EPSG:4326");
        try (IngestPlan<SpatialKey> overridden = Ingest.spatial(List.of(withCrs), IngestOptions.DEFAULT
                .withLayout(LocalLayout.of(64)).withSourceCrs(wgs84))) {
            assertEquals(wgs84, overridden.metadata().crs());
        }
    }

    @Test
    void aMosaicOfTwoHalvesEqualsTheWhole() {
        Path whole = real("elevation.tif");
        Path west = tmp.resolve("west.tif");
        Path east = tmp.resolve("east.tif");
        Gdal.run("gdal_translate", "-q", "-srcwin", "0", "0", "210", "400", whole.toString(), west.toString());
        Gdal.run("gdal_translate", "-q", "-srcwin", "190", "0", "210", "400", whole.toString(), east.toString());
        IngestOptions o = IngestOptions.DEFAULT.withErrorThreshold(0);
        try (IngestPlan<SpatialKey> a = Ingest.spatial(List.of(whole), o);
                IngestPlan<SpatialKey> b = Ingest.spatial(List.of(west, east), o)) {
            assertEquals(a.metadata().keyBounds(), b.metadata().keyBounds());
            assertEquals(a.zoom(), b.zoom());
            Map<SpatialKey, MultibandTile> one = a.layer().stream().collect(Collectors.toMap(KeyedTile::key, KeyedTile::tile));
            Map<SpatialKey, MultibandTile> two = b.layer().stream().collect(Collectors.toMap(KeyedTile::key, KeyedTile::tile));
            assertEquals(one.keySet(), two.keySet());
            for (SpatialKey k : one.keySet()) {
                Tile x = one.get(k).band(0);
                Tile y = two.get(k).band(0);
                for (int i = 0; i < x.size(); i++) {
                    assertEquals(x.getDouble(i), y.getDouble(i), 0, k + " cell " + i);
                }
            }
        }
    }

    @Test
    void laterInputsPaintOverEarlierOnes() {
        Path base = real("elevation.tif");
        Path raised = tmp.resolve("raised.tif");
        Gdal.run("gdal_translate", "-q", "-srcwin", "100", "100", "100", "100", "-scale", "0", "1", "1000", "1001",
                base.toString(), raised.toString());
        IngestOptions o = IngestOptions.DEFAULT.withErrorThreshold(0);
        try (IngestPlan<SpatialKey> plan = Ingest.spatial(List.of(base, raised), o)) {
            double max = plan.layer().stream().mapToDouble(t -> {
                Tile b = t.tile().band(0);
                double m = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < b.size(); i++) {
                    m = Math.max(m, b.getDouble(i));
                }
                return m;
            }).max().orElseThrow();
            assertTrue(max > 1000, "the second input (values + 1000) paints over the first where they overlap: " + max);
        }
    }

    /**
     * Issue 16: a JPEG orthophoto with GDAL's internal mask painted over another image: where the
     * mask hides pixels the image beneath shows, not the masked file's black (or stale) cells.
     */
    @Test
    void aMaskedOrthophotoMosaicsWithoutItsHiddenPixels() {
        Path ortho = resource("mask/ortho-jpeg-mask.tif");
        Path beneath = tmp.resolve("beneath.tif");
        Gdal.run("gdal_translate", "-q", "-mask", "none", "-scale", "0", "255", "77", "77", "-a_nodata", "0",
                ortho.toString(), beneath.toString());
        IngestOptions o = IngestOptions.DEFAULT.withLayout(LocalLayout.of(16));
        try (IngestPlan<SpatialKey> plan = Ingest.spatial(List.of(beneath, ortho), o); GeoTiff top = GeoTiff.open(ortho)) {
            MultibandTile expected = top.read();
            Map<SpatialKey, MultibandTile> tiles = plan.layer().stream()
                    .collect(Collectors.toMap(KeyedTile::key, KeyedTile::tile));
            assertEquals(12, tiles.size(), "64x48 cells in 16-cell tiles");
            int hidden = 0;
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    MultibandTile t = tiles.get(new SpatialKey(x / 16, y / 16));
                    for (int b = 0; b < 3; b++) {
                        Tile e = expected.band(b);
                        int want = e.isNoData(x, y) ? 77 : e.getInt(x, y);
                        assertEquals(want, t.band(b).getInt(x % 16, y % 16), "band " + b + " cell " + x + "," + y);
                    }
                    hidden += expected.band(0).isNoData(x, y) ? 1 : 0;
                }
            }
            assertTrue(hidden > 500, "the mask hides a triangle: " + hidden);
        }
    }

    @Test
    void spaceTimeInputsTakeTheirDateTimeTagOrTheGivenInstant() {
        Path tagged = real("test-time-tag.tif");
        IngestOptions o = IngestOptions.DEFAULT.withTargetCrs(CRS.WEB_MERCATOR);
        try (IngestPlan<SpaceTimeKey> plan = Ingest.spaceTime(List.of(tagged), o)) {
            long t = Instant.parse("2015-03-25T18:01:04Z").toEpochMilli();
            assertEquals(t, plan.metadata().keyBounds().minKey().instant());
            assertTrue(plan.layer().stream().allMatch(k -> k.key().instant() == t));
        }
        Path copy = tmp.resolve("copy.tif");
        Gdal.run("gdal_translate", "-q", tagged.toString(), copy.toString());
        Instant later = Instant.parse("2016-01-01T00:00:00Z");
        try (IngestPlan<SpaceTimeKey> a = Ingest.spaceTime(List.of(tagged), o.withInstant(later))) {
            assertEquals(later.toEpochMilli(), a.metadata().keyBounds().maxKey().instant());
        }
        Path untagged = real("elevation.tif");
        GeoTiffException e = assertThrows(GeoTiffException.class, () -> Ingest.spaceTime(List.of(untagged), o));
        assertTrue(e.getMessage().contains("elevation.tif") && e.getMessage().contains("DateTime"), e.getMessage());
    }

    @Test
    void twoInstantsMakeTwoSlicesOfTheSameKeys() {
        Path tagged = real("test-time-tag.tif");
        Path other = tmp.resolve("other.tif");
        Gdal.run("gdal_translate", "-q", "-mo", "TIFFTAG_DATETIME=2016:01:02 03:04:05", tagged.toString(), other.toString());
        try (IngestPlan<SpaceTimeKey> plan = Ingest.spaceTime(List.of(tagged, other), IngestOptions.DEFAULT)) {
            List<KeyedTile<SpaceTimeKey>> tiles = plan.layer().tiles();
            TreeSet<Long> instants = tiles.stream().map(t -> t.key().instant()).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(2, instants.size());
            long perInstant = tiles.stream().filter(t -> t.key().instant() == instants.first()).count();
            assertEquals(tiles.size(), 2 * perInstant);
        }
    }

    @Test
    void inputsThatCannotMakeOneLayerAreRejectedClearly() {
        Path f32 = real("elevation.tif");
        Path u16 = real("lc8-utm-1.tif");
        IllegalArgumentException types = assertThrows(IllegalArgumentException.class,
                () -> Ingest.spatial(List.of(f32, u16), IngestOptions.DEFAULT.withTargetCrs(CRS.WEB_MERCATOR)));
        assertTrue(types.getMessage().contains("different cell types"), types.getMessage());
        IllegalArgumentException utm = assertThrows(IllegalArgumentException.class,
                () -> Ingest.spatial(List.of(u16), IngestOptions.DEFAULT));
        assertTrue(utm.getMessage().contains("local") && utm.getMessage().contains("EPSG:3857"), utm.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Ingest.spatial(List.of(), IngestOptions.DEFAULT));
        GeoTiffException missing = assertThrows(GeoTiffException.class,
                () -> Ingest.spatial(List.of(tmp.resolve("nope.tif")), IngestOptions.DEFAULT));
        assertTrue(missing.getMessage().contains("nope.tif"), missing.getMessage());
    }

    @Test
    void aNoDataValueMarksUncoveredCells() {
        Path lc8 = real("lc8-utm-1.tif");
        IngestOptions o = IngestOptions.DEFAULT.withTargetCrs(CRS.WEB_MERCATOR).withErrorThreshold(0);
        try (IngestPlan<SpatialKey> raw = Ingest.spatial(List.of(lc8), o);
                IngestPlan<SpatialKey> marked = Ingest.spatial(List.of(lc8), o.withNoData(65535))) {
            assertEquals("uint16raw", raw.metadata().cellType().name());
            assertEquals("uint16ud65535", marked.metadata().cellType().name());
            Map<SpatialKey, MultibandTile> a = raw.layer().stream().collect(Collectors.toMap(KeyedTile::key, KeyedTile::tile));
            Map<SpatialKey, MultibandTile> b = marked.layer().stream().collect(Collectors.toMap(KeyedTile::key, KeyedTile::tile));
            assertEquals(a.keySet(), b.keySet());
            long uncovered = 0;
            for (SpatialKey k : a.keySet()) {
                Tile x = a.get(k).band(0);
                Tile y = b.get(k).band(0);
                for (int i = 0; i < x.size(); i++) {
                    if (y.isNoData(i)) {
                        uncovered++;
                        assertEquals(0, x.getInt(i), "an uncovered cell is 0 without NoData");
                    } else {
                        assertEquals(x.getInt(i), y.getInt(i));
                    }
                }
            }
            assertTrue(uncovered > 1000, "the rotated UTM footprint leaves cells uncovered: " + uncovered);
        }
    }

    @Test
    void aFixedZoomIsHonoured() {
        IngestOptions o = IngestOptions.DEFAULT.withLayout(GlobalLayout.of().atZoom(9));
        try (IngestPlan<SpatialKey> plan = Ingest.spatial(List.of(real("elevation.tif")), o)) {
            assertEquals(9, plan.zoom().getAsInt());
            assertEquals(512, plan.metadata().layout().layoutCols());
            assertFalse(plan.layer().tiles().isEmpty());
        }
    }
}
