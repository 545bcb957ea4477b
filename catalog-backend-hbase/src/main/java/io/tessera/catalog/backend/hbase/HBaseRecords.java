package io.tessera.catalog.backend.hbase;

import io.tessera.catalog.index.IndexRange;
import io.tessera.catalog.spi.BatchMode;
import io.tessera.catalog.spi.RangeReads;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.RecordLocation;
import io.tessera.catalog.spi.StoredRecord;
import io.tessera.catalog.spi.table.OrderedScans;
import io.tessera.catalog.spi.table.SharedTableRecords;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.apache.hadoop.hbase.TableName;
import org.apache.hadoop.hbase.client.BufferedMutator;
import org.apache.hadoop.hbase.client.BufferedMutatorParams;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.RegionLocator;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.FilterList;
import org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter;
import org.apache.hadoop.hbase.filter.KeyOnlyFilter;
import org.apache.hadoop.hbase.filter.MultiRowRangeFilter;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Records in GeoTrellis's HBase tile table: one row per record keyed by the layer's prefix and the
 * index (see {@link RowKeys}), family {@code tiles}, empty qualifier; every layer of the table shares
 * it. A layer's header names its table ({@code tileTable}).
 *
 * <p>Unlike GeoTrellis, every scan is bounded to the layer's rows by its start and stop rows (a
 * filter alone would walk the table from its first region), many ranges are one scan with a
 * {@link MultiRowRangeFilter}, and a scan over several regions reads them in parallel.
 */
final class HBaseRecords extends SharedTableRecords implements RangeReads {

    private static final byte[] FAMILY = Bytes.toBytes(HBaseTables.TILES);
    /** Rows a scanner fetches per call, at most. */
    private static final int CACHING = 64;
    /**
     * Bytes a scanner fetches per call, at most: HBase's default (2 MiB) is 8 float32 records, which
     * would make a whole-layer read one round trip per 8 records.
     */
    private static final long RESULT_BYTES = 16L << 20;

    private static final ExecutorService SCANS = OrderedScans.pool("hbase-region-scan");

    private final HBaseTables tables;

    HBaseRecords(HBaseTables tables) {
        super(tables.settings().tileTable());
        this.tables = tables;
    }

    HBaseTables tables() {
        return tables;
    }

    @Override
    public RecordBatch openBatch(RecordLocation layer, BatchMode mode) {
        // The catalog's first write makes the whole catalog: attribute table and tile table.
        tables.attributeFamilies(true);
        tables.tiles(table(layer), true);
        return new HBaseRecordBatch(this, layer, mode);
    }

    /**
     * A buffered writer into a layer's table, its buffer bounded by the {@code write-buffer} option;
     * a failed flush surfaces at the next call on it.
     */
    BufferedMutator mutator(RecordLocation layer) {
        try {
            return tables.connection().getBufferedMutator(new BufferedMutatorParams(TableName.valueOf(table(layer)))
                    .writeBufferSize(tables.settings().writeBufferMiB() * 1024L * 1024L));
        } catch (IOException e) {
            throw tables.failure("write into table " + table(layer), e);
        }
    }

    static Delete deletion(byte[] row) {
        return new Delete(row).addFamily(FAMILY);
    }

    static byte[] family() {
        return FAMILY.clone();
    }

    @Override
    public Optional<byte[]> read(RecordLocation layer, long index) {
        if (!tables.tiles(table(layer), false)) {
            return Optional.empty();
        }
        byte[] row = new RowKeys(layer.layerId()).row(index);
        try (Table t = tables.table(table(layer))) {
            Result r = t.get(new Get(row).addFamily(FAMILY));
            return Optional.ofNullable(r.getValue(FAMILY, HBaseTables.QUALIFIER));
        } catch (IOException e) {
            throw tables.failure("read record " + index + " of layer " + layer.layerId(), e);
        }
    }

