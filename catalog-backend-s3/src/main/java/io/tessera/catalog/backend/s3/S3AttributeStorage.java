package io.tessera.catalog.backend.s3;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.ConditionalAttributeWrites;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Attributes as GeoTrellis's {@code S3AttributeStore} keeps them:
 * {@code <prefix>/_attributes/<attribute>__<name>__<zoom>.json}, one object per attribute. A PUT
 * replaces an object atomically, so no temporary object is needed.
 */
final class S3AttributeStorage implements AttributeStorage, ConditionalAttributeWrites {

    static final String SEP = "__";
    private static final String SUFFIX = ".json";

    private final S3Objects objects;
    private final String bucket;
    private final String dir;

    S3AttributeStorage(S3Objects objects, String bucket, String prefix) {
        this.objects = objects;
        this.bucket = bucket;
        this.dir = S3Keys.join(prefix, "_attributes") + "/";
    }

    String key(LayerId id, String attribute) {
        return dir + attribute + SEP + id.name() + SEP + id.zoom() + SUFFIX;
    }

    @Override
    public Optional<byte[]> read(LayerId id, String attribute) {
        return objects.get(bucket, key(id, attribute));
    }

    @Override
    public void write(LayerId id, String attribute, byte[] document) {
        objects.put(bucket, key(id, attribute), document);
    }

    @Override
    public boolean writeIfAbsent(LayerId id, String attribute, byte[] document) {
        return objects.putIfAbsent(bucket, key(id, attribute), document);
    }

    @Override
    public boolean delete(LayerId id, String attribute) {
        return objects.delete(bucket, key(id, attribute));
    }

    @Override
    public List<String> attributes(LayerId id) {
        // The attribute name comes first in the key, so this layer's objects cannot be listed by
        // prefix; the tail "__<name>__<zoom>.json" is matched instead.
        String tail = SEP + id.name() + SEP + id.zoom() + SUFFIX;
        List<String> names = new ArrayList<>();
        for (String key : objects.list(bucket, dir)) {
            String file = key.substring(dir.length());
            if (file.endsWith(tail) && file.length() > tail.length()) {
                String attr = file.substring(0, file.length() - tail.length());
                // "a__x__3.json" seen from layer "x" at 3 may be layer "a__x"'s file; attribute names hold no "__".
                if (!attr.contains(SEP) && !attr.contains("/")) {
                    names.add(attr);
                }
            }
        }
        return names;
    }

    @Override
    public Set<LayerId> layersWith(String attribute) {
        String prefix = dir + attribute + SEP;
        Set<LayerId> ids = new HashSet<>();
        for (String key : objects.list(bucket, prefix)) {
            if (key.endsWith(SUFFIX)) {
                parse(key.substring(prefix.length(), key.length() - SUFFIX.length())).ifPresent(ids::add);
            }
        }
        return ids;
    }

    /** {@code name__zoom} → id, the zoom taken from the end since names may contain {@code __}; foreign keys are skipped. */
    private static Optional<LayerId> parse(String nameAndZoom) {
        int i = nameAndZoom.lastIndexOf(SEP);
        if (i <= 0 || nameAndZoom.contains("/")) {
            return Optional.empty();
        }
        try {
            int zoom = Integer.parseInt(nameAndZoom.substring(i + SEP.length()));
            return zoom < 0 ? Optional.empty() : Optional.of(new LayerId(nameAndZoom.substring(0, i), zoom));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
