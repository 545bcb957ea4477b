package io.tessera.catalog.testkit.specimen;

import io.tessera.catalog.testkit.CatalogConformanceSuite;
import java.util.UUID;

/** The conformance suite on the specimen backend: the core's paths for sorted, discrete, scanning backends. */
class SpecimenCatalogConformanceTest extends CatalogConformanceSuite {

    @Override
    protected String newCatalogUri() {
        return "specimen://" + UUID.randomUUID();
    }

    @Override
    protected boolean sharedAcrossProcesses() {
        return false;
    }
}
