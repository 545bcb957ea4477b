package io.tessera.catalog.codec;

/**
 * Tile bytes that cannot be decoded or tiles that cannot be encoded: corrupt or truncated
 * compression, malformed Avro, or records that do not describe a valid tile. The message says
 * which pair, band, record and field was being processed.
 */
public class TileCodecException extends RuntimeException {

    public TileCodecException(String message) {
        super(message);
    }

    public TileCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
