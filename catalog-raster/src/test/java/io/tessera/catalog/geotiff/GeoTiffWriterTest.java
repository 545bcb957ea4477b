package io.tessera.catalog.geotiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.MultibandTile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** What the writer writes, read back by our own reader: cells, NoData, extent, CRS, layout; and its failures. */
class GeoTiffWriterTest {

    private static final Extent EXTENT = new Extent(500000, 4000000, 500370, 4000210);
    private static final CRS UTM = CRS.fromEpsg(32618);

    @TempDir
    Path dir;

    private GeoTiffInfo writeAndCompare(MultibandTile raster, GeoTiffSpec spec, Predictor predictor, boolean bigTiff) {
        Path file = dir.resolve("out.tif");
        GeoTiffWriter.write(file, spec, Rasters.windows(raster), 3, predictor, bigTiff);
        try (GeoTiff tiff = GeoTiff.open(file)) {
            GeoTiffInfo info = tiff.info();
            assertEquals(spec.cellType(), info.cellType());
            assertEquals(spec.bandCount(), info.bandCount());
            assertEquals(spec.cols(), info.cols());
            assertEquals(spec.rows(), info.rows());
            assertEquals(spec.extent(), info.extent());
            assertEquals(spec.crs(), info.crs());
            assertFalse(info.pixelIsPoint());
            assertTrue(info.layout().tiled());
            assertEquals(spec.tileSize(), info.layout().segmentCols());
            assertEquals(spec.tileSize(), info.layout().segmentRows());
            assertFalse(info.layout().planar());
            assertEquals(Codecs.DEFLATE, info.layout().compression());
            assertEquals(predictor.tag(), info.layout().predictor());
            assertEquals(bigTiff, info.layout().bigTiff());
            Rasters.assertSameCells(raster, tiff.read());
            return info;
        }
    }

    @ParameterizedTest(name = "{0} x{1}")
    @CsvSource({
        "bool, 1", "int8, 1", "int8raw, 2", "int8ud7, 1", "uint8, 1", "uint8raw, 3", "uint8ud255, 3", "int16, 1",
        "int16ud-9999, 2", "int16raw, 1", "uint16, 1", "uint16raw, 5", "uint16ud65535, 1", "int32, 1", "int32raw, 1",
        "int32ud-1, 4", "float32, 1", "float32raw, 1", "float32ud-9999.0, 1", "float32ud-3.4028234663852886E38, 2",
        "float64, 1", "float64raw, 3", "float64ud-3.5, 1",
    })
    void everyCellTypeRoundTrips(String cellType, int bands) {
        CellType type = CellType.fromName(cellType);
        MultibandTile raster = Rasters.random(type, bands, 37, 21, cellType.hashCode());
        GeoTiffSpec spec = new GeoTiffSpec(37, 21, bands, type, EXTENT, UTM, 16);
        GeoTiffInfo info = writeAndCompare(raster, spec, Predictor.forType(type.dataType()), false);
        assertEquals(type.hasNoData(), info.noData().isPresent(), "NoData tag only for types with NoData");
    }

    @ParameterizedTest
    @EnumSource(Predictor.class)
    void everyPredictorRoundTripsForEveryWidth(Predictor predictor) {
        for (String name : new String[] {"int8", "uint16", "int32", "float32", "float64"}) {
            CellType type = CellType.fromName(name);
            if (predictor == Predictor.FLOATING_POINT && !type.isFloatingPoint()) {
                continue;
            }
            writeAndCompare(Rasters.random(type, 2, 50, 40, 7), new GeoTiffSpec(50, 40, 2, type, EXTENT, UTM, 32),
                    predictor, false);
        }
    }

    @Test
    void bigTiffRoundTrips() {
        CellType type = CellType.fromName("int16ud-9999");
        writeAndCompare(Rasters.random(type, 2, 70, 33, 3), new GeoTiffSpec(70, 33, 2, type, EXTENT, UTM, 32),
                Predictor.HORIZONTAL, true);
    }

    @Test
    void bigTiffOnlyWhenTheFileCouldPassFourGibibytes() {
        CellType f32 = CellType.FLOAT32;
        assertFalse(GeoTiffWriter.needsBigTiff(GeoTiffSpec.of(3000, 2000, 1, f32, EXTENT, UTM)));
        // 32768 x 32768 float32 is exactly 4 GiB of samples: even the worst case of deflate cannot fit.
        assertTrue(GeoTiffWriter.needsBigTiff(GeoTiffSpec.of(32768, 32768, 1, f32, EXTENT, UTM)));
        assertFalse(GeoTiffWriter.needsBigTiff(GeoTiffSpec.of(30000, 30000, 1, f32, EXTENT, UTM)));
    }

    @Test
    void onePixelImage() {
        MultibandTile raster = Rasters.random(CellType.FLOAT64, 1, 1, 1, 1);
        writeAndCompare(raster, new GeoTiffSpec(1, 1, 1, CellType.FLOAT64, new Extent(0, 0, 1, 1), UTM, 16),
                Predictor.FLOATING_POINT, false);
    }

