package io.tessera.catalog.backend.hdfs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.codec.Fixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer of the catalog GeoTrellis 3.7.1's {@code HadoopLayerWriter} wrote reads back through
 * {@link Catalog} on {@code hdfs+file://} with exactly the keys and cells its {@code expected.json}
 * lists. The catalog was written at {@code /data/geotrellis/hadoop/catalog}, and its headers say so:
 * reading it from here shows that a moved catalog still opens.
 */
class GeoTrellisHadoopFixtureTest {

    static final Path ROOT = Path.of("src/test/resources/fixtures/geotrellis-3.x-hadoop").toAbsolutePath();

    static Catalog catalog;

    @BeforeAll
    static void open() {
        catalog = Catalog.open("hdfs+file://" + ROOT.resolve("catalog"));
    }

    @AfterAll
    static void close() {
        catalog.close();
    }

    static List<Fixtures.Layer> layers() throws IOException {
        JsonNode expected = new ObjectMapper().readTree(ROOT.resolve("expected.json").toFile());
        List<Fixtures.Layer> out = new ArrayList<>();
        for (JsonNode l : expected.get("layers")) {
            out.add(new Fixtures.Layer(l.get("name").asText(), l.get("zoom").asInt(), l, null));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("layers")
    void layerReadsBackExactly(Fixtures.Layer layer) {
        assertTrue(catalog.layers().stream().anyMatch(id -> id.name().equals(layer.name()) && id.zoom() == layer.zoom()));
        Fixtures.assertReadsBack(catalog, layer);
    }
}
