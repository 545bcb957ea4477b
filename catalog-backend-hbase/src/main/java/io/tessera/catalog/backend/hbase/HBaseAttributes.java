package io.tessera.catalog.backend.hbase;

import io.tessera.catalog.model.LayerId;
import io.tessera.catalog.spi.AttributeLayout;
import io.tessera.catalog.spi.AttributeStorage;
import io.tessera.catalog.spi.CommitOutcome;
import io.tessera.catalog.spi.LayerClaims;
import io.tessera.catalog.spi.LayerCommits;
import io.tessera.catalog.spi.LayerDocuments;
import io.tessera.catalog.spi.RecordBatch;
import io.tessera.catalog.spi.table.LayerKeys;
import io.tessera.catalog.spi.table.RowCommits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.hbase.CompareOperator;
import org.apache.hadoop.hbase.DoNotRetryIOException;
import org.apache.hadoop.hbase.client.CheckAndMutate;
import org.apache.hadoop.hbase.client.Delete;
import org.apache.hadoop.hbase.client.Get;
import org.apache.hadoop.hbase.client.Put;
import org.apache.hadoop.hbase.client.Result;
import org.apache.hadoop.hbase.client.ResultScanner;
import org.apache.hadoop.hbase.client.RowMutations;
import org.apache.hadoop.hbase.client.Scan;
import org.apache.hadoop.hbase.client.Table;
import org.apache.hadoop.hbase.filter.BinaryComparator;
import org.apache.hadoop.hbase.filter.FilterList;
import org.apache.hadoop.hbase.filter.FirstKeyOnlyFilter;
import org.apache.hadoop.hbase.filter.KeyOnlyFilter;
import org.apache.hadoop.hbase.filter.SingleColumnValueFilter;
import org.apache.hadoop.hbase.util.Bytes;

/**
 * Attributes in GeoTrellis's HBase attribute table: one row per layer, keyed
 * {@code "<name>__.__<zoom>"}, one column family per attribute name, empty qualifier, value the
 * {@code [layerId, value]} JSON. A layer's documents and its claim are cells of one row, so every
 * commit is one {@code checkAndMutate} on that row: atomic on the region server.
 *
 * <p>Two quirks of HBase are settled here. The client retries a call whose answer was lost, and a
 * retried conditional mutation that had already been applied then reports "not applied"; so when a
 * step that stores cells reports not applied but the row already holds exactly those, the outcome is
 * {@link CommitOutcome#UNKNOWN} and the core settles it by reading back. And a delete hides every
 * cell of its millisecond, even one written after it; so a step that reports applied is read back,
 * and one whose cells a delete of the same millisecond hid (a layer dropped and created again, a
 * claim released and taken again) is made again a millisecond later.
 */
final class HBaseAttributes implements AttributeStorage, LayerCommits, LayerClaims {

    private final HBaseTables tables;

    HBaseAttributes(HBaseTables tables) {
        this.tables = tables;
    }

    @Override
    public AttributeLayout layout() {
        return AttributeLayout.DISCRETE;
    }

    static byte[] row(LayerId id) {
        return Bytes.toBytes(LayerKeys.of(id));
    }

    private static byte[] family(String attribute) {
        return Bytes.toBytes(attribute);
    }

    private Table table() {
        return tables.table(tables.settings().attributeTable());
    }

    @Override
    public Optional<byte[]> read(LayerId id, String attribute) {
        return Optional.ofNullable(read(id, List.of(attribute)).get(attribute));
    }

