package io.tessera.catalog.store;

import io.tessera.catalog.codec.TileRecordCodec;
import io.tessera.catalog.exceptions.CatalogException;
import io.tessera.catalog.format.LayerDescriptor;
import io.tessera.catalog.model.KeyBounds;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.model.VerifyReport;
import io.tessera.catalog.raster.CellType;
import io.tessera.catalog.raster.Tile;
import io.tessera.catalog.spi.StoredRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Decodes every record of a layer and checks each tile against the layer's metadata and index. */
final class LayerVerifier {

    private final LayerReader reader;

    LayerVerifier(LayerReader reader) {
        this.reader = reader;
    }

    /** Checks one layer. */
    <K extends LayerKey> VerifyReport verify(LayerId id, LayerDescriptor<K> d) {
        TileRecordCodec<K> codec = RecordCodecs.forLayer(d);
        Optional<KeyBounds<K>> bounds = d.metadata().bounds();
        CellType cellType = d.metadata().cellType();
        List<String> problems = new ArrayList<>();
        long records = 0;
        List<Long> missing = Collections.synchronizedList(new ArrayList<>());
        long tiles = 0;
        long undecodable = 0;
        long outside = 0;
        long misplaced = 0;
        long mismatched = 0;
        d.pending().ifPresent(p -> problems.add("the layer is held by " + p.describe() + ", which has not finished: if"
                + " that process is gone, verify with repair rolls its records back"));
        try (Stream<StoredRecord> s = reader.records(id, d, missing::add)) {
            for (StoredRecord r : (Iterable<StoredRecord>) s::iterator) {
                records++;
                List<KeyedTile<K>> pairs;
                try {
                    pairs = RecordCodecs.decode(codec, d, id, r.index(), r.bytes());
                } catch (CatalogException e) {
                    undecodable++;
                    note(problems, e.getMessage());
                    continue;
                }
                for (KeyedTile<K> t : pairs) {
                    tiles++;
                    if (bounds.isEmpty() || !bounds.get().includes(t.key())) {
                        outside++;
                        note(problems, "tile " + t.key() + " in record " + r.index() + " is outside the layer bounds "
                                + bounds.map(Object::toString).orElse("(empty)"));
                    }
                    if (d.keyIndex().keyBounds().includes(t.key()) && d.keyIndex().toIndex(t.key()) != r.index()) {
                        misplaced++;
                        note(problems, "tile " + t.key() + " is stored in record " + r.index() + " but its index is "
                                + d.keyIndex().toIndex(t.key()));
                    }
                    for (int b = 0; b < t.tile().bandCount(); b++) {
                        Tile band = t.tile().band(b);
                        if (!band.cellType().equals(cellType)) {
                            mismatched++;
                            note(problems, "tile " + t.key() + " band " + b + " has cell type " + band.cellType()
                                    + ", the layer " + cellType);
                        }
                    }
                }
            }
        }
        List<Long> lost = missing.stream().sorted().toList();
        for (long index : lost) {
            note(problems, "record " + index + " is missing: the layer's record inventory lists it but the storage does"
                    + " not have it (deleted outside the catalog?); write its tiles again, or delete the layer");
        }
        if (records == 0 && bounds.isPresent() && d.inventory().isEmpty()) {
            // Without a record inventory a single missing record cannot be told from a sparse layer,
            // but a layer whose bounds hold keys and that has no record at all has lost its data.
            problems.add("the layer's bounds " + bounds.get() + " hold keys but it has no records at all: its tiles"
                    + " are missing (deleted or moved outside the catalog); delete the layer and write it again");
        }
        return new VerifyReport(id, records, lost.size(), tiles, undecodable, outside, misplaced, mismatched, problems);
    }

    private static void note(List<String> problems, String line) {
        if (problems.size() < VerifyReport.MAX_PROBLEM_LINES) {
            problems.add(line);
        }
    }
}
