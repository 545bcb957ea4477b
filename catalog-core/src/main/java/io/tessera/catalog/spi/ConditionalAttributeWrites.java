package io.tessera.catalog.spi;

import io.tessera.catalog.model.LayerId;

/**
 * An {@link AttributeStorage} that can store a document only if none exists yet, in one atomic
 * step on the server (e.g. S3's {@code If-None-Match: *}). The core commits a new layer with it,
 * so two writers racing to create the same layer cannot both succeed.
 */
public interface ConditionalAttributeWrites {

    /**
     * Stores the document if the attribute does not exist.
     *
     * @return true when this call created it, false when a document was already there (nothing written)
     */
    boolean writeIfAbsent(LayerId id, String attribute, byte[] document);
}
