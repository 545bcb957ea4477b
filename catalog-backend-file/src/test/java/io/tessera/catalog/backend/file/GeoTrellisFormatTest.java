package io.tessera.catalog.backend.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.tessera.catalog.Catalog;
import io.tessera.catalog.IndexMethod;
import io.tessera.catalog.WriteOptions;
import io.tessera.catalog.index.TimeUnit;
import io.tessera.catalog.model.LayerId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Layers this library writes follow GeoTrellis's file layout byte for byte: every fixture layer is
 * decoded and written again, tile by tile, with the same key index method, and the result must
 * have the same metadata attribute text, the same record file names and the same record payloads.
 */
class GeoTrellisFormatTest {

    static final Path FIXTURES = FileAttributeStoreTest.FIXTURES;

    @TempDir
    static Path dir;

    static Catalog fixtures;
    static Catalog ours;

    @BeforeAll
    static void open() {
        fixtures = Catalog.open(FIXTURES.toString());
        ours = Catalog.open(dir.toString());
    }

    @AfterAll
    static void close() {
        fixtures.close();
        ours.close();
    }

    static List<LayerId> layers() {
        try (Catalog c = Catalog.open(FIXTURES.toString())) {
            return c.layers();
        }
    }

    /** The write options that rebuild the fixture's key index. */
    static WriteOptions sameIndex(JsonNode keyIndex) {
        WriteOptions o = WriteOptions.index(IndexMethod.parse(keyIndex.get("type").asText()));
        JsonNode res = keyIndex.get("properties").get("temporalResolution");
        if (res == null) {
            return o;
        }
        return o.indexMethod() == IndexMethod.HILBERT ? o.withHilbertTimeBits(res.asInt())
                : o.withTimeResolution(TimeUnit.MILLISECONDS, res.asInt());
    }

    @ParameterizedTest
    @MethodSource("layers")
    void rewrittenLayerMatchesGeoTrellisFiles(LayerId id) throws IOException {
        JsonNode keyIndex = fixtures.attributeStore().layer(id.name(), id.zoom()).read("keyIndex");
        fixtures.copyTo(ours, id.name(), id.zoom(), id.name(), Optional.of(sameIndex(keyIndex)));

        String attr = "attributes/" + id.name() + "__.__" + id.zoom() + "__.__metadata.json";
        assertEquals(Files.readString(FIXTURES.resolve(attr)), Files.readString(dir.resolve(attr)), "metadata attribute text");

        Path theirs = FIXTURES.resolve(id.name()).resolve(Integer.toString(id.zoom()));
        Path mine = dir.resolve(id.name()).resolve(Integer.toString(id.zoom()));
        assertEquals(names(theirs), names(mine), "record file names");
        for (String f : names(theirs)) {
            byte[] a = inflate(Files.readAllBytes(theirs.resolve(f)));
            byte[] b = inflate(Files.readAllBytes(mine.resolve(f)));
            if (a[0] == 2) {
                assertArrayEquals(a, b, "payload of single-pair record " + f);
            } else {
                // Pair order inside a shared record is unspecified (GeoTrellis groups with Spark), so only sizes must agree.
                assertEquals(a.length, b.length, "payload size of multi-pair record " + f);
            }
        }
    }

    static TreeSet<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    static byte[] inflate(byte[] zlib) throws IOException {
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(zlib))) {
            return in.readAllBytes();
        }
    }
}
