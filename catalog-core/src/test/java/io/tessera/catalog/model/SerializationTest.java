package io.tessera.catalog.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.TileLayout;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.ConstantTile;
import io.tessera.catalog.raster.FloatArrayTile;
import io.tessera.catalog.raster.MultibandTile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keys, tiles and metadata travel through Java serialisation (Spark's default) unchanged. */
class SerializationTest {

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(value);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (T) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void keysAndTilesKeepTheirValuesAndCellTypes() {
        assertEquals(new SpatialKey(3, 4), roundTrip(new SpatialKey(3, 4)));
        assertEquals(new SpaceTimeKey(1, 2, 3L), roundTrip(new SpaceTimeKey(1, 2, 3L)));
        CellType ct = CellType.fromName("float32ud-9999");
        float[] cells = {1, 2, -9999, 4};
        MultibandTile tile = MultibandTile.of(new FloatArrayTile(cells, 2, 2, ct),
                ConstantTile.of(CellType.fromName("int16"), 2, 2, 7));
        MultibandTile back = roundTrip(tile);
        assertEquals(2, back.bandCount());
        assertEquals(ct, back.band(0).cellType());
        assertArrayEquals(new double[] {1, 2, Double.NaN, 4}, new double[] {back.band(0).getDouble(0),
            back.band(0).getDouble(1), back.band(0).getDouble(2), back.band(0).getDouble(3)});
        assertEquals(7, back.band(1).getDouble(3));
    }

    @Test
    void metadataAndCrsComeBackEqual() {
        LayoutDefinition layout = new LayoutDefinition(new Extent(0, 0, 100, 100), new TileLayout(4, 4, 16, 16));
        for (CRS crs : new CRS[] {CRS.WEB_MERCATOR, CRS.fromProj4("+proj=utm +zone=33 +datum=WGS84 +units=m +no_defs")}) {
            TileLayerMetadata<SpatialKey> md = new TileLayerMetadata<>(CellType.fromName("uint8"), layout,
                    new Extent(0, 0, 50, 50), crs, new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(1, 1)));
            assertEquals(md, roundTrip(md));
            assertEquals(crs.epsgCode(), roundTrip(crs).epsgCode());
        }
        TileLayerMetadata<SpatialKey> empty = new TileLayerMetadata<>(CellType.fromName("uint8"), layout,
                new Extent(0, 0, 50, 50), CRS.LAT_LNG, Optional.empty());
        assertEquals(empty, roundTrip(empty));
    }
}
