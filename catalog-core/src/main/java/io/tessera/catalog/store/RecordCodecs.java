package io.tessera.catalog.store;

import io.tessera.catalog.codec.TileCodecException;
import io.tessera.catalog.codec.TileRecordCodec;
import io.tessera.catalog.codec.ValueClass;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import java.util.List;

/** The record codec of a stored layer, with decode errors that name the layer and record. */
final class RecordCodecs {

    private RecordCodecs() {
    }

    @SuppressWarnings("unchecked")
    static <K extends LayerKey> TileRecordCodec<K> forLayer(LayerDescriptor<K> d) {
        ValueClass vc;
        try {
            vc = ValueClass.fromClassName(d.header().valueClass());
        } catch (IllegalArgumentException e) {
            throw new CatalogException("layer value class '" + d.header().valueClass() + "' is not supported;"
                    + " only geotrellis.raster.Tile and geotrellis.raster.MultibandTile layers can be read", e);
        }
        return TileRecordCodec.forLayer((Class<K>) d.keyType().javaType(), vc);
    }

    static <K extends LayerKey> List<KeyedTile<K>> decode(TileRecordCodec<K> codec, LayerDescriptor<K> d, LayerId id,
            long index, byte[] record) {
        try {
            return codec.decode(record, d.schema());
        } catch (TileCodecException e) {
            throw new CatalogException("record " + index + " of layer " + id + " cannot be decoded: " + e.getMessage()
                    + " (the record is corrupt; rewrite the layer from its source)", e);
        }
    }
}
