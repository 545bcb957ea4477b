package io.tessera.catalog.spi.table;

/**
 * The table a reindex writes a layer's new records into. In a shared tile table a layer's rows are
 * where its name and zoom put them, so records replacing all of them cannot sit beside the old ones:
 * they go to a twin table ({@code tiles} ↔ {@code tiles_reindexed}) and the commit switches the
 * layer's header to it. GeoTrellis reads whichever table the header names.
 */
public final class TwinTables {

    /** The suffix that marks a twin. */
    public static final String SUFFIX = "_reindexed";

    private TwinTables() {
    }

    /** {@code tiles} → {@code tiles_reindexed}, and back. */
    public static String twin(String table) {
        return table.endsWith(SUFFIX) ? table.substring(0, table.length() - SUFFIX.length()) : table + SUFFIX;
    }
}
