package io.tessera.catalog.spi;

import io.tessera.catalog.model.LayerId;
import java.util.Optional;

/**
 * How GeoTrellis names one attribute document per file or object, both ways: layer first
 * ({@code <name>__.__<zoom>__.__<attribute>.json} for files, {@code <name>___<zoom>___<attribute>.json}
 * for HDFS) or attribute first ({@code <attribute>__<name>__<zoom>.json} for S3). Parsing takes the
 * attribute from its end of the name and the zoom from the separator nearest the other end, so a
 * layer name may contain the separator's characters but an attribute name may not (the core's name
 * rules guarantee it); names that do not parse belong to someone else and are skipped.
 */
public final class AttributeNames {

    /** A parsed document name. */
    public record Parsed(LayerId layer, String attribute) {
    }

    private final boolean layerFirst;
    private final String separator;
    private final String suffix;

    private AttributeNames(boolean layerFirst, String separator, String suffix) {
        this.layerFirst = layerFirst;
        this.separator = separator;
        this.suffix = suffix;
    }

    /** {@code <name><sep><zoom><sep><attribute><suffix>}. */
    public static AttributeNames layerFirst(String separator, String suffix) {
        return new AttributeNames(true, separator, suffix);
    }

    /** {@code <attribute><sep><name><sep><zoom><suffix>}. */
    public static AttributeNames attributeFirst(String separator, String suffix) {
        return new AttributeNames(false, separator, suffix);
    }

    /** The document name of one attribute. */
    public String name(LayerId id, String attribute) {
        return layerFirst
                ? id.name() + separator + id.zoom() + separator + attribute + suffix
                : attribute + separator + id.name() + separator + id.zoom() + suffix;
    }

    /**
     * The fixed start of every document name of a layer (layer-first naming) or of an attribute
     * (attribute-first), for listing by prefix.
     */
    public String prefix(LayerId id) {
        if (!layerFirst) {
            throw new IllegalStateException("attribute-first names have no per-layer prefix");
        }
        return id.name() + separator + id.zoom() + separator;
    }

    /** The fixed start of every document name of an attribute (attribute-first naming only). */
    public String prefix(String attribute) {
        if (layerFirst) {
            throw new IllegalStateException("layer-first names have no per-attribute prefix");
        }
        return attribute + separator;
    }

    /** The layer and attribute a document name stands for, or empty for a name that is not one. */
    public Optional<Parsed> parse(String documentName) {
        if (!documentName.endsWith(suffix) || documentName.contains("/")) {
            return Optional.empty();
        }
        String s = documentName.substring(0, documentName.length() - suffix.length());
        String attribute;
        String name;
        String zoom;
        if (layerFirst) {
            int a = s.lastIndexOf(separator);
            int z = a <= 0 ? -1 : s.lastIndexOf(separator, a - 1);
            if (z <= 0) {
                return Optional.empty();
            }
            attribute = s.substring(a + separator.length());
            zoom = s.substring(z + separator.length(), a);
            name = s.substring(0, z);
        } else {
            int a = s.indexOf(separator);
            int z = s.lastIndexOf(separator);
            if (a <= 0 || z <= a + separator.length()) {
                return Optional.empty();
            }
            attribute = s.substring(0, a);
            name = s.substring(a + separator.length(), z);
            zoom = s.substring(z + separator.length());
        }
        if (attribute.isEmpty() || attribute.contains("__") || zoom.isEmpty() || zoom.length() > 9
                || !zoom.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(new LayerId(name, Integer.parseInt(zoom)), attribute));
    }
}
