package io.tessera.catalog;

import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.format.LayerJson;
import io.tessera.catalog.index.KeyIndex;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import java.io.Serializable;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a worker needs to write one part of a {@link SharedWrite}: the new layer's definition (its
 * key index, and where its records go) and the write it belongs to. Workers write with
 * {@link Catalog#writePart} on a catalog opened from the same URI; every tile of an index must go
 * to the same part ({@link #index} says which index a key has), and where
 * {@link #needsIndexSpans()} each part must hold one span of indexes no other part touches.
 *
 * @param <K> the layer's key type
 */
public final class WriteTicket<K extends LayerKey> implements Serializable {

    private static final long serialVersionUID = 1L;

    private final LayerId layer;
    private final Class<K> keyType;
    private final String definition;
    private final String share;
    private final String claimId;
    private final int level;
    private final boolean indexSpans;
    private transient LayerDescriptor<K> parsed;

    WriteTicket(LayerId layer, Class<K> keyType, String definition, String share, Optional<String> claimId,
            OptionalInt level, boolean indexSpans) {
        this.layer = layer;
        this.keyType = keyType;
        this.definition = definition;
        this.share = share;
        this.claimId = claimId.orElse(null);
        this.level = level.orElse(-1);
        this.indexSpans = indexSpans;
    }

    /** The layer written. */
    public LayerId layer() {
        return layer;
    }

    /** The key type of the layer written. */
    public Class<K> keyType() {
        return keyType;
    }

    /** The record index of {@code key} in the new layer's key index. */
    public long index(K key) {
        return descriptor().keyIndex().toIndex(key);
    }

    /** The new layer's key index. */
    public KeyIndex<K> keyIndex() {
        return descriptor().keyIndex();
    }

    /**
     * True when the catalog's backend takes records ascending, one writer per file (HDFS): each part
     * must then hold one span of indexes no other part touches (GeoTrellis's {@code HadoopRDDWriter}
     * range-partitions for the same reason).
     */
    public boolean needsIndexSpans() {
        return indexSpans;
    }

    String share() {
        return share;
    }

    Optional<String> claimId() {
        return Optional.ofNullable(claimId);
    }

    OptionalInt level() {
        return level < 0 ? OptionalInt.empty() : OptionalInt.of(level);
    }

    @SuppressWarnings("unchecked")
    LayerDescriptor<K> descriptor() {
        if (parsed == null) {
            parsed = (LayerDescriptor<K>) LayerDescriptor.fromJson(LayerJson.parse(definition, "layer definition"),
                    "the definition of layer " + layer);
        }
        return parsed;
    }

    @Override
    public String toString() {
        return "write of " + layer;
    }
}
