package io.tessera.catalog.geotiff;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Test resources by name. */
final class Resources {

    private Resources() {
    }

    static Path path(String name) {
        try {
            return Path.of(Resources.class.getResource("/geotiff/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource geotiff/" + name, e);
        }
    }
}
