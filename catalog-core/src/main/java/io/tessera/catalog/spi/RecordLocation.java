package io.tessera.catalog.spi;

import io.tessera.catalog.format.LayerHeader;
import io.tessera.catalog.index.IndexNames;
import io.tessera.catalog.model.LayerId;
import java.util.Objects;

/**
 * Where one layer's records live: the layer id, its header (whose location fields a backend
 * reads, e.g. {@code path}) and the width of zero-padded index names (GeoTrellis names a record by
 * its index padded to the digit count of the index of the key index's max key).
 */
public record RecordLocation(LayerId layerId, LayerHeader header, int indexWidth) {

    public RecordLocation {
        Objects.requireNonNull(layerId, "layerId");
        Objects.requireNonNull(header, "header");
    }

    /** The record name of an index, as GeoTrellis's file and S3 layouts name objects. */
    public String recordName(long index) {
        return IndexNames.encode(index, indexWidth);
    }
}