    @Test
    void wholeRasterConvenienceWritesTheFirstBandsCellType() {
        CellType type = CellType.fromName("uint16ud9");
        MultibandTile raster = Rasters.random(type, 2, 300, 260, 11);
        Path file = dir.resolve("whole.tif");
        GeoTiffWriter.write(file, raster, EXTENT, CRS.LAT_LNG);
        try (GeoTiff tiff = GeoTiff.open(file)) {
            assertEquals(type, tiff.info().cellType());
            assertEquals(CRS.LAT_LNG, tiff.info().crs());
            assertEquals(256, tiff.info().layout().segmentCols());
            Rasters.assertSameCells(raster, tiff.read());
        }
    }

    @Test
    void noDataOfAWindowWithAnotherNoDataBecomesTheFilesNoData() {
        // The window says NoData with uint8's default 0; the file's NoData is 255.
        ArrayTile window = ArrayTile.empty(CellType.UINT8, 4, 1);
        window.setInt(1, 7);
        window.setInt(3, 255);
        GeoTiffSpec spec = new GeoTiffSpec(4, 1, 1, CellType.fromName("uint8ud255"), EXTENT, UTM, 16);
        Path file = dir.resolve("nodata.tif");
        GeoTiffWriter.write(file, spec, (c, r, w, h) -> MultibandTile.of(window));
        try (GeoTiff tiff = GeoTiff.open(file)) {
            var band = tiff.read().band(0);
            assertTrue(band.isNoData(0));
            assertEquals(7, band.getInt(1));
            assertTrue(band.isNoData(2));
            assertTrue(band.isNoData(3));
        }
    }

    @Test
    void aFailingSourceLeavesNoFileAndNamesTheFileAndTile() throws IOException {
        Path file = dir.resolve("failed.tif");
        RuntimeException boom = new IllegalStateException("catalog unreachable");
        GeoTiffSpec spec = new GeoTiffSpec(100, 100, 1, CellType.INT32, EXTENT, UTM, 16);
        GeoTiffException e = assertThrows(GeoTiffException.class, () -> GeoTiffWriter.write(file, spec,
                (col, row, cols, rows) -> {
                    if (col == 32 && row == 48) {
                        throw boom;
                    }
                    return MultibandTile.of(ArrayTile.empty(CellType.INT32, cols, rows));
                }));
        assertSame(boom, e.getCause());
        assertEquals(file.toString(), e.file());
        assertTrue(e.getMessage().contains("(32,48)") && e.getMessage().contains("catalog unreachable"), e.getMessage());
        assertEquals(List.of(), list(dir));
    }

    @Test
    void aFailedOverwriteKeepsTheOldFile() throws IOException {
        Path file = dir.resolve("keep.tif");
        Files.writeString(file, "old");
        GeoTiffSpec spec = new GeoTiffSpec(20, 20, 1, CellType.INT32, EXTENT, UTM, 16);
        assertThrows(GeoTiffException.class, () -> GeoTiffWriter.write(file, spec,
                (col, row, cols, rows) -> MultibandTile.of(ArrayTile.empty(CellType.FLOAT32, cols, rows))));
        assertEquals("old", Files.readString(file));
        assertEquals(List.of("keep.tif"), list(dir));
    }

    @Test
    void aWindowOfTheWrongSizeOrBandsIsAnError() {
        GeoTiffSpec spec = new GeoTiffSpec(20, 20, 2, CellType.INT16, EXTENT, UTM, 16);
        GeoTiffException size = assertThrows(GeoTiffException.class, () -> GeoTiffWriter.write(dir.resolve("a.tif"),
                spec, (col, row, cols, rows) -> Rasters.random(CellType.INT16, 2, 16, 16, 1)));
        assertTrue(size.getMessage().contains("16x16 pixels for a 4x16 window"), size.getMessage());
        GeoTiffException bands = assertThrows(GeoTiffException.class, () -> GeoTiffWriter.write(dir.resolve("b.tif"),
                spec, (col, row, cols, rows) -> Rasters.random(CellType.INT16, 1, cols, rows, 1)));
        assertTrue(bands.getMessage().contains("1 bands, the GeoTIFF 2"), bands.getMessage());
    }

    @Test
    void aMissingDirectoryIsAnErrorNamingTheFile() {
        Path file = dir.resolve("no/such/dir/x.tif");
        GeoTiffException e = assertThrows(GeoTiffException.class,
                () -> GeoTiffWriter.write(file, Rasters.random(CellType.UINT8, 1, 3, 3, 1), EXTENT, UTM));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    }

    @Test
    void badSpecsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GeoTiffSpec(10, 10, 1, CellType.UINT8, EXTENT, UTM, 100));
        assertThrows(IllegalArgumentException.class, () -> new GeoTiffSpec(0, 10, 1, CellType.UINT8, EXTENT, UTM, 16));
        assertThrows(IllegalArgumentException.class, () -> new GeoTiffSpec(10, 10, 2, CellType.BOOL, EXTENT, UTM, 16));
        assertThrows(IllegalArgumentException.class,
                () -> new GeoTiffSpec(10, 10, 1, CellType.UINT8, new Extent(0, 0, 0, 5), UTM, 16));
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
