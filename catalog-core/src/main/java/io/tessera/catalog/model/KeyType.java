package io.tessera.catalog.model;

/**
 * The two kinds of layer key, with the class names GeoTrellis records in a layer header. Both the
 * 3.x names ({@code geotrellis.layer.*}) and the 1.x/2.x names ({@code geotrellis.spark.*}) are
 * recognised on read; 3.x names are written.
 */
public enum KeyType {
    SPATIAL(SpatialKey.class, "SpatialKey"),
    SPACE_TIME(SpaceTimeKey.class, "SpaceTimeKey");

    private final Class<? extends LayerKey> javaType;
    private final String simpleName;

    KeyType(Class<? extends LayerKey> javaType, String simpleName) {
        this.javaType = javaType;
        this.simpleName = simpleName;
    }

    /** The Java class of keys of this type. */
    public Class<? extends LayerKey> javaType() {
        return javaType;
    }

    /** The class name GeoTrellis 3.x writes in a header's {@code keyClass}. */
    public String geotrellisClassName() {
        return "geotrellis.layer." + simpleName;
    }

    /** The type of a key. */
    public static KeyType of(LayerKey key) {
        return key instanceof SpaceTimeKey ? SPACE_TIME : SPATIAL;
    }

    /**
     * The key type named by a header's {@code keyClass}: {@code geotrellis.layer.X} (3.x) or
     * {@code geotrellis.spark.X} (1.x/2.x).
     *
     * @throws IllegalArgumentException for any other class name
     */
    public static KeyType fromGeotrellisClassName(String className) {
        for (KeyType t : values()) {
            if (className.equals("geotrellis.layer." + t.simpleName) || className.equals("geotrellis.spark." + t.simpleName)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported key class '" + className
                + "': expected geotrellis.layer.SpatialKey or geotrellis.layer.SpaceTimeKey");
    }
}
