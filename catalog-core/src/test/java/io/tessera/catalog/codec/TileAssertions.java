package io.tessera.catalog.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.raster.ConstantTile;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.util.List;

/** Bit-exact comparison of tiles: cell type, size, form (constant or not) and every stored value. */
final class TileAssertions {

    private TileAssertions() {
    }

    static void assertSameTile(Tile expected, Tile actual, String where) {
        assertEquals(expected.cellType(), actual.cellType(), where + " cell type");
        assertEquals(expected.cols(), actual.cols(), where + " cols");
        assertEquals(expected.rows(), actual.rows(), where + " rows");
        assertEquals(expected instanceof ConstantTile, actual instanceof ConstantTile, where + " constant form");
        for (int i = 0; i < expected.size(); i++) {
            if (expected.rawBits(i) != actual.rawBits(i)) {
                assertEquals(Long.toHexString(expected.rawBits(i)), Long.toHexString(actual.rawBits(i)), where + " cell " + i);
            }
        }
    }

    static void assertSameTiles(MultibandTile expected, MultibandTile actual, String where) {
        assertEquals(expected.bandCount(), actual.bandCount(), where + " band count");
        for (int b = 0; b < expected.bandCount(); b++) {
            assertSameTile(expected.band(b), actual.band(b), where + " band " + b);
        }
    }

    static void assertSamePairs(List<? extends KeyedTile<?>> expected, List<? extends KeyedTile<?>> actual) {
        assertEquals(expected.size(), actual.size(), "pair count");
        for (int p = 0; p < expected.size(); p++) {
            assertEquals(expected.get(p).key(), actual.get(p).key(), "pair " + p + " key");
            assertSameTiles(expected.get(p).tile(), actual.get(p).tile(), "pair " + p);
        }
    }
}
