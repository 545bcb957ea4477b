package io.tessera.catalog.backend.accumulo;

import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RangeReads;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.StoredRecord;
import io.tessera.catalog.spi.table.OrderedScans;
import io.tessera.catalog.spi.table.SharedTableRecords;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.accumulo.core.client.BatchDeleter;
import org.apache.accumulo.core.client.BatchScanner;
import org.apache.accumulo.core.client.BatchWriter;
import org.apache.accumulo.core.client.BatchWriterConfig;
import org.apache.accumulo.core.client.IteratorSetting;
import org.apache.accumulo.core.client.Scanner;
import org.apache.accumulo.core.client.ScannerBase;
import org.apache.accumulo.core.client.TableNotFoundException;
import org.apache.accumulo.core.data.Key;
import org.apache.accumulo.core.data.Range;
import org.apache.accumulo.core.data.Value;
import org.apache.accumulo.core.iterators.SortedKeyIterator;
import org.apache.accumulo.core.security.Authorizations;
import org.apache.hadoop.io.Text;

/**
 * Records in GeoTrellis's Accumulo tile table: one entry per record, row the index (see
 * {@link RowIds}), column family the layer's; every layer of the table shares its rows. A layer's
 * header names its table ({@code tileTable}).
 *
 * <p>Unlike GeoTrellis, every read and delete fetches only the layer's column family within the
 * layer's index ranges (GeoTrellis deletes by scanning the whole table), a new table is pre-split
 * where the layer's indexes fall, and reads come out in index order without holding a layer in
 * memory: a large range is read tablet by tablet with scanners running ahead in parallel, and runs
 * of small ranges (a query's) go to one batch scanner per run, sorted as they arrive.
 */
final class AccumuloRecords extends SharedTableRecords implements RangeReads {

    /** Indexes a run of small ranges covers at most: a batch scanner's answer is held and sorted. */
    private static final long RUN = 64;
    /** Tablets a new tile table is cut into at most, and the indexes each gets at least. */
    private static final int MAX_TABLETS = 16;
    private static final long INDEXES_PER_TABLET = 256;
    /** Ranges a delete names at most; beyond, one range from the first index to the last. */
    private static final int DELETE_RANGES = 1024;

    private static final ExecutorService SCANS = OrderedScans.pool("accumulo-scan");

    private final AccumuloTables tables;

    AccumuloRecords(AccumuloTables tables) {
        super(tables.settings().tileTable());
        this.tables = tables;
    }

    AccumuloTables tables() {
        return tables;
    }

    @Override
    public RecordBatch openBatch(RecordLocation layer, BatchMode mode) {
        // The catalog's first write makes the whole catalog: attribute table and tile table at once.
        Map<String, SortedSet<Text>> missing = new LinkedHashMap<>();
        missing.put(tables.settings().attributeTable(), new TreeSet<>());
        missing.put(table(layer), splits(layer.indexRanges()));
        tables.create(missing);
        return new AccumuloRecordBatch(this, layer, mode);
    }

    /**
     * Split rows that cut a layer's indexes into tablets of equal index counts, so that a new table's
     * first layer is written and read by every tablet server at once.
     */
    static SortedSet<Text> splits(List<IndexRange> ranges) {
        long total = 0;
        for (IndexRange r : ranges) {
            total += r.end() - r.start() + 1;
        }
        int tablets = (int) Math.min(MAX_TABLETS, Math.max(1, total / INDEXES_PER_TABLET));
        SortedSet<Text> splits = new TreeSet<>();
        long seen = 0;
        int next = 1;
        for (IndexRange r : ranges) {
            long size = r.end() - r.start() + 1;
            while (next < tablets && seen + size > next * total / tablets) {
                splits.add(new Text(RowIds.row(r.start() + (next * total / tablets - seen))));
                next++;
            }
            seen += size;
        }
        return splits;
    }

    BatchWriter writer(RecordLocation layer) {
        AccumuloSettings s = tables.settings();
        BatchWriterConfig config = new BatchWriterConfig().setMaxMemory(s.writeMemoryMiB() * 1024L * 1024L)
                .setMaxWriteThreads(s.writeThreads()).setTimeout(s.timeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            return tables.client().createBatchWriter(table(layer), config);
        } catch (TableNotFoundException e) {
            throw tables.failure("write into table " + table(layer), e);
        }
    }

    private <S extends ScannerBase> S fetching(S scanner, RecordLocation layer) {
        scanner.fetchColumnFamily(RowIds.family(layer.layerId()));
        scanner.setTimeout(tables.settings().timeout().toMillis(), TimeUnit.MILLISECONDS);
        return scanner;
    }

    @Override
    public Optional<byte[]> read(RecordLocation layer, long index) {
        if (!tables.exists(table(layer))) {
            return Optional.empty();
        }
        try (Scanner s = fetching(tables.client().createScanner(table(layer), Authorizations.EMPTY), layer)) {
            s.setRange(Range.exact(new Text(RowIds.row(index)), RowIds.family(layer.layerId())));
            for (Map.Entry<Key, Value> e : s) {
                return Optional.of(e.getValue().get());
            }
            return Optional.empty();
        } catch (TableNotFoundException | RuntimeException e) {
            throw tables.failure("read record " + index + " of layer " + layer.layerId(), e);
        }
    }

