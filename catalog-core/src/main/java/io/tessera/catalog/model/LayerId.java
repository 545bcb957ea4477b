package io.tessera.catalog.model;

import java.io.Serializable;
import java.util.Objects;

/**
 * A layer's identity in a catalog: its name and zoom level. Each zoom level of a pyramid is a
 * separate layer with its own metadata and key index.
 */
public record LayerId(String name, int zoom) implements Serializable {

    public LayerId {
        Objects.requireNonNull(name, "layer name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("layer name is empty");
        }
        if (zoom < 0) {
            throw new IllegalArgumentException("zoom must be >= 0, got " + zoom + " for layer '" + name + "'");
        }
    }

    @Override
    public String toString() {
        return name + ":" + zoom;
    }
}
