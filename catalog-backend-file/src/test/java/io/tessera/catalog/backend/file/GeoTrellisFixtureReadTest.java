package io.tessera.catalog.backend.file;


import io.tessera.catalog.Catalog;
import io.tessera.catalog.codec.Fixtures;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer of the GeoTrellis-written catalog reads back through {@link Catalog} with exactly
 * the keys and cell values GeoTrellis wrote: whole-layer queries and single-value reads.
 */
class GeoTrellisFixtureReadTest {

    static Catalog catalog;

    @BeforeAll
    static void open() {
        catalog = Catalog.open(Fixtures.CATALOG.toAbsolutePath().toString());
    }

    @AfterAll
    static void close() {
        catalog.close();
    }

    static List<Fixtures.Layer> layers() {
        return Fixtures.layers();
    }

    @ParameterizedTest
    @MethodSource("layers")
    void layerReadsBackExactly(Fixtures.Layer layer) {
        Fixtures.assertReadsBack(catalog, layer);
    }
}
