package io.tessera.catalog.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.spi.WriterIdentity;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The mark a write commits on a layer while it holds it, removed by its final commit: which writer
 * since when, and what it is doing. A change of a layer's records (update, overwrite) marks the
 * layer before it touches the first record, with the indexes it changes and where the journal of
 * those records' previous bytes is kept. A pyramid write creates every level marked, with the
 * zooms of all its levels, and unmarks them once all exist. While the mark stands no other writer
 * changes the layer and readers of the whole layer are told to wait; a writer that died with it is
 * rolled back (a change: from its journal; a pyramid: its levels removed, or unmarked when all of
 * them were created) by the next writer or by {@code tessera verify --repair}.
 *
 * <p>Stored as the field {@value #FIELD} of the {@code metadata} part, only while the change runs:
 * GeoTrellis ignores it, and the committed metadata is what it was without the mark.
 *
 * @param id the change's id, which also names its journal
 * @param owner the writer that holds the layer
 * @param since when it took the layer
 * @param journal the location fields of the journal's records (none for a pyramid)
 * @param touched the indexes the change writes (none for a pyramid)
 * @param pyramid the zooms of every level of a pyramid write; empty for a change
 */
public record PendingChange(String id, WriterIdentity owner, Instant since, Map<String, String> journal,
        RecordInventory touched, List<Integer> pyramid) {

    /** The field of the {@code metadata} part that holds the mark. */
    public static final String FIELD = "pendingChange";

    public PendingChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(since, "since");
        journal = Map.copyOf(journal);
        Objects.requireNonNull(touched, "touched");
        pyramid = List.copyOf(pyramid);
    }

    /** The mark of a pyramid write of levels at {@code zooms}. */
    public static PendingChange pyramid(String id, WriterIdentity owner, Instant since, List<Integer> zooms) {
        return new PendingChange(id, owner, since, Map.of(), new RecordInventory.Builder().build(), zooms);
    }

    /** True for the mark of a pyramid write, false for a change of records. */
    public boolean isPyramid() {
        return !pyramid.isEmpty();
    }

    /** The stored form. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", id);
        n.put("owner", owner.toString());
        n.put("since", since.toString());
        ObjectNode j = n.putObject("journal");
        new TreeMap<>(journal).forEach(j::put);
        n.set("touched", touched.toJson(id));
        if (isPyramid()) {
            pyramid.forEach(n.putArray("pyramid")::add);
        }
        return n;
    }

    /**
     * Reads a stored mark.
     *
     * @throws LayerFormatException when it is malformed
     */
    public static PendingChange fromJson(JsonNode n, String where) {
        if (n == null || !n.isObject() || !n.path("id").isTextual() || !n.path("journal").isObject()) {
            throw new LayerFormatException(where + ": expected a pending change {id, owner, since, journal, touched}");
        }
        WriterIdentity owner = owner(n, where);
        Instant since = since(n, where);
        Map<String, String> journal = new LinkedHashMap<>();
        n.get("journal").fields().forEachRemaining(f -> journal.put(f.getKey(), f.getValue().asText()));
        List<Integer> pyramid = new ArrayList<>();
        n.path("pyramid").forEach(z -> pyramid.add(z.asInt()));
        return new PendingChange(n.get("id").asText(), owner, since, journal,
                RecordInventory.fromJson(n.get("touched"), where + ".touched"), pyramid);
    }

    /** The field {@code owner} of a stored mark or claim: the writer that holds a layer. */
    static WriterIdentity owner(JsonNode n, String where) {
        return WriterIdentity.parse(n.path("owner").asText(""))
                .orElseThrow(() -> new LayerFormatException(where + ".owner: not 'host pid start'"));
    }

    /** The field {@code since} of a stored mark or claim. */
    static Instant since(JsonNode n, String where) {
        try {
            return Instant.parse(n.path("since").asText(""));
        } catch (DateTimeParseException e) {
            throw new LayerFormatException(where + ".since: not an instant", e);
        }
    }

    /** One line for messages: who holds the layer since when. */
    public String describe() {
        return (isPyramid() ? "a pyramid write" : "a change") + " by process " + owner.pid() + " on " + owner.host() + " since " + since;
    }
}
