package io.tessera.catalog.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tessera.catalog.spi.WriterIdentity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A writer's claim on a layer id in a backend whose layers' records are rows every writer shares
 * (see {@link io.tessera.catalog.spi.LayerClaims}): who holds it since when (refreshed while it
 * runs), and the definition of the layer whose records it writes, so that whoever takes over the
 * claim of a writer that died knows which rows to remove.
 *
 * @param id this claim's own id, so that two claims of one writer differ
 * @param owner the writer
 * @param since when it took or last refreshed the claim
 * @param layer the definition of the layer it writes (or removes)
 */
public record WriteClaim(String id, WriterIdentity owner, Instant since, LayerDescriptor<?> layer) {

    /** The stored form: UTF-8 JSON. */
    public byte[] toBytes() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", id);
        n.put("owner", owner.toString());
        n.put("since", since.toString());
        n.set("layer", layer.toJson());
        try {
            return LayerJson.MAPPER.writeValueAsString(n).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a claim that JSON cannot hold", e);
        }
    }

    /** The same claim, refreshed now. */
    public WriteClaim refreshed() {
        return new WriteClaim(id, owner, Instant.now(), layer);
    }

    /**
     * Reads a stored claim.
     *
     * @throws LayerFormatException when it is malformed
     */
    public static WriteClaim fromBytes(byte[] bytes, String where) {
        JsonNode n;
        try {
            n = LayerJson.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new LayerFormatException(where + ": not JSON", e);
        }
        if (n == null || !n.isObject() || !n.path("id").isTextual() || !n.path("layer").isObject()) {
            throw new LayerFormatException(where + ": expected a write claim {id, owner, since, layer}");
        }
        return new WriteClaim(n.get("id").asText(), PendingChange.owner(n, where), PendingChange.since(n, where),
                LayerDescriptor.fromJson(n.get("layer"), where + ".layer"));
    }
}
