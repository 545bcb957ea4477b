package io.tessera.catalog.spi.table;

import io.tessera.catalog.spi.RecordLocation;
import java.util.Map;

/**
 * The table a reindex writes a layer's new records into. In a shared tile table a layer's rows are
 * where its name and zoom put them, so records replacing all of them cannot sit beside the old ones:
 * they go to a twin table ({@code tiles} ↔ {@code tiles_reindexed}) and the commit switches the
 * layer's header to it. GeoTrellis reads whichever table the header names.
 */
public final class TwinTables {

    /** The suffix that marks a twin. */
    public static final String SUFFIX = "_reindexed";
    /** The header field that names a layer's tile table. */
    public static final String FIELD = "tileTable";

    private TwinTables() {
    }

    /** {@code tiles} → {@code tiles_reindexed}, and back. */
    public static String twin(String table) {
        return table.endsWith(SUFFIX) ? table.substring(0, table.length() - SUFFIX.length()) : table + SUFFIX;
    }

    /** The header location fields of records in {@code table}. */
    static Map<String, String> location(String table) {
        return Map.of(FIELD, table);
    }

    /**
     * Where records replacing all of a layer's go: the twin of the table its header names
     * ({@code current}), or of {@code otherwise} when the header names none.
     */
    static Map<String, String> replacement(Map<String, String> current, String otherwise) {
        return location(twin(current.getOrDefault(FIELD, otherwise)));
    }

    /** The tile table a layer's header names. */
    static String table(RecordLocation layer) {
        return layer.field(FIELD);
    }
}
