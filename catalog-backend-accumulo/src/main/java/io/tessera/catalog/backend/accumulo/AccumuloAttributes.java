package io.tessera.catalog.backend.accumulo;

import io.tessera.catalog.exceptions.CatalogException;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.accumulo.core.client.AccumuloException;
import org.apache.accumulo.core.client.AccumuloSecurityException;
import org.apache.accumulo.core.client.BatchWriter;
import org.apache.accumulo.core.client.ConditionalWriter;
import org.apache.accumulo.core.client.IteratorSetting;
import org.apache.accumulo.core.client.Scanner;
import org.apache.accumulo.core.client.TableNotFoundException;
import org.apache.accumulo.core.data.Condition;
import org.apache.accumulo.core.data.ConditionalMutation;
import org.apache.accumulo.core.data.Key;
import org.apache.accumulo.core.data.Mutation;
import org.apache.accumulo.core.data.Range;
import org.apache.accumulo.core.data.Value;
import org.apache.accumulo.core.iterators.SortedKeyIterator;
import org.apache.accumulo.core.security.Authorizations;
import org.apache.hadoop.io.Text;

/**
 * Attributes in GeoTrellis's Accumulo attribute table: one row per layer, {@code "<name>__.__<zoom>"},
 * the attribute name as column family, empty qualifier, value the {@code [layerId, value]} JSON. A
 * layer's documents and its claim are entries of one row, so every commit is one conditional
 * mutation of that row, checked and applied under the tablet server's row lock; a result Accumulo
 * cannot vouch for is {@link CommitOutcome#UNKNOWN} (Accumulo guarantees it will not be applied later).
 */
final class AccumuloAttributes implements AttributeStorage, LayerCommits, LayerClaims {

    private static final byte[] QUALIFIER = new byte[0];

    private final AccumuloTables tables;

    AccumuloAttributes(AccumuloTables tables) {
        this.tables = tables;
    }

    @Override
    public AttributeLayout layout() {
        return AttributeLayout.DISCRETE;
    }

    static byte[] row(LayerId id) {
        return LayerKeys.of(id).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] family(String attribute) {
        return attribute.getBytes(StandardCharsets.UTF_8);
    }

    private String table() {
        return tables.settings().attributeTable();
    }

    private Scanner scanner() throws TableNotFoundException {
        Scanner s = tables.client().createScanner(table(), Authorizations.EMPTY);
        s.setTimeout(tables.settings().timeout().toMillis(), TimeUnit.MILLISECONDS);
        return s;
    }

    @Override
    public Optional<byte[]> read(LayerId id, String attribute) {
        return Optional.ofNullable(read(id, List.of(attribute)).get(attribute));
    }

