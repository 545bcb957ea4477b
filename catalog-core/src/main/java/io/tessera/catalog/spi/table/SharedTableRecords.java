package io.tessera.catalog.spi.table;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.RecordStorage;
import io.tessera.catalog.spi.WriteOrder;
import java.util.Map;

/**
 * Records in a tile table every layer shares, named by the layer's header ({@code tileTable}): a new
 * layer goes to the catalog's table, records replacing all of a layer's to the twin of its table
 * (see {@link TwinTables}), and rows are written in any order from any thread.
 */
public abstract class SharedTableRecords implements RecordStorage {

    private final String tileTable;

    /** @param tileTable the catalog's tile table, where new layers go */
    protected SharedTableRecords(String tileTable) {
        this.tileTable = tileTable;
    }

    @Override
    public final Map<String, String> newLocation(LayerId id) {
        return TwinTables.location(tileTable);
    }

    @Override
    public final Map<String, String> replacementLocation(LayerId id, Map<String, String> current) {
        return TwinTables.replacement(current, tileTable);
    }

    @Override
    public final WriteOrder writeOrder() {
        return WriteOrder.ANY;
    }

    /**
     * A create batch of its own: rows go where the layer id puts them, and the owner's claim covers
     * them. Its abort removes the rows it wrote; the owner's abort makes the core delete the rest.
     */
    @Override
    public final RecordBatch joinBatch(RecordLocation layer, String share, int part) {
        return openBatch(layer, BatchMode.CREATE);
    }

    /** The tile table a layer's header names. */
    public static String table(RecordLocation layer) {
        return TwinTables.table(layer);
    }
}