    @Override
    public RecordCursor scan(RecordLocation layer, List<IndexRange> ranges) {
        String what = "read the records of layer " + layer.layerId();
        if (ranges.isEmpty() || !tables.exists(table(layer))) {
            return new OrderedScans(List.of(), SCANS, e -> tables.failure(what, e));
        }
        List<OrderedScans.Piece> pieces = new ArrayList<>();
        List<Range> run = new ArrayList<>();
        long runSize = 0;
        for (IndexRange r : ranges) {
            long size = r.end() - r.start() + 1;
            if (size > RUN || size <= 0) {
                if (!run.isEmpty()) {
                    pieces.add(batch(layer, run));
                    run = new ArrayList<>();
                    runSize = 0;
                }
                for (Range tablet : byTablet(layer, rows(r))) {
                    pieces.add(ordered(layer, tablet));
                }
                continue;
            }
            run.add(rows(r));
            runSize += size;
            if (runSize >= RUN) {
                pieces.add(batch(layer, run));
                run = new ArrayList<>();
                runSize = 0;
            }
        }
        if (!run.isEmpty()) {
            pieces.add(batch(layer, run));
        }
        return new OrderedScans(pieces, SCANS, e -> tables.failure(what, e));
    }

    private static Range rows(IndexRange r) {
        return new Range(new Text(RowIds.row(r.start())), true, new Text(RowIds.row(r.end())), true);
    }

    /** A range cut where the table's tablets begin, so that its pieces are read in parallel. */
    private Collection<Range> byTablet(RecordLocation layer, Range range) {
        try {
            return new TreeSet<>(tables.client().tableOperations().splitRangeByTablets(table(layer), range, MAX_TABLETS));
        } catch (Exception e) {
            throw tables.failure("find the tablets of table " + table(layer), e);
        }
    }

    /** One range, read in row order by a scanner. */
    private OrderedScans.Piece ordered(RecordLocation layer, Range range) {
        return sink -> {
            try (Scanner s = fetching(tables.client().createScanner(table(layer), Authorizations.EMPTY), layer)) {
                s.setRange(range);
                for (Map.Entry<Key, Value> e : s) {
                    if (!sink.accept(new StoredRecord(RowIds.index(e.getKey().getRow()), e.getValue().get()))) {
                        return;
                    }
                }
            }
        };
    }

    /** A run of small ranges, read by one batch scanner and sorted (a run holds at most {@link #RUN} indexes). */
    private OrderedScans.Piece batch(RecordLocation layer, List<Range> ranges) {
        return sink -> {
            List<StoredRecord> found = new ArrayList<>();
            int threads = Math.min(ranges.size(), tables.settings().queryThreads());
            try (BatchScanner s = fetching(tables.client().createBatchScanner(table(layer), Authorizations.EMPTY,
                    threads), layer)) {
                s.setRanges(ranges);
                for (Map.Entry<Key, Value> e : s) {
                    found.add(new StoredRecord(RowIds.index(e.getKey().getRow()), e.getValue().get()));
                }
            }
            found.sort(Comparator.comparingLong(StoredRecord::index));
            for (StoredRecord r : found) {
                if (!sink.accept(r)) {
                    return;
                }
            }
        };
    }

    /**
     * Deletes the layer's entries: a batch deleter over the layer's index ranges fetching only its
     * column family (keys only, each deleted at its own timestamp) — never another layer's entries,
     * never a walk of the whole table.
     */
    @Override
    public void delete(RecordLocation layer) {
        if (!tables.exists(table(layer))) {
            return;
        }
        List<IndexRange> spanned = layer.indexRanges();
        if (spanned.isEmpty()) {
            return;
        }
        List<Range> ranges = new ArrayList<>();
        if (spanned.size() > DELETE_RANGES) {
            ranges.add(rows(new IndexRange(spanned.get(0).start(), spanned.get(spanned.size() - 1).end())));
        } else {
            spanned.forEach(r -> ranges.add(rows(r)));
        }
        AccumuloSettings s = tables.settings();
        BatchWriterConfig config = new BatchWriterConfig().setMaxMemory(s.writeMemoryMiB() * 1024L * 1024L)
                .setTimeout(s.timeout().toMillis(), TimeUnit.MILLISECONDS);
        String what = "delete the records of layer " + layer.layerId();
        try (BatchDeleter d = fetching(tables.client().createBatchDeleter(table(layer), Authorizations.EMPTY,
                s.queryThreads(), config), layer)) {
            d.setRanges(ranges);
            d.addScanIterator(new IteratorSetting(30, "keys", SortedKeyIterator.class));
            d.delete();
        } catch (Exception e) {
            throw tables.failure(what, e);
        }
    }
}
