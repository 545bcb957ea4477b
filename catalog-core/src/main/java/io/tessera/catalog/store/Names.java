package io.tessera.catalog.store;

import java.util.regex.Pattern;

/**
 * The names a catalog accepts for new layers and attributes. GeoTrellis's stores build file and
 * object names by plain concatenation ({@code name__.__zoom__.__attr.json},
 * {@code attr__name__zoom.json}) and parse them back by splitting, so names are limited to
 * characters and shapes that survive that on every backend.
 */
public final class Names {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.-]+");

    private Names() {
    }

    /**
     * Checks a layer name for writing.
     *
     * @throws IllegalArgumentException saying what is wrong with the name and what is allowed
     */
    public static String requireLayerName(String name) {
        if (name == null || !SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid layer name '" + name
                    + "': use letters, digits, '_', '.' and '-' only");
        }
        if (name.contains("__.__") || name.equals(".") || name.equals("..")
                || name.equals("attributes") || name.equals("_attributes")) {
            throw new IllegalArgumentException("invalid layer name '" + name
                    + "': it must not contain '__.__' nor be '.', '..', 'attributes' or '_attributes',"
                    + " which the GeoTrellis layouts reserve");
        }
        return name;
    }

    /**
     * Checks an attribute name for writing.
     *
     * @throws IllegalArgumentException saying what is wrong with the name and what is allowed
     */
    public static String requireAttributeName(String name) {
        if (name == null || !SAFE.matcher(name).matches() || name.contains("__")) {
            throw new IllegalArgumentException("invalid attribute name '" + name
                    + "': use letters, digits, '_' (not doubled), '.' and '-' only");
        }
        return name;
    }
}
