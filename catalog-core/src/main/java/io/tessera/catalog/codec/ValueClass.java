package io.tessera.catalog.codec;

/**
 * What a GeoTrellis layer stores as the value of each key; the header's {@code valueClass} names it.
 * Both are read and written as {@link io.tessera.catalog.raster.MultibandTile}s, single-band ones
 * with one band.
 */
public enum ValueClass {
    /** One tile record per key (GeoTrellis {@code RDD[(K, Tile)]}). */
    TILE("geotrellis.raster.Tile"),
    /** An {@code ArrayMultibandTile} record holding a list of band tiles per key. */
    MULTIBAND_TILE("geotrellis.raster.MultibandTile");

    private final String className;

    ValueClass(String className) {
        this.className = className;
    }

    /** The Scala class name GeoTrellis writes into the layer header. */
    public String className() {
        return className;
    }

    /**
     * The value class named by a layer header.
     *
     * @throws IllegalArgumentException for any other class name
     */
    public static ValueClass fromClassName(String name) {
        for (ValueClass v : values()) {
            if (v.className.equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unsupported value class '" + name + "'; expected "
                + TILE.className + " or " + MULTIBAND_TILE.className);
    }
}
