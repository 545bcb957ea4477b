package io.tessera.catalog.store;

import io.tessera.catalog.codec.TileRecordCodec;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.query.KeySelection;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.StoredRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a layer's tiles from its records: query bounds → index ranges (narrowed to the record
 * inventory's runs where the layer has one) → the records present in them (see
 * {@link RecordSource}) → decoded on the pool → pairs whose key is inside the query. Memory is
 * bounded by the read-ahead window, not the layer.
 */
final class LayerReader {

    private final RecordSource source;

    LayerReader(RecordSource source) {
        this.source = source;
    }

    /** The tile of one key, or empty when the layer has none there; {@code missing} as in {@link #read}. */
    <K extends LayerKey> Optional<MultibandTile> readValue(LayerId id, LayerDescriptor<K> d, K key,
            RecordSource.Missing missing) {
        if (!d.keyIndex().keyBounds().includes(key)) {
            // Hilbert and row-major indexes cannot address such a key, and no write could have stored it.
            return Optional.empty();
        }
        long index = d.keyIndex().toIndex(key);
        if (d.inventory().isPresent() && !d.inventory().get().contains(index)) {
            return Optional.empty();
        }
        Optional<byte[]> record = source.read(Locations.of(id, d), index);
        if (record.isEmpty()) {
            if (d.inventory().isPresent()) {
                missing.record(index);
            }
            return Optional.empty();
        }
        for (KeyedTile<K> t : RecordCodecs.decode(RecordCodecs.forLayer(d), d, id, index, record.get())) {
            if (t.key().equals(key)) {
                return Optional.of(t.tile());
            }
        }
        return Optional.empty();
    }

    /**
     * The index ranges a read of {@code query} asks for: the key index's, narrowed to the record
     * inventory's runs where the layer has one.
     */
    static <K extends LayerKey> List<IndexRange> ranges(LayerDescriptor<K> d, List<KeyBounds<K>> query) {
        if (query.isEmpty()) {
            return List.of();
        }
        List<IndexRange> ranges = d.keyIndex().indexRanges(query);
        return d.inventory().isPresent() ? d.inventory().get().within(ranges) : ranges;
    }

    /**
     * The tiles whose keys lie in any of {@code query}, streamed, read from {@code ranges} ({@link
     * #ranges} of the query, or a piece of them); an empty query or no ranges gives an empty stream.
     *
     * @param missing told of each record the layer's inventory lists but the storage lacks
     */
    <K extends LayerKey> Stream<KeyedTile<K>> read(LayerId id, LayerDescriptor<K> d, List<KeyBounds<K>> query,
            List<IndexRange> ranges, RecordSource.Missing missing) {
        if (query.isEmpty() || ranges.isEmpty()) {
            return Stream.empty();
        }
        TileRecordCodec<K> codec = RecordCodecs.forLayer(d);
        KeySelection<K> selected = new KeySelection<>(query);
        return source.map(Locations.of(id, d), ranges, r -> {
            List<KeyedTile<K>> out = new ArrayList<>();
            for (KeyedTile<K> t : RecordCodecs.decode(codec, d, id, r.index(), r.bytes())) {
                if (selected.includes(t.key())) {
                    out.add(t);
                }
            }
            return out;
        }, d.inventory().isPresent() ? missing : null);
    }

    /**
     * Every stored record of the layer, as stored bytes, in index order; where the layer has an
     * inventory, exactly its records, {@code missing} told of each one the storage lacks.
     */
    Stream<StoredRecord> records(LayerId id, LayerDescriptor<?> d, RecordSource.Missing missing) {
        RecordLocation loc = Locations.of(id, d);
        return source.records(loc, loc.indexRanges(), d.inventory().isPresent() ? missing : null);
    }
}
