package io.tessera.catalog;

/** How a layer's keys are ordered into record indexes (GeoTrellis's key index methods). */
public enum IndexMethod {
    /** Z-order curve; spatial and space-time. Absolute, so layers can grow anywhere without reindexing. */
    ZORDER("zorder"),
    /** Compact Hilbert curve over the layer's bounds; spatial and space-time. */
    HILBERT("hilbert"),
    /** Row by row over the layer's bounds; spatial only. */
    ROWMAJOR("rowmajor");

    private final String id;

    IndexMethod(String id) {
        this.id = id;
    }

    /** The name GeoTrellis stores as the key index {@code type}. */
    public String id() {
        return id;
    }

    /**
     * The method named {@code zorder}, {@code hilbert} or {@code rowmajor} (any case).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static IndexMethod parse(String name) {
        for (IndexMethod m : values()) {
            if (m.id.equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown index method '" + name + "'; use zorder, hilbert or rowmajor");
    }
}