    @Override
    public Map<String, byte[]> read(LayerId id, Collection<String> attributes) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (attributes.isEmpty() || !tables.exists(table())) {
            return out;
        }
        String what = "read the attributes " + attributes + " of layer " + id;
        try (Scanner s = scanner()) {
            s.setRange(new Range(new Text(row(id))));
            attributes.forEach(a -> s.fetchColumnFamily(new Text(family(a))));
            for (Map.Entry<Key, Value> e : s) {
                out.put(e.getKey().getColumnFamily().toString(), e.getValue().get());
            }
        } catch (TableNotFoundException | RuntimeException e) {
            throw tables.failure(what, e);
        }
        Map<String, byte[]> ordered = new LinkedHashMap<>();
        for (String a : attributes) {
            if (out.containsKey(a)) {
                ordered.put(a, out.get(a));
            }
        }
        return ordered;
    }

    @Override
    public void write(LayerId id, String attribute, byte[] document) {
        tables.attributeTable(true);
        Mutation m = new Mutation(row(id));
        m.put(family(attribute), QUALIFIER, document);
        apply(m, "write attribute " + attribute + " of layer " + id);
    }

    @Override
    public boolean delete(LayerId id, String attribute) {
        if (read(id, attribute).isEmpty()) {
            return false;
        }
        Mutation m = new Mutation(row(id));
        m.putDelete(family(attribute), QUALIFIER);
        apply(m, "delete attribute " + attribute + " of layer " + id);
        return true;
    }

    /** One unconditional mutation, durable when this returns. */
    private void apply(Mutation m, String what) {
        try (BatchWriter w = tables.client().createBatchWriter(table())) {
            w.addMutation(m);
        } catch (TableNotFoundException | AccumuloException | RuntimeException e) {
            throw tables.failure(what, e);
        }
    }

    /** The attributes the layer's row has entries in. */
    @Override
    public List<String> attributes(LayerId id) {
        Set<String> names = new LinkedHashSet<>();
        if (!tables.exists(table())) {
            return List.of();
        }
        String what = "list the attributes of layer " + id;
        try (Scanner s = scanner()) {
            s.setRange(new Range(new Text(row(id))));
            s.addScanIterator(new IteratorSetting(30, "keys", SortedKeyIterator.class));
            for (Map.Entry<Key, Value> e : s) {
                names.add(e.getKey().getColumnFamily().toString());
            }
        } catch (TableNotFoundException | RuntimeException e) {
            throw tables.failure(what, e);
        }
        return new ArrayList<>(names);
    }

    /**
     * The rows that have an entry in the attribute's family: the tablet server passes only that
     * family's keys (without their values), so listing layers moves one key per layer.
     */
    @Override
    public Set<LayerId> layersWith(String attribute) {
        tables.attributeTable(false);
        Set<LayerId> ids = new LinkedHashSet<>();
        String what = "list the layers";
        try (Scanner s = scanner()) {
            s.fetchColumnFamily(new Text(family(attribute)));
            s.addScanIterator(new IteratorSetting(30, "keys", SortedKeyIterator.class));
            for (Map.Entry<Key, Value> e : s) {
                LayerKeys.parse(e.getKey().getRow().toString()).ifPresent(ids::add);
            }
        } catch (TableNotFoundException | RuntimeException e) {
            throw tables.failure(what, e);
        }
        return ids;
    }

    // ---- commits: one conditional mutation of the layer's row ----

    @Override
    public CommitOutcome create(LayerId id, LayerDocuments documents, RecordBatch records) {
        tables.attributeTable(true);
        ConditionalMutation m = new ConditionalMutation(row(id), new Condition(family(LayerDocuments.PRESENCE), QUALIFIER));
        for (String name : documents.names()) {
            m.put(family(name), QUALIFIER, documents.get(name));
        }
        return commit(id, m, RowCommits.after(documents.names(), documents), "create layer " + id);
    }

    @Override
    public CommitOutcome replace(LayerId id, LayerDocuments expected, LayerDocuments replacement) {
        Set<String> names = new LinkedHashSet<>(expected.names());
        names.addAll(replacement.names());
        ConditionalMutation m = holding(id, expected);
        for (String name : replacement.names()) {
            m.put(family(name), QUALIFIER, replacement.get(name));
        }
        for (String name : expected.names()) {
            if (!replacement.names().contains(name)) {
                m.putDelete(family(name), QUALIFIER);
            }
        }
        return commit(id, m, RowCommits.after(names, replacement), "replace the documents of layer " + id);
    }

    @Override
    public CommitOutcome replaceAll(LayerId id, LayerDocuments expected, LayerDocuments replacement, RecordBatch records) {
        // The records are in a table of their own (see AccumuloRecords#replacementLocation): only the
        // documents switch, and the core removes the old records afterwards.
        return replace(id, expected, replacement);
    }

    @Override
    public CommitOutcome drop(LayerId id, LayerDocuments expected) {
        ConditionalMutation m = holding(id, expected);
        expected.names().forEach(n -> m.putDelete(family(n), QUALIFIER));
        return commit(id, m, RowCommits.after(expected.names(), null), "drop layer " + id);
    }

    /** A mutation of the layer's row applied only when every document is stored with exactly these bytes. */
    private static ConditionalMutation holding(LayerId id, LayerDocuments documents) {
        ConditionalMutation m = new ConditionalMutation(row(id));
        for (String name : documents.names()) {
            m.addCondition(new Condition(family(name), QUALIFIER).setValue(documents.get(name)));
        }
        return m;
    }

    // ---- claims: a hidden column family of the layer's row ----

    @Override
    public Optional<byte[]> claimOf(LayerId id) {
        return read(id, ATTRIBUTE);
    }

    @Override
    public CommitOutcome claim(LayerId id, byte[] claim) {
        tables.attributeTable(true);
        ConditionalMutation m = new ConditionalMutation(row(id), new Condition(family(ATTRIBUTE), QUALIFIER));
        m.put(family(ATTRIBUTE), QUALIFIER, claim);
        return commit(id, m, Map.of(ATTRIBUTE, claim), "claim layer " + id);
    }

    @Override
    public CommitOutcome reclaim(LayerId id, byte[] expected, byte[] claim) {
        ConditionalMutation m = new ConditionalMutation(row(id),
                new Condition(family(ATTRIBUTE), QUALIFIER).setValue(expected));
        m.put(family(ATTRIBUTE), QUALIFIER, claim);
        return commit(id, m, Map.of(ATTRIBUTE, claim), "claim layer " + id);
    }

    @Override
    public CommitOutcome release(LayerId id, byte[] claim) {
        ConditionalMutation m = new ConditionalMutation(row(id),
                new Condition(family(ATTRIBUTE), QUALIFIER).setValue(claim));
        m.putDelete(family(ATTRIBUTE), QUALIFIER);
        Map<String, byte[]> gone = new LinkedHashMap<>();
        gone.put(ATTRIBUTE, null);
        return commit(id, m, gone, "release the claim on layer " + id);
    }

    /**
     * Runs one conditional mutation. On a table of wall-clock time (GeoTrellis's) an applied step is
     * read back, and made again if a delete of the same millisecond hid it (see {@link RowCommits}).
     *
     * @param after what the step leaves in the row (null: no entry), to see a step a delete hid
     */
    private CommitOutcome commit(LayerId id, ConditionalMutation step, Map<String, byte[]> after, String what) {
        if (!tables.exists(table())) {
            // No attribute table: nothing to compare with, replace or remove (creates made it already).
            return CommitOutcome.CONFLICT;
        }
        return RowCommits.untilVisible(() -> {
            ConditionalWriter.Status status;
            try {
                status = tables.conditionalWriter(table()).write(step).getStatus();
            } catch (AccumuloSecurityException e) {
                throw tables.failure(what, e);
            } catch (AccumuloException e) {
                return CommitOutcome.UNKNOWN;
            }
            switch (status) {
                case ACCEPTED:
                    return CommitOutcome.COMMITTED;
                case REJECTED:
                    return CommitOutcome.CONFLICT;
                case UNKNOWN:
                    return CommitOutcome.UNKNOWN;
                default:
                    throw new CatalogException("cannot " + what + " in Accumulo catalog " + tables.settings().location()
                            + ": the tablet server refused the mutation (" + status + "); a constraint or visibility set"
                            + " on table " + table() + " forbids it");
            }
        }, () -> tables.logicalTime(table()) || RowCommits.holds(read(id, after.keySet()), after), what);
    }
}
