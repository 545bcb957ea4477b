package io.tessera.catalog.backend.s3;

import java.util.ArrayList;
import java.util.List;

/** Object-key joining as GeoTrellis's S3 store does it: empty parts skipped, no leading or trailing slash. */
final class S3Keys {

    private S3Keys() {
    }

    static String normalize(String path) {
        return join(path == null ? "" : path);
    }

    static String join(String... parts) {
        List<String> out = new ArrayList<>();
        for (String part : parts) {
            for (String p : part.split("/")) {
                if (!p.isEmpty()) {
                    out.add(p);
                }
            }
        }
        return String.join("/", out);
    }
}
