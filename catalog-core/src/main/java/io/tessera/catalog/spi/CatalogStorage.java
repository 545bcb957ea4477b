package io.tessera.catalog.spi;

/**
 * One opened catalog in one backend: the storage the core drives. Closing it releases clients and
 * pools; the catalog's data stays.
 */
public interface CatalogStorage extends AutoCloseable {

    /** The catalog's location as users write it, for messages. */
    String location();

    /** The format name recorded in layer headers, e.g. {@code file}, {@code s3}. */
    String format();

    /** Where attributes live, and in which layout. */
    AttributeStorage attributes();

    /** Where tile records live. */
    RecordStorage records();

    /** The atomic steps that create, change and drop layers. */
    LayerCommits commits();

    @Override
    void close();
}