    @Override
    public Map<String, byte[]> read(LayerId id, Collection<String> attributes) {
        List<String> present = new ArrayList<>();
        for (String a : attributes) {
            if (tables.hasAttributeFamily(a)) {
                present.add(a);
            }
        }
        if (present.isEmpty()) {
            return Map.of();
        }
        Get get = new Get(row(id));
        present.forEach(a -> get.addFamily(family(a)));
        Result r = get(get, "read the attributes " + present + " of layer " + id);
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String a : present) {
            byte[] v = r.getValue(family(a), HBaseTables.QUALIFIER);
            if (v != null) {
                out.put(a, v);
            }
        }
        return out;
    }

    private Result get(Get get, String what) {
        try (Table t = table()) {
            return t.get(get);
        } catch (IOException e) {
            throw tables.failure(what, e);
        }
    }

    @Override
    public void write(LayerId id, String attribute, byte[] document) {
        tables.ensureAttributeFamily(attribute);
        tables.commitLock().lock();
        try (Table t = table()) {
            t.put(new Put(row(id)).addColumn(family(attribute), HBaseTables.QUALIFIER, document));
        } catch (IOException e) {
            throw tables.failure("write attribute " + attribute + " of layer " + id, e);
        } finally {
            tables.commitLock().unlock();
        }
    }

    @Override
    public boolean delete(LayerId id, String attribute) {
        if (read(id, attribute).isEmpty()) {
            return false;
        }
        try (Table t = table()) {
            t.delete(new Delete(row(id)).addFamily(family(attribute)));
            return true;
        } catch (IOException e) {
            throw tables.failure("delete attribute " + attribute + " of layer " + id, e);
        }
    }

    /** The attributes the layer's row has cells in (GeoTrellis answers every family of the table). */
    @Override
    public List<String> attributes(LayerId id) {
        if (tables.existingAttributeFamilies(false).isEmpty()) {
            return List.of();
        }
        Result r = get(new Get(row(id)), "list the attributes of layer " + id);
        List<String> names = new ArrayList<>();
        if (!r.isEmpty()) {
            r.getNoVersionMap().keySet().forEach(f -> names.add(Bytes.toString(f)));
        }
        return names;
    }

    /** The row keys that have a cell in the attribute's family: keys only, filtered on the server. */
    @Override
    public Set<LayerId> layersWith(String attribute) {
        tables.attributeFamilies(false);
        Set<LayerId> ids = new LinkedHashSet<>();
        if (!tables.hasAttributeFamily(attribute)) {
            return ids;
        }
        Scan scan = new Scan().addFamily(family(attribute))
                .setFilter(new FilterList(new FirstKeyOnlyFilter(), new KeyOnlyFilter()));
        try (Table t = table(); ResultScanner scanner = t.getScanner(scan)) {
            for (Result r : scanner) {
                LayerKeys.parse(Bytes.toString(r.getRow())).ifPresent(ids::add);
            }
        } catch (IOException e) {
            throw tables.failure("list the layers", e);
        }
        return ids;
    }

    // ---- commits: one conditional mutation of the layer's row ----

    @Override
    public CommitOutcome create(LayerId id, LayerDocuments documents, RecordBatch records) {
        tables.attributeFamilies(true);
        Put put = new Put(row(id));
        for (String name : documents.names()) {
            put.addColumn(family(name), HBaseTables.QUALIFIER, documents.get(name));
        }
        CheckAndMutate step = CheckAndMutate.newBuilder(row(id))
                .ifNotExists(family(LayerDocuments.PRESENCE), HBaseTables.QUALIFIER).build(put);
        return commit(id, step, RowCommits.after(documents.names(), documents), "create layer " + id);
    }

    @Override
    public CommitOutcome replace(LayerId id, LayerDocuments expected, LayerDocuments replacement) {
        Set<String> names = new LinkedHashSet<>(expected.names());
        names.addAll(replacement.names());
        RowMutations change = new RowMutations(row(id));
        try {
            Put put = new Put(row(id));
            for (String name : replacement.names()) {
                put.addColumn(family(name), HBaseTables.QUALIFIER, replacement.get(name));
            }
            change.add(put);
            Delete gone = new Delete(row(id));
            for (String name : expected.names()) {
                if (!replacement.names().contains(name)) {
                    gone.addFamily(family(name));
                }
            }
            if (!gone.isEmpty()) {
                change.add(gone);
            }
        } catch (IOException e) {
            throw new IllegalStateException("mutations of one row refused as of different rows", e);
        }
        CheckAndMutate step = CheckAndMutate.newBuilder(row(id)).ifMatches(holds(expected)).build(change);
        return commit(id, step, RowCommits.after(names, replacement), "replace the documents of layer " + id);
    }

    @Override
    public CommitOutcome replaceAll(LayerId id, LayerDocuments expected, LayerDocuments replacement, RecordBatch records) {
        // The records are in a table of their own (see HBaseRecords#replacementLocation): only the
        // documents switch, and the core removes the old records afterwards.
        return replace(id, expected, replacement);
    }

    @Override
    public CommitOutcome drop(LayerId id, LayerDocuments expected) {
        Delete delete = new Delete(row(id));
        expected.names().forEach(n -> delete.addFamily(family(n)));
        CheckAndMutate step = CheckAndMutate.newBuilder(row(id)).ifMatches(holds(expected)).build(delete);
        return commit(id, step, RowCommits.after(expected.names(), null), "drop layer " + id);
    }

    /** A row filter passing only when every document is stored with exactly these bytes. */
    private static FilterList holds(LayerDocuments documents) {
        FilterList all = new FilterList(FilterList.Operator.MUST_PASS_ALL);
        for (String name : documents.names()) {
            SingleColumnValueFilter f = new SingleColumnValueFilter(family(name), HBaseTables.QUALIFIER,
                    CompareOperator.EQUAL, new BinaryComparator(documents.get(name)));
            f.setFilterIfMissing(true);
            f.setLatestVersionOnly(true);
            all.addFilter(f);
        }
        return all;
    }

    // ---- claims: a hidden family of the layer's row ----

    @Override
    public Optional<byte[]> claimOf(LayerId id) {
        return read(id, ATTRIBUTE);
    }

    @Override
    public CommitOutcome claim(LayerId id, byte[] claim) {
        tables.attributeFamilies(true);
        CheckAndMutate step = CheckAndMutate.newBuilder(row(id)).ifNotExists(family(ATTRIBUTE), HBaseTables.QUALIFIER)
                .build(new Put(row(id)).addColumn(family(ATTRIBUTE), HBaseTables.QUALIFIER, claim));
        return commit(id, step, Map.of(ATTRIBUTE, claim), "claim layer " + id);
    }

    @Override
    public CommitOutcome reclaim(LayerId id, byte[] expected, byte[] claim) {
        CheckAndMutate step = CheckAndMutate.newBuilder(row(id))
                .ifEquals(family(ATTRIBUTE), HBaseTables.QUALIFIER, expected)
                .build(new Put(row(id)).addColumn(family(ATTRIBUTE), HBaseTables.QUALIFIER, claim));
        return commit(id, step, Map.of(ATTRIBUTE, claim), "claim layer " + id);
    }

    @Override
    public CommitOutcome release(LayerId id, byte[] claim) {
        CheckAndMutate step = CheckAndMutate.newBuilder(row(id))
                .ifEquals(family(ATTRIBUTE), HBaseTables.QUALIFIER, claim)
                .build(new Delete(row(id)).addFamily(family(ATTRIBUTE)));
        Map<String, byte[]> gone = new LinkedHashMap<>();
        gone.put(ATTRIBUTE, null);
        return commit(id, step, gone, "release the claim on layer " + id);
    }

    /**
     * Runs one conditional mutation (see {@link RowCommits}). A call that may have reached the server
     * without its answer coming back leaves the outcome unknown; one the server refused outright is a
     * failure.
     *
     * @param after what the step leaves in the row (null: no cell), to tell a retried success from a conflict
     */
    private CommitOutcome commit(LayerId id, CheckAndMutate step, Map<String, byte[]> after, String what) {
        if (tables.existingAttributeFamilies(false).isEmpty()) {
            // No attribute table: nothing to compare with, replace or remove (creates made it already).
            return CommitOutcome.CONFLICT;
        }
        return RowCommits.untilVisible(() -> {
            boolean applied;
            tables.commitLock().lock();
            try (Table t = table()) {
                applied = t.checkAndMutate(step).isSuccess();
            } catch (DoNotRetryIOException e) {
                throw tables.failure(what, e);
            } catch (IOException e) {
                return CommitOutcome.UNKNOWN;
            } finally {
                tables.commitLock().unlock();
            }
            if (!applied) {
                // A removal that finds nothing to remove is a conflict, retried or not: the step's
                // result cannot tell a lost answer from another writer's removal.
                boolean removal = after.values().stream().allMatch(v -> v == null);
                return !removal && holds(id, after) ? CommitOutcome.UNKNOWN : CommitOutcome.CONFLICT;
            }
            return CommitOutcome.COMMITTED;
        }, () -> holds(id, after), what);
    }

    /** Whether the row holds exactly {@code after} (null: no cell). */
    private boolean holds(LayerId id, Map<String, byte[]> after) {
        return RowCommits.holds(read(id, after.keySet()), after);
    }
}
