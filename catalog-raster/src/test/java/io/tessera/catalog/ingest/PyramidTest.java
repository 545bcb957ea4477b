package io.tessera.catalog.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.TileLayer;
import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.FloatArrayTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.warp.ResampleMethod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PyramidTest {

    private static final int TILE = 4;
    private static final ZoomedLayoutScheme SCHEME = new ZoomedLayoutScheme(CRS.WEB_MERCATOR, TILE);

    /** Zoom 3, keys (2..5, 1..4) minus (5,4); cell value = global column. */
    private static TileLayer<SpatialKey> base(boolean rowMajor) {
        LayoutDefinition layout = SCHEME.levelForZoom(3).layout();
        List<KeyedTile<SpatialKey>> tiles = new ArrayList<>();
        for (int row = 1; row <= 4; row++) {
            for (int col = 2; col <= 5; col++) {
                if (col == 5 && row == 4) {
                    continue;
                }
                float[] cells = new float[TILE * TILE];
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = col * TILE + i % TILE;
                }
                tiles.add(new KeyedTile<>(new SpatialKey(col, row),
                        MultibandTile.of(new FloatArrayTile(cells, TILE, TILE, CellType.FLOAT32))));
            }
        }
        if (!rowMajor) {
            Collections.reverse(tiles);
        }
        KeyBounds<SpatialKey> b = new KeyBounds<>(new SpatialKey(2, 1), new SpatialKey(5, 4));
        TileLayerMetadata<SpatialKey> md = new TileLayerMetadata<>(CellType.FLOAT32, layout,
                layout.mapTransform().boundsToExtent(new io.tessera.catalog.layout.GridBounds(2, 1, 5, 4)), CRS.WEB_MERCATOR, b);
        return TileLayer.of(KeyType.SPATIAL, md, tiles).atZoom(3);
    }

    @Test
    void everyLevelDownToTheMinimumIsBuiltFromTheOneAbove() {
        List<TileLayer<SpatialKey>> levels = Pyramid.levels(base(true), SCHEME, ResampleMethod.AVERAGE, 0);
        assertEquals(List.of(3, 2, 1, 0), levels.stream().map(l -> l.zoom().getAsInt()).toList());
        assertEquals(15, levels.get(0).count());
        Map<SpatialKey, MultibandTile> z2 = levels.get(1).stream().collect(Collectors.toMap(KeyedTile::key, KeyedTile::tile));
        assertEquals(List.of(new SpatialKey(1, 0), new SpatialKey(2, 0), new SpatialKey(1, 1), new SpatialKey(2, 1),
                new SpatialKey(1, 2), new SpatialKey(2, 2)), sortedKeys(z2));
        assertEquals(new KeyBounds<>(new SpatialKey(1, 0), new SpatialKey(2, 2)), levels.get(1).metadata().keyBounds());
        MultibandTile p10 = z2.get(new SpatialKey(1, 0));
        assertTrue(Double.isNaN(p10.band(0).getDouble(0)), "children of row 0 do not exist: the top half is NoData");
        // Cell (0,2) averages child (2,1) columns 0 and 1, global columns 8 and 9.
        assertEquals(8.5, p10.band(0).getDouble(8), 1e-6);
        // Cell (3,2) comes from child (3,1) columns 2 and 3, global columns 14 and 15.
        assertEquals(14.5, p10.band(0).getDouble(11), 1e-6);
        assertTrue(Double.isNaN(z2.get(new SpatialKey(2, 2)).band(0).getDouble(3)), "child (5,4) is missing");
        assertEquals(4, levels.get(2).count());
        assertEquals(1, levels.get(3).count(), "zoom 0 is one tile");
        assertEquals(SCHEME.levelForZoom(1).layout(), levels.get(2).metadata().layout());
    }

    private static List<SpatialKey> sortedKeys(Map<SpatialKey, MultibandTile> m) {
        return m.keySet().stream().sorted((a, b) -> a.row() != b.row() ? Integer.compare(a.row(), b.row())
                : Integer.compare(a.col(), b.col())).toList();
    }

    @Test
    void aCoarseLevelStreamedFirstIsStillBuilt() {
        List<TileLayer<SpatialKey>> levels = Pyramid.levels(base(true), SCHEME, ResampleMethod.NEAREST, 1);
        assertEquals(4, levels.get(2).count(), "zoom 1 streamed before zooms 3 and 2");
        assertEquals(6, levels.get(1).count());
        assertEquals(6, levels.get(1).count(), "a level can be streamed again");
    }

    @Test
    void baseTilesOutOfRowMajorOrderAreRefused() {
        List<TileLayer<SpatialKey>> levels = Pyramid.levels(base(false), SCHEME, ResampleMethod.NEAREST, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> levels.get(0).count());
        assertTrue(e.getMessage().contains("row-major"), e.getMessage());
    }

    @Test
    void argumentsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> Pyramid.levels(base(true), SCHEME, ResampleMethod.NEAREST, 4));
        assertThrows(IllegalArgumentException.class,
                () -> Pyramid.levels(base(true), new ZoomedLayoutScheme(CRS.WEB_MERCATOR, 8), ResampleMethod.NEAREST, 0));
    }
}
