package io.tessera.catalog.geotiff;

/**
 * A GeoTIFF that cannot be read (not a TIFF, truncated or corrupt, or using a feature this reader
 * does not support) or written (an I/O error, or a failing window source). The message starts with
 * the file and then says why.
 */
public class GeoTiffException extends RuntimeException {

    private final String file;

    /** A failure of {@code file} for {@code reason}. */
    public GeoTiffException(String file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    /** A failure of {@code file} for {@code reason}, caused by {@code cause}. */
    public GeoTiffException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    /** The file that failed, as it was given to the reader or writer. */
    public String file() {
        return file;
    }
}