    @Override
    public RecordCursor scan(RecordLocation layer, List<IndexRange> ranges) {
        String what = "read the records of layer " + layer.layerId();
        if (ranges.isEmpty() || !tables.tiles(table(layer), false)) {
            return new OrderedScans(List.of(), SCANS, e -> tables.failure(what, e));
        }
        RowKeys keys = new RowKeys(layer.layerId());
        List<MultiRowRangeFilter.RowRange> rows = new ArrayList<>(ranges.size());
        for (IndexRange r : ranges) {
            rows.add(new MultiRowRangeFilter.RowRange(keys.row(r.start()), true, keys.row(r.end()), true));
        }
        byte[] start = keys.row(ranges.get(0).start());
        byte[] stop = keys.row(ranges.get(ranges.size() - 1).end());
        // One scan cut at region boundaries: its regions are read in parallel.
        List<Scan> pieces = new ArrayList<>();
        byte[] from = start;
        for (byte[] boundary : regionStarts(table(layer))) {
            if (Bytes.compareTo(boundary, from) > 0 && Bytes.compareTo(boundary, stop) <= 0) {
                pieces.add(scan(from, boundary, false, rows));
                from = boundary;
            }
        }
        pieces.add(scan(from, stop, true, rows));
        List<OrderedScans.Piece> reads = new ArrayList<>(pieces.size());
        for (Scan piece : pieces) {
            reads.add(sink -> {
                try (Table t = tables.table(table(layer)); ResultScanner scanner = t.getScanner(piece)) {
                    for (Result r = scanner.next(); r != null; r = scanner.next()) {
                        if (!sink.accept(new StoredRecord(keys.index(r.getRow()), r.value()))) {
                            return;
                        }
                    }
                }
            });
        }
        return new OrderedScans(reads, SCANS, e -> tables.failure(what, e));
    }

    private static Scan scan(byte[] from, byte[] to, boolean toInclusive, List<MultiRowRangeFilter.RowRange> rows) {
        // Prefetching fetches the next rows while the core decodes these.
        Scan scan = new Scan().withStartRow(from, true).withStopRow(to, toInclusive).addFamily(FAMILY)
                .setCaching(CACHING).setMaxResultSize(RESULT_BYTES).setAsyncPrefetch(true);
        // One range is the start and stop rows themselves; a filter would only cost the server work.
        if (rows.size() > 1) {
            scan.setFilter(new MultiRowRangeFilter(rows));
        }
        return scan;
    }

    /** The first rows of the table's regions, in order (the client caches the region locations). */
    private byte[][] regionStarts(String table) {
        try (RegionLocator locator = tables.connection().getRegionLocator(TableName.valueOf(table))) {
            return locator.getStartKeys();
        } catch (IOException e) {
            throw tables.failure("find the regions of table " + table, e);
        }
    }

    /**
     * Deletes every row in the layer's row-key range (its prefix), found by a keys-only scan of that
     * range alone: never the table's other layers, and never a walk of the whole table.
     */
    @Override
    public void delete(RecordLocation layer) {
        if (!tables.tiles(table(layer), false)) {
            return;
        }
        RowKeys keys = new RowKeys(layer.layerId());
        Scan scan = new Scan().withStartRow(keys.first(), true).withStopRow(keys.end(), false).addFamily(FAMILY)
                .setFilter(new FilterList(new FirstKeyOnlyFilter(), new KeyOnlyFilter())).setCaching(1000);
        String what = "delete the records of layer " + layer.layerId();
        try (Table t = tables.table(table(layer)); ResultScanner scanner = t.getScanner(scan);
                BufferedMutator deletes = mutator(layer)) {
            for (Result r = scanner.next(); r != null; r = scanner.next()) {
                // Only the versions found: a delete of "now" would also hide a record written again in this millisecond.
                deletes.mutate(new Delete(r.getRow()).addColumns(FAMILY, HBaseTables.QUALIFIER, r.rawCells()[0].getTimestamp()));
            }
            deletes.flush();
        } catch (IOException e) {
            throw tables.failure(what, e);
        }
    }
}
