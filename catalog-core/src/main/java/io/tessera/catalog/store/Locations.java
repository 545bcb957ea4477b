package io.tessera.catalog.store;

import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.spi.RecordLocation;
import java.util.List;

/**
 * The {@link RecordLocation} of a layer, from its definition: its ranges are the record inventory's
 * runs where the layer has one (so deletes and whole-layer reads touch only records that exist),
 * else everything its key index spans.
 */
final class Locations {

    private Locations() {
    }

    static RecordLocation of(LayerId id, LayerDescriptor<?> d) {
        return RecordLocation.of(id, d.header().location(), d.indexWidth(), () -> spanned(d));
    }

    private static <K extends LayerKey> List<IndexRange> spanned(LayerDescriptor<K> d) {
        if (d.inventory().isPresent()) {
            return d.inventory().get().ranges();
        }
        return d.keyIndex().indexRanges(List.of(d.keyIndex().keyBounds()));
    }
}
