package io.tessera.catalog.backend.s3;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.AttributeLayout;
import io.tessera.catalog.spi.AttributeNames;
import io.tessera.catalog.spi.AttributeStorage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Attributes as GeoTrellis's {@code S3AttributeStore} keeps them:
 * {@code <prefix>/_attributes/<attribute>__<name>__<zoom>.json}, one object per attribute, a layer's
 * definition in the one {@code metadata} blob. A PUT replaces an object atomically, so no temporary
 * object is needed.
 */
final class S3AttributeStorage implements AttributeStorage {

    static final AttributeNames NAMES = AttributeNames.attributeFirst("__", ".json");

    private final S3Objects objects;
    private final String bucket;
    private final String dir;

    S3AttributeStorage(S3Objects objects, String bucket, String prefix) {
        this.objects = objects;
        this.bucket = bucket;
        this.dir = S3Keys.join(prefix, "_attributes") + "/";
    }

    String bucket() {
        return bucket;
    }

    String key(LayerId id, String attribute) {
        return dir + NAMES.name(id, attribute);
    }

    @Override
    public AttributeLayout layout() {
        return AttributeLayout.BLOB;
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
    public boolean delete(LayerId id, String attribute) {
        return objects.delete(bucket, key(id, attribute));
    }

    @Override
    public List<String> attributes(LayerId id) {
        // The attribute name comes first in the key, so one layer's objects cannot be listed by prefix.
        List<String> names = new ArrayList<>();
        for (String key : objects.list(bucket, dir)) {
            NAMES.parse(key.substring(dir.length())).filter(p -> p.layer().equals(id))
                    .ifPresent(p -> names.add(p.attribute()));
        }
        return names;
    }

    @Override
    public Set<LayerId> layersWith(String attribute) {
        Set<LayerId> ids = new HashSet<>();
        for (String key : objects.list(bucket, dir + NAMES.prefix(attribute))) {
            NAMES.parse(key.substring(dir.length())).filter(p -> p.attribute().equals(attribute))
                    .ifPresent(p -> ids.add(p.layer()));
        }
        return ids;
    }
}
