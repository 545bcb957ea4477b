package io.tessera.catalog.ingest;

import io.tessera.catalog.TileLayer;
import io.tessera.catalog.layout.GridBounds;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A layer's tiles pasted into one raster over its key bounds, to compare with GDAL's single warp. */
final class Stitch {

    final MultibandTile raster;
    final Extent extent;
    final long tiles;

    private Stitch(MultibandTile raster, Extent extent, long tiles) {
        this.raster = raster;
        this.extent = extent;
        this.tiles = tiles;
    }

    static <K extends LayerKey> Stitch of(TileLayer<K> layer, int bandCount) {
        KeyBounds<K> b = layer.metadata().keyBounds();
        GridBounds g = new GridBounds(b.minKey().col(), b.minKey().row(), b.maxKey().col(), b.maxKey().row());
        int tc = layer.metadata().layout().tileCols();
        int tr = layer.metadata().layout().tileRows();
        List<ArrayTile> bands = new ArrayList<>();
        for (int i = 0; i < bandCount; i++) {
            bands.add(ArrayTile.empty(layer.metadata().cellType(), g.width() * tc, g.height() * tr));
        }
        long n = 0;
        try (Stream<KeyedTile<K>> s = layer.stream()) {
            for (KeyedTile<K> t : (Iterable<KeyedTile<K>>) s::iterator) {
                n++;
                for (int i = 0; i < bandCount; i++) {
                    Tile band = t.tile().band(i);
                    bands.get(i).paste(band, 0, 0, (t.key().col() - g.colMin()) * tc, (t.key().row() - g.rowMin()) * tr,
                            tc, tr, false);
                }
            }
        }
        return new Stitch(MultibandTile.of(bands), layer.metadata().mapTransform().boundsToExtent(g), n);
    }
}
