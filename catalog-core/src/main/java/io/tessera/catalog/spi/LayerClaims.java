package io.tessera.catalog.spi;

import io.tessera.catalog.model.LayerId;
import java.util.Optional;

/**
 * A {@link LayerCommits} mix-in for backends that keep a layer's records where its id puts them, in
 * tables every writer shares (GeoTrellis's Cassandra, HBase and Accumulo layouts), so that two
 * writers creating one layer would write the same rows. Such a backend keeps one claim document
 * per layer id, changed only atomically; the core lets one writer at a time hold it while it writes
 * a new layer's records or removes a layer's, waits while a live writer holds it, and takes it over
 * from a dead one, removing the rows that one wrote. The document is the core's; where it is kept
 * (a hidden attribute row, say) is the backend's.
 *
 * <p>Each step answers as {@link LayerCommits} steps do; {@link CommitOutcome#UNKNOWN} is settled by
 * the core reading the claim back.
 */
public interface LayerClaims {

    /**
     * The attribute name a backend keeps the claim under when it keeps it beside the layer's
     * attributes; the core never lists it as a user attribute.
     */
    String ATTRIBUTE = "writeClaim";

    /** The claim on a layer id, or empty when nobody holds it. */
    Optional<byte[]> claimOf(LayerId id);

    /**
     * Stores {@code claim} if nobody holds the layer id.
     *
     * @return {@link CommitOutcome#CONFLICT} when there is a claim already
     */
    CommitOutcome claim(LayerId id, byte[] claim);

    /**
     * Replaces the claim if it is exactly {@code expected} (a refresh, or taking over from a writer that died).
     *
     * @return {@link CommitOutcome#CONFLICT} when the claim is another or gone
     */
    CommitOutcome reclaim(LayerId id, byte[] expected, byte[] claim);

    /**
     * Removes the claim if it is exactly {@code claim}.
     *
     * @return {@link CommitOutcome#CONFLICT} when the claim is another or gone
     */
    CommitOutcome release(LayerId id, byte[] claim);
}
