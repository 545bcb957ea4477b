package io.tessera.catalog.layout;

import java.util.Objects;

/** A layout and the zoom level it belongs to in its scheme. */
public record LayoutLevel(int zoom, LayoutDefinition layout) {

    public LayoutLevel {
        Objects.requireNonNull(layout, "layout");
    }
}
