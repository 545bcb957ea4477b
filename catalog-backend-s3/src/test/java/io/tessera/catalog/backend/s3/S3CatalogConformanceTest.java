package io.tessera.catalog.backend.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.testkit.CatalogConformanceSuite;
import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The conformance suite on s3proxy, each test in its own prefix of one bucket. */
class S3CatalogConformanceTest extends CatalogConformanceSuite {

    @Override
    protected String newCatalogUri() {
        return S3TestServer.get().newCatalogUri();
    }

    /** Every record object of the layer is under one write's key: a loser's or a killed writer's are gone. */
    @Override
    protected void assertOnlyTheLayersRecords(String uri, LayerId id) {
        URI u = URI.create(uri);
        String prefix = u.getPath().substring(1) + "/" + id.name() + "/" + id.zoom() + "/";
        try (S3Client c = S3TestServer.get().client()) {
            Set<String> writes = c.listObjectsV2Paginator(b -> b.bucket(u.getHost()).prefix(prefix)).contents().stream()
                    .map(S3Object::key).map(k -> k.substring(prefix.length(), k.indexOf('/', prefix.length())))
                    .collect(Collectors.toSet());
            assertEquals(1, writes.size(), "record keys of one write only: " + writes);
        }
    }
}
