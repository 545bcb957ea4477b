package io.tessera.catalog.spi;

/**
 * One opened catalog in one backend: the storage the core drives. Closing it releases clients and
 * pools; the catalog's data stays.
 */
public interface CatalogStorage extends AutoCloseable {

    /**
     * A catalog made of its parts; {@code onClose} releases what the backend opened for it.
     */
    static CatalogStorage of(String location, String format, AttributeStorage attributes, RecordStorage records,
            LayerCommits commits, Runnable onClose) {
        return new CatalogStorage() {
            @Override
            public String location() {
                return location;
            }

            @Override
            public String format() {
                return format;
            }

            @Override
            public AttributeStorage attributes() {
                return attributes;
            }

            @Override
            public RecordStorage records() {
                return records;
            }

            @Override
            public LayerCommits commits() {
                return commits;
            }

            @Override
            public void close() {
                onClose.run();
            }
        };
    }

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
