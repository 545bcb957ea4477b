package io.tessera.catalog.format;

/**
 * Stored layer JSON (attributes, metadata, key index, header) does not have the shape GeoTrellis
 * writes. The message says where in the document and what was expected.
 */
public class LayerFormatException extends IllegalArgumentException {

    public LayerFormatException(String message) {
        super(message);
    }

    public LayerFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
