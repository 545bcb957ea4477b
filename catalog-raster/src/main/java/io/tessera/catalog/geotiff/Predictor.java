package io.tessera.catalog.geotiff;

import io.tessera.catalog.raster.CellType.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * TIFF predictors, applied to a tile's little-endian pixel-interleaved samples before deflate.
 * They replace each sample by its difference to the same band's sample to the left, which turns
 * smooth rasters into runs of small numbers that deflate compresses far better.
 */
enum Predictor {
    /** No prediction (tag value 1). */
    NONE(1),
    /** Horizontal differencing of integer samples (2). */
    HORIZONTAL(2),
    /**
     * The floating-point predictor (3): each row's sample bytes are split into planes, most
     * significant byte first, and the planes are differenced byte by byte.
     */
    FLOATING_POINT(3);

    private final int tag;

    Predictor(int tag) {
        this.tag = tag;
    }

    /** The Predictor tag (317) value. */
    int tag() {
        return tag;
    }

    /** The predictor GDAL recommends for a type: 3 for floats, 2 for integers, none for 1-bit samples. */
    static Predictor forType(DataType type) {
        if (type == DataType.BOOL) {
            return NONE;
        }
        return type.isFloatingPoint() ? FLOATING_POINT : HORIZONTAL;
    }

    /** Applies the predictor in place to a square tile of {@code size} rows. */
    void apply(byte[] tile, int size, int samplesPerPixel, int bytesPerSample) {
        int rowSamples = size * samplesPerPixel;
        switch (this) {
            case NONE -> {
            }
            case HORIZONTAL -> horizontal(tile, size, rowSamples, samplesPerPixel, bytesPerSample);
            case FLOATING_POINT -> floatingPoint(tile, size, rowSamples, samplesPerPixel, bytesPerSample);
        }
    }

    private static void horizontal(byte[] tile, int rows, int rowSamples, int stride, int bytesPerSample) {
        ByteBuffer b = ByteBuffer.wrap(tile).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < rows; r++) {
            int first = r * rowSamples;
            // Right to left, so each difference uses the neighbour's original value; one loop per
            // width keeps the inner loop free of branches.
            int i = first + rowSamples - 1;
            int end = first + stride;
            switch (bytesPerSample) {
                case 1 -> {
                    for (; i >= end; i--) {
                        tile[i] -= tile[i - stride];
                    }
                }
                case 2 -> {
                    for (; i >= end; i--) {
                        b.putShort(2 * i, (short) (b.getShort(2 * i) - b.getShort(2 * (i - stride))));
                    }
                }
                case 4 -> {
                    for (; i >= end; i--) {
                        b.putInt(4 * i, b.getInt(4 * i) - b.getInt(4 * (i - stride)));
                    }
                }
                default -> {
                    for (; i >= end; i--) {
                        b.putLong(8 * i, b.getLong(8 * i) - b.getLong(8 * (i - stride)));
                    }
                }
            }
        }
    }

    private static void floatingPoint(byte[] tile, int rows, int rowSamples, int stride, int bytesPerSample) {
        int rowBytes = rowSamples * bytesPerSample;
        byte[] planes = new byte[rowBytes];
        for (int r = 0; r < rows; r++) {
            int base = r * rowBytes;
            for (int s = 0; s < rowSamples; s++) {
                for (int p = 0; p < bytesPerSample; p++) {
                    planes[p * rowSamples + s] = tile[base + s * bytesPerSample + bytesPerSample - 1 - p];
                }
            }
            for (int i = rowBytes - 1; i >= stride; i--) {
                planes[i] -= planes[i - stride];
            }
            System.arraycopy(planes, 0, tile, base, rowBytes);
        }
    }
}
