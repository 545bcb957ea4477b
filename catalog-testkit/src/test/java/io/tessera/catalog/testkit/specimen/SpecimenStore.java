package io.tessera.catalog.testkit.specimen;

import io.tessera.catalog.model.LayerId;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The tables of one specimen catalog: attribute rows per layer id, and a record table per layer. */
final class SpecimenStore {

    /** Attribute name → document, per layer id; a row is changed only while holding it. */
    final Map<LayerId, NavigableMap<String, byte[]>> attributeRows = new ConcurrentHashMap<>();

    /** Index → record, per layer; the core's batches fill them only at close. */
    final Map<LayerId, ConcurrentSkipListMap<Long, byte[]>> records = new ConcurrentHashMap<>();

    NavigableMap<String, byte[]> row(LayerId id) {
        return attributeRows.computeIfAbsent(id, i -> new TreeMap<>());
    }

    ConcurrentSkipListMap<Long, byte[]> records(LayerId id) {
        return records.computeIfAbsent(id, i -> new ConcurrentSkipListMap<>());
    }
}
