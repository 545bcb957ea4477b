package io.tessera.catalog.backend.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.model.LayerId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The GeoTrellis-written fixture catalog of the file module, copied to S3 and back: every record
 * object holds the fixture file's bytes under the same name, and the catalog that comes back is
 * the fixture byte for byte (records and metadata files).
 */
class FileS3RoundTripTest {

    /** The file module's fixtures; tests run with the module directory as working directory. */
    static final Path FIXTURE = Path.of("../catalog-backend-file/src/test/resources/fixtures/geotrellis-3.x/catalog")
            .toAbsolutePath().normalize();

    @TempDir
    Path back;

    @Test
    void everyFixtureLayerSurvivesFileToS3AndBack() throws IOException {
        S3TestServer server = S3TestServer.get();
        String prefix = "roundtrip";
        String s3 = "s3://" + S3TestServer.BUCKET + "/" + prefix + "?endpoint=" + server.endpoint() + "&path-style=true";
        try (Catalog file = Catalog.open(FIXTURE.toString()); Catalog bucket = Catalog.open(s3);
                Catalog returned = Catalog.open(back.toUri().toString()); S3Client client = server.client()) {
            List<LayerId> layers = file.layers();
            assertFalse(layers.isEmpty());
            for (LayerId id : layers) {
                file.copyTo(bucket, id.name(), id.zoom(), id.name(), Optional.empty());
                TreeMap<String, byte[]> records = records(FIXTURE.resolve(id.name()).resolve(Integer.toString(id.zoom())));
                String key = bucket.attributeStore().layer(id.name(), id.zoom()).read("header").get("key").asText();
                assertTrue(key.startsWith(prefix + "/" + id.name() + "/" + id.zoom() + "/"), key);
                assertEquals(records.keySet().size(), client.listObjectsV2Paginator(b -> b.bucket(S3TestServer.BUCKET)
                        .prefix(key + "/")).contents().stream().count(), id.toString());
                records.forEach((name, bytes) -> assertArrayEquals(bytes, client.getObjectAsBytes(b -> b
                        .bucket(S3TestServer.BUCKET).key(key + "/" + name)).asByteArray(), id + " record " + name));
                bucket.copyTo(returned, id.name(), id.zoom(), id.name(), Optional.empty());
                TreeMap<String, byte[]> again = records(back.resolve(id.name()).resolve(Integer.toString(id.zoom())));
                assertEquals(records.keySet(), again.keySet(), id.toString());
                records.forEach((name, bytes) -> assertArrayEquals(bytes, again.get(name), id + " record " + name));
                String meta = id.name() + "__.__" + id.zoom() + "__.__metadata.json";
                assertArrayEquals(Files.readAllBytes(FIXTURE.resolve("attributes").resolve(meta)),
                        Files.readAllBytes(back.resolve("attributes").resolve(meta)), id + " metadata");
            }
            assertEquals(layers.size(), bucket.layers().size());
        }
    }

    private static TreeMap<String, byte[]> records(Path dir) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }
}
