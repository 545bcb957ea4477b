package io.tessera.catalog.store;

import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.index.KeyIndex;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.spi.RecordLocation;

/** The {@link RecordLocation} of a layer, from its definition. */
final class Locations {

    private Locations() {
    }

    static RecordLocation of(LayerId id, LayerDescriptor<?> d) {
        return of(id, d.header().location(), d.keyIndex());
    }

    static <K extends LayerKey> RecordLocation of(LayerId id, java.util.Map<String, String> fields, KeyIndex<K> index) {
        return RecordLocation.of(id, fields, io.tessera.catalog.index.IndexNames.width(index),
                () -> index.indexRanges(java.util.List.of(index.keyBounds())));
    }
}
