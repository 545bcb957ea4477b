package io.tessera.catalog.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.format.LayerJson;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.LayerKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;

/** Every query GeoTrellis answered on the fixture catalog selects the same keys here. */
class GeotrellisFixtureQueryTest {

    private static final Path EXPECTED = Path.of("src/test/resources/fixtures/geotrellis-3.x/expected.json");

    static Stream<Arguments> queries() throws IOException {
        JsonNode root = LayerJson.parse(Files.readAllBytes(EXPECTED), EXPECTED.toString());
        List<Arguments> out = new ArrayList<>();
        for (JsonNode layer : root.get("layers")) {
            for (JsonNode query : layer.get("queries")) {
                out.add(Arguments.of(layer.get("name").asText() + "/" + layer.get("zoom").asInt() + " "
                        + query.get("name").asText(), layer, query));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queries")
    void selectsTheKeysGeotrellisReturned(String name, JsonNode layer, JsonNode query) {
        KeyType type = KeyType.fromGeotrellisClassName(layer.get("keyClass").asText());
        TileLayerMetadata<LayerKey> metadata = LayerJson.readMetadata(layer.get("metadata"), type, name);

        QueryPlan<LayerKey> plan = QueryPlanner.plan(metadata, toQuery(query));

        Set<LayerKey> selected = new HashSet<>();
        for (JsonNode tile : layer.get("tiles")) {
            LayerKey key = LayerJson.readKey(tile.get("key"), type, name);
            if (plan.includes(key)) {
                selected.add(key);
            }
        }
        Set<LayerKey> expected = new HashSet<>();
        for (JsonNode key : query.get("keys")) {
            expected.add(LayerJson.readKey(key, type, name));
        }
        assertEquals(expected, selected);
        assertEquals(plan.isEmpty(), plan.metadata().bounds().isEmpty());
        if (!plan.isEmpty()) {
            assertTrue(metadata.keyBounds().contains(plan.metadata().keyBounds()));
            assertTrue(metadata.extent().contains(plan.metadata().extent()));
            for (LayerKey k : expected) {
                assertTrue(plan.metadata().keyBounds().includes(k));
            }
        }
        assertDisjoint(plan);
    }

    static LayerQuery toQuery(JsonNode q) {
        LayerQuery query = LayerQuery.all();
        if (q.has("extent")) {
            query = LayerQuery.intersecting(LayerJson.readExtent(q.get("extent"), "query extent"));
        } else if (q.has("polygon")) {
            List<Coordinate> ring = new ArrayList<>();
            q.get("polygon").forEach(p -> ring.add(new Coordinate(p.get(0).asDouble(), p.get(1).asDouble())));
            query = LayerQuery.intersecting(new GeometryFactory().createPolygon(ring.toArray(new Coordinate[0])));
        }
        if (q.has("between")) {
            query = query.between(Instant.parse(q.get("between").get("from").asText()),
                    Instant.parse(q.get("between").get("to").asText()));
        }
        if (q.has("at")) {
            query = query.at(Instant.parse(q.get("at").asText()));
        }
        return query;
    }

    /** No key is planned twice, so readers never fetch a tile twice. */
    static <K extends LayerKey> void assertDisjoint(QueryPlan<K> plan) {
        for (int i = 0; i < plan.keyBounds().size(); i++) {
            for (int j = i + 1; j < plan.keyBounds().size(); j++) {
                assertFalse(plan.keyBounds().get(i).intersect(plan.keyBounds().get(j)).isPresent(),
                        plan.keyBounds().get(i) + " overlaps " + plan.keyBounds().get(j));
            }
        }
    }

}
