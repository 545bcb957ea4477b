package io.tessera.catalog.backend.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.exceptions.LayerExistsException;
import io.tessera.catalog.layout.LayoutDefinition;
import io.tessera.catalog.layout.TileLayerMetadata;
import io.tessera.catalog.layout.ZoomedLayoutScheme;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.SpatialKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.testkit.SampleLayers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** What only an S3 catalog can get wrong: layout keys, listing pages, zoom prefixes, throttling, racing creates. */
class S3BackendTest {

    private static S3TestServer server;
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @BeforeAll
    static void start() {
        server = S3TestServer.get();
    }

    private static String prefix(String what) {
        return "backend-" + what + "-" + PREFIXES.incrementAndGet();
    }

    private static String uri(String bucketAndPrefix) {
        return "s3://" + bucketAndPrefix + "?endpoint=" + server.endpoint() + "&path-style=true";
    }

    /** Every key of a block at a zoom of the sample scheme (zoom z is 2^z tiles wide). */
    static TileLayer<SpatialKey> layer(int zoom, int cols, int rows) {
        LayoutDefinition layout = new ZoomedLayoutScheme(CRS.WEB_MERCATOR, SampleLayers.TILE_SIZE).levelForZoom(zoom).layout();
        List<KeyedTile<SpatialKey>> tiles = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                SpatialKey k = new SpatialKey(c, r);
                tiles.add(new KeyedTile<>(k, SampleLayers.tile(k, zoom)));
            }
        }
        KeyBounds<SpatialKey> b = new KeyBounds<>(new SpatialKey(0, 0), new SpatialKey(cols - 1, rows - 1));
        Extent e = layout.mapTransform().keyToExtent(b.minKey()).combine(layout.mapTransform().keyToExtent(b.maxKey()));
        var md = new TileLayerMetadata<>(SampleLayers.CELL_TYPE, layout, e, CRS.WEB_MERCATOR, b);
        return TileLayer.of(KeyType.SPATIAL, md, tiles).atZoom(zoom);
    }

    private static List<String> keys(String bucket, String prefix) {
        try (S3Client c = server.client()) {
            return c.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(S3Object::key).toList();
        }
    }

    private static JsonNode stored(String bucket, String key) throws Exception {
        try (S3Client c = server.client()) {
            return new ObjectMapper().readTree(c.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String());
        }
    }

    private static void assertSameTiles(TileLayer<SpatialKey> expected, TileLayer<SpatialKey> actual) {
        Map<SpatialKey, MultibandTile> want = new java.util.HashMap<>();
        try (Stream<KeyedTile<SpatialKey>> s = expected.stream()) {
            s.forEach(t -> want.put(t.key(), t.tile()));
        }
        int[] n = {0};
        try (Stream<KeyedTile<SpatialKey>> s = actual.stream()) {
            s.forEach(t -> {
                n[0]++;
                assertTrue(SampleLayers.sameCells(want.get(t.key()), t.tile()), "cells of " + t.key());
            });
        }
        assertEquals(want.size(), n[0]);
    }

    @Test
    void moreThanOnePageOfTilesIsListedReadCopiedAndDeleted() {
        String p = prefix("many");
        TileLayer<SpatialKey> big = layer(6, 33, 33);
        try (Catalog catalog = Catalog.open(uri(S3TestServer.BUCKET + "/" + p))) {
            catalog.write("big", big);
            assertEquals(1089, keys(S3TestServer.BUCKET, p + "/big/6/").size());
            assertSameTiles(big, catalog.query("big", 6, SpatialKey.class));
            catalog.copy("big", 6, "big-copy");
            assertEquals(1089, keys(S3TestServer.BUCKET, p + "/big-copy/6/").size());
            catalog.delete("big", 6);
            assertEquals(List.of(), keys(S3TestServer.BUCKET, p + "/big/6/"));
            assertFalse(catalog.exists("big", 6));
            assertSameTiles(big, catalog.query("big-copy", 6, SpatialKey.class));
        }
    }

    /**
     * Issue 10 §1: keys that killed writers left are removed by the next create of that layer id,
     * once their writer is gone; a live writer's key, another host's recent one and a key the
     * layer's metadata names are never touched.
     */
    @Test
    void theNextCreateRemovesWhatDeadWritersLeft() {
        String p = prefix("litter");
        String zoom = p + "/l/2/";
        long old = System.currentTimeMillis() - java.time.Duration.ofHours(2).toMillis();
        String dead = zoom + Long.toHexString(old) + "-dead/";
        String live = zoom + Long.toHexString(old) + "-11ce/";
        String otherHostRecent = zoom + Long.toHexString(System.currentTimeMillis()) + "-0e4/";
        String otherHostSilent = zoom + Long.toHexString(old) + "-5ea1/";
        String notOurs = zoom + "someone-elses/";
        io.tessera.catalog.spi.WriterIdentity me = io.tessera.catalog.spi.WriterIdentity.current();
        String gone = me.host() + " " + (1L << 40) + " -";
        java.time.Instant now = java.time.Instant.now();
        try (S3Client c = server.client()) {
            for (String[] k : new String[][] {{dead, gone + "\n" + now}, {live, me + "\n" + now},
                    {otherHostRecent, "elsewhere 1 -\n" + now}, {otherHostSilent, "elsewhere 1 -\n" + now.minusSeconds(7200)},
                    {notOurs, "elsewhere 1 -\n" + now.minusSeconds(7200)}}) {
                c.putObject(b -> b.bucket(S3TestServer.BUCKET).key(k[0] + "0"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString("x"));
                c.putObject(b -> b.bucket(S3TestServer.BUCKET).key(k[0] + "_writer"),
                        software.amazon.awssdk.core.sync.RequestBody.fromString(k[1]));
            }
        }
        try (Catalog catalog = Catalog.open(uri(S3TestServer.BUCKET + "/" + p))) {
            catalog.write("l", layer(2, 2, 2));
            List<String> left = keys(S3TestServer.BUCKET, zoom);
            assertTrue(left.stream().noneMatch(k -> k.startsWith(dead) || k.startsWith(otherHostSilent)), left.toString());
            for (String kept : List.of(live, otherHostRecent, notOurs)) {
                assertTrue(left.contains(kept + "0"), kept + " is kept: " + left);
            }
            String layerKey = left.stream().filter(k -> !k.startsWith(live) && !k.startsWith(otherHostRecent)
                    && !k.startsWith(notOurs)).findFirst().orElseThrow();
            assertFalse(left.contains(layerKey.substring(0, layerKey.lastIndexOf('/') + 1) + "_writer"),
                    "a committed write no longer names its writer");
            assertEquals(4, catalog.query("l", 2).count());
        }
    }

    @Test
    void layoutWithAndWithoutPrefixIsGeoTrellis() throws Exception {
        String bucket = "tessera-root-" + PREFIXES.incrementAndGet();
        try (S3Client c = server.client()) {
            c.createBucket(b -> b.bucket(bucket));
        }
        for (String p : List.of("", "a/deep/prefix")) {
            String location = p.isEmpty() ? bucket : bucket + "/" + p + "/";
            String base = p.isEmpty() ? "" : p + "/";
            try (Catalog catalog = Catalog.open(uri(location))) {
                catalog.write("layer__x", layer(2, 4, 4));
                assertEquals(List.of(new LayerId("layer__x", 2)), catalog.layers());
                assertEquals(16, keys(bucket, base + "layer__x/2/").size());
                JsonNode blob = stored(bucket, base + "_attributes/metadata__layer__x__2.json");
                assertEquals("layer__x", blob.get(0).get("name").asText());
                JsonNode header = blob.get(1).get("header");
                assertEquals("s3", header.get("format").asText());
                assertEquals(bucket, header.get("bucket").asText());
                String key = header.get("key").asText();
                assertTrue(key.matches(java.util.regex.Pattern.quote(base + "layer__x/2/") + "[0-9a-f]+-[0-9a-f]+"),
                        "the write's own key under GeoTrellis's <prefix>/<name>/<zoom>: " + key);
                assertTrue(keys(bucket, base + "layer__x/2/").contains(key + "/00"), "zero-padded record names");
            }
        }
        // The root catalog lists only its own layer, not the prefixed one's attributes.
        try (Catalog root = Catalog.open(uri(bucket))) {
            assertEquals(List.of(new LayerId("layer__x", 2)), root.layers());
        }
    }

    @Test
    void zoomOneAndZoomTenStayApartOnCopyAndDelete() {
        String p = prefix("zooms");
        TileLayer<SpatialKey> z1 = layer(1, 2, 2);
        TileLayer<SpatialKey> z10 = layer(10, 3, 3);
        try (Catalog catalog = Catalog.open(uri(S3TestServer.BUCKET + "/" + p))) {
            catalog.write("z", z1);
            catalog.write("z", z10);
            catalog.copy("z", 1, "c");
            assertEquals(4, keys(S3TestServer.BUCKET, p + "/c/").size());
            assertSameTiles(z1, catalog.query("c", 1, SpatialKey.class));
            catalog.move("z", 10, "m");
            assertEquals(4, keys(S3TestServer.BUCKET, p + "/z/").size());
            catalog.delete("z", 1);
            assertEquals(List.of(), keys(S3TestServer.BUCKET, p + "/z/"));
            assertSameTiles(z10, catalog.query("m", 10, SpatialKey.class));
            assertSameTiles(z1, catalog.query("c", 1, SpatialKey.class));
        }
    }

    @Test
    void readsSurviveThrottling() {
        String p = prefix("throttled");
        TileLayer<SpatialKey> l = layer(4, 4, 4);
        try (Catalog catalog = Catalog.open(uri(S3TestServer.BUCKET + "/" + p))) {
            catalog.write("t", l);
        }
        // A fresh catalog so no attribute comes from a cache: metadata reads are throttled too.
        try (Catalog catalog = Catalog.open(uri(S3TestServer.BUCKET + "/" + p))) {
            FaultInjector.arm(p + "/", 3);
            try {
                assertSameTiles(l, catalog.query("t", 4, SpatialKey.class));
                assertTrue(catalog.readValue("t", 4, new SpatialKey(3, 3)).isPresent());
            } finally {
                FaultInjector.disarm();
            }
            assertTrue(FaultInjector.INJECTED.get() >= 3 * 16, "injected " + FaultInjector.INJECTED.get());
        }
    }

    @Test
    void racingCreatesCommitExactlyOnce() throws Exception {
        String u = uri(S3TestServer.BUCKET + "/" + prefix("race"));
        TileLayer<SpatialKey> l = layer(3, 8, 8);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int refusedBefore = FaultInjector.PRECONDITION_FAILED.get();
        try (Catalog a = Catalog.open(u); Catalog b = Catalog.open(u)) {
            for (int round = 0; round < 4; round++) {
                String name = "race" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (Catalog c : List.of(a, b)) {
                    Callable<Boolean> write = () -> {
                        go.await();
                        try {
                            c.write(name, l);
                            return true;
                        } catch (LayerExistsException e) {
                            return false;
                        }
                    };
                    results.add(pool.submit(write));
                }
                go.countDown();
                int won = 0;
                for (Future<Boolean> f : results) {
                    won += f.get() ? 1 : 0;
                }
                assertEquals(1, won, "round " + round);
                assertSameTiles(l, a.query(name, 3, SpatialKey.class));
            }
            // Both writers pass the existence check long before either commits, so the server's
            // If-None-Match refusal, not the check, is what stops the loser.
            assertTrue(FaultInjector.PRECONDITION_FAILED.get() > refusedBefore, "no conditional put was refused");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLostAnswerToACommitIsSettledByReadingBack() {
        String u = uri(S3TestServer.BUCKET + "/" + prefix("lost"));
        TileLayer<SpatialKey> l = layer(3, 2, 2);
        try (Catalog c = Catalog.open(u)) {
            int lost = FaultInjector.LOST.get();
            int refused = FaultInjector.PRECONDITION_FAILED.get();
            // The create-only PUT succeeds, its answer is lost, the retry meets its own object (412).
            FaultInjector.loseNextConditionalAnswer("metadata__lost__3.json");
            c.write("lost", l);
            assertEquals(lost + 1, FaultInjector.LOST.get(), "the answer was lost");
            assertTrue(FaultInjector.PRECONDITION_FAILED.get() > refused, "the retry met its own write");
            assertSameTiles(l, c.query("lost", 3, SpatialKey.class));
            // The same for the compare-and-set of an update and the conditional delete.
            FaultInjector.loseNextConditionalAnswer("metadata__lost__3.json");
            c.update("lost", l);
            assertEquals(lost + 2, FaultInjector.LOST.get());
            FaultInjector.loseNextConditionalAnswer("metadata__lost__3.json");
            c.delete("lost", 3);
            assertEquals(lost + 3, FaultInjector.LOST.get());
            assertFalse(c.exists("lost", 3));
        }
    }

    @Test
    void uriAndOptionErrorsSayWhatIsExpected() {
        IllegalArgumentException noBucket = assertThrows(IllegalArgumentException.class, () -> Catalog.open("s3:///prefix"));
        assertTrue(noBucket.getMessage().contains("s3:///prefix") && noBucket.getMessage().contains("s3://bucket"),
                noBucket.getMessage());
        IllegalArgumentException endpoint = assertThrows(IllegalArgumentException.class,
                () -> Catalog.open("s3://b/p?endpoint=ftp://x"));
        assertTrue(endpoint.getMessage().contains("ftp://x"), endpoint.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Catalog.open("s3://b/p?endpoint=http://127.0.0.1:1&colour=red"));
        assertTrue(unknown.getMessage().contains("colour"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Catalog.open("s3://b", Map.of("path-style", "maybe")));
    }

    @Test
    void noRegionAnywhereSaysHowToGiveOne() {
        assumeTrue(System.getenv("AWS_REGION") == null && System.getenv("AWS_DEFAULT_REGION") == null
                && System.getProperty("aws.region") == null && System.getenv("AWS_CONFIG_FILE") == null
                && !Files.exists(Path.of(System.getProperty("user.home"), ".aws", "config")), "a region is configured here");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Catalog.open("s3://b/p"));
        assertTrue(e.getMessage().contains("s3://b/p") && e.getMessage().contains("region"), e.getMessage());
    }

    @Test
    void optionsOverrideTheUri() {
        String p = prefix("options");
        String bogus = "s3://" + S3TestServer.BUCKET + "/" + p + "?endpoint=http://127.0.0.1:1&path-style=false";
        try (Catalog catalog = Catalog.open(bogus, Map.of("endpoint", server.endpoint(), "path-style", "true",
                "region", "eu-west-1"))) {
            catalog.write("o", layer(1, 2, 2));
            assertTrue(catalog.exists("o", 1));
        }
    }

    @Test
    void aMissingBucketIsNamed() {
        try (Catalog catalog = Catalog.open(uri("no-such-bucket-here/p"))) {
            CatalogIOException e = assertThrows(CatalogIOException.class, catalog::layers);
            assertTrue(e.getMessage().contains("no-such-bucket-here"), e.getMessage());
        }
    }
}
