package io.tessera.catalog;

import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.format.LayerJson;
import io.tessera.catalog.index.KeyIndex;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.store.LayerStore;
import java.io.Serializable;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a worker needs to write one part of a {@link SharedWrite} or a {@link SharedChange}: the
 * layer's definition (its key index, and where its records go) and the write it belongs to.
 * Workers write with {@link Catalog#writePart} (and check a change's parts with
 * {@link Catalog#checkPart}) on a catalog opened from the same URI; every tile of an index must go
 * to the same part ({@link #index} says which index a key has), where {@link #needsIndexSpans()}
 * each part must hold one span of indexes no other part touches, and where {@link #singlePart()}
 * one part (number 0) must hold every tile.
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
    private final LayerStore.Change change;
    private final boolean singlePart;
    private transient LayerDescriptor<K> parsed;

    WriteTicket(LayerId layer, Class<K> keyType, String definition, String share, Optional<String> claimId,
            OptionalInt level, boolean indexSpans) {
        this(layer, keyType, definition, share, claimId, level, indexSpans, null, false);
    }

    /** A ticket of a change ({@code change} not null), or of a create. */
    WriteTicket(LayerId layer, Class<K> keyType, String definition, String share, Optional<String> claimId,
            OptionalInt level, boolean indexSpans, LayerStore.Change change, boolean singlePart) {
        this.layer = layer;
        this.keyType = keyType;
        this.definition = definition;
        this.share = share;
        this.claimId = claimId.orElse(null);
        this.level = level.orElse(-1);
        this.indexSpans = indexSpans;
        this.change = change;
        this.singlePart = singlePart;
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

    /**
     * True when one part must write every tile (part number 0): a change on a catalog whose files
     * take one replacing writer at a time (HDFS).
     */
    public boolean singlePart() {
        return singlePart;
    }

    /** For a change, whether it updates or overwrites; empty for a new layer. */
    Optional<LayerStore.Change> change() {
        return Optional.ofNullable(change);
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
        return (change == null ? "write of " : change.name().toLowerCase(Locale.ROOT) + " of ") + layer;
    }
}
