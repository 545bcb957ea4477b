package io.tessera.catalog.spi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The attribute documents that define one layer, as they are committed together: {@code metadata}
 * alone in the {@link AttributeLayout#BLOB} layout, {@code header}, {@code metadata}, {@code keyIndex}
 * and {@code schema} in the {@link AttributeLayout#DISCRETE} one. Equal when every document has the
 * same bytes, which is how a commit compares what is stored with what it expects.
 */
public final class LayerDocuments {

    /** The document whose presence makes a layer exist, in both layouts. */
    public static final String PRESENCE = "metadata";

    private final Map<String, byte[]> documents;

    private LayerDocuments(Map<String, byte[]> documents) {
        this.documents = documents;
    }

    /**
     * The documents by attribute name, in the given order.
     *
     * @throws IllegalArgumentException when there is no {@value #PRESENCE} document
     */
    public static LayerDocuments of(Map<String, byte[]> documents) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        documents.forEach((name, bytes) -> copy.put(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(bytes, "document of " + name).clone()));
        if (!copy.containsKey(PRESENCE)) {
            throw new IllegalArgumentException("a layer's documents must include '" + PRESENCE + "', got " + copy.keySet());
        }
        return new LayerDocuments(Collections.unmodifiableMap(copy));
    }

    /** The attribute names, in commit order ({@value #PRESENCE} is not necessarily first). */
    public Set<String> names() {
        return documents.keySet();
    }

    /**
     * One document's bytes (a copy).
     *
     * @throws IllegalArgumentException when there is no such document
     */
    public byte[] get(String attribute) {
        byte[] d = documents.get(attribute);
        if (d == null) {
            throw new IllegalArgumentException("no document '" + attribute + "' among " + documents.keySet());
        }
        return d.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof LayerDocuments other) || !documents.keySet().equals(other.documents.keySet())) {
            return false;
        }
        for (Map.Entry<String, byte[]> e : documents.entrySet()) {
            if (!Arrays.equals(e.getValue(), other.documents.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = documents.keySet().hashCode();
        for (byte[] d : documents.values()) {
            h = 31 * h + Arrays.hashCode(d);
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("LayerDocuments{");
        documents.forEach((n, d) -> b.append(n).append('=').append(new String(d, StandardCharsets.UTF_8)
                .substring(0, Math.min(d.length, 60))).append("…, "));
        return b.append('}').toString();
    }
}
