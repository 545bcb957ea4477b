package io.tessera.catalog.spi.table;

import io.tessera.catalog.model.LayerId;
import java.util.Optional;

/**
 * GeoTrellis's key of a layer in its table stores: {@code "<name>__.__<zoom>"} (the attribute row of
 * HBase and Accumulo, GeoTrellis 2.2's Cassandra {@code layerId}, and the prefix of HBase's tile rows).
 */
public final class LayerKeys {

    /** Separates a layer's name from its zoom. */
    public static final String SEPARATOR = "__.__";

    private LayerKeys() {
    }

    /** {@code name__.__zoom}. */
    public static String of(LayerId id) {
        return id.name() + SEPARATOR + id.zoom();
    }

    /** The layer a key names, or empty for a key that names none (a row of another application). */
    public static Optional<LayerId> parse(String key) {
        int sep = key.lastIndexOf(SEPARATOR);
        if (sep <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LayerId(key.substring(0, sep), Integer.parseInt(key.substring(sep + SEPARATOR.length()))));
        } catch (IllegalArgumentException notALayer) {
            return Optional.empty();
        }
    }
}
