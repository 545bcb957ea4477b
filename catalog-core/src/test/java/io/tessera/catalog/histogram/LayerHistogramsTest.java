package io.tessera.catalog.histogram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tessera.catalog.TileLayer;
import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.TileLayout;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.FloatArrayTile;
import io.tessera.catalog.raster.IntArrayTile;
import io.tessera.catalog.raster.MultibandTile;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerHistogramsTest {

    private static TileLayer<SpatialKey> layer(CellType ct, MultibandTile... tiles) {
        LayoutDefinition layout = new LayoutDefinition(new Extent(0, 0, 8, 4), new TileLayout(2, 1, 4, 4));
        List<KeyedTile<SpatialKey>> kt = new java.util.ArrayList<>();
        for (int i = 0; i < tiles.length; i++) {
            kt.add(new KeyedTile<>(new SpatialKey(i, 0), tiles[i]));
        }
        TileLayerMetadata<SpatialKey> md = new TileLayerMetadata<>(ct, layout, layout.extent(), CRS.LAT_LNG,
                new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(tiles.length - 1, 0)));
        return TileLayer.of(KeyType.SPATIAL, md, kt);
    }

    @Test
    void streamingHistogramOfTheSeedTileSkipsNoData() {
        CellType ct = CellType.fromName("float32ud-500.0");
        float[] cells = {1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, -500};
        float[] more = {4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4};
        TileLayer<SpatialKey> l = layer(ct, MultibandTile.of(new FloatArrayTile(cells, 4, 4, ct)),
                MultibandTile.of(new FloatArrayTile(more, 4, 4, ct)));
        StreamingHistogram h = LayerHistograms.streaming(l, 0);
        assertEquals(31, h.totalCount());
        assertArrayEquals(new double[] {1, 2, 3, 4}, h.values());
        assertEquals(19, h.itemCount(4.0));
        assertThrows(IllegalArgumentException.class, () -> LayerHistograms.streaming(l, 1));
        assertThrows(IllegalArgumentException.class, () -> LayerHistograms.exact(l, 0));
    }

    @Test
    void exactHistogramOfTheSeedClassTile() {
        CellType ct = CellType.fromName("int32ud-500");
        int[] cells = {1, 1, 1, 1, 3, 1, 1, 1, 4, 3, 1, 1, 5, 4, 3, 1};
        IntHistogram h = LayerHistograms.exact(layer(ct, MultibandTile.of(new IntArrayTile(cells, 4, 4, ct))), 0);
        assertArrayEquals(new long[][] {{1, 10}, {3, 3}, {4, 2}, {5, 1}}, h.binCounts());
    }
}
