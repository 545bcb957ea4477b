package io.tessera.catalog.geotiff;

import io.tessera.catalog.codec.Zlib;
import io.tessera.catalog.raster.ArrayTile;
import io.tessera.catalog.raster.CellType.DataType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns one window of pixels into the bytes of one compressed TIFF tile: pixel-interleaved
 * little-endian samples (bool cells as 1-bit samples, most significant bit first), padded to the
 * full tile with NoData, run through the predictor and deflated. Stateless, so one instance serves
 * every worker thread.
 */
final class TileEncoder {

    private final GeoTiffSpec spec;
    private final DataType type;
    private final int bytesPerSample;
    private final Predictor predictor;
    private final int level;
    /** What padding and NoData cells of a differently-typed window store: the spec's NoData, or 0. */
    private final long fillBits;

    TileEncoder(GeoTiffSpec spec, Predictor predictor, int level) {
        this.spec = spec;
        this.type = spec.cellType().dataType();
        this.bytesPerSample = type.bytesPerCell();
        this.predictor = predictor;
        this.level = level;
        this.fillBits = ArrayTile.empty(spec.cellType(), 1, 1).rawBits(0);
    }

    /** Uncompressed bytes of one tile. */
    int rawTileBytes() {
        int t = spec.tileSize();
        return type == DataType.BOOL ? t * t / 8 : t * t * spec.bandCount() * bytesPerSample;
    }

    /**
     * The compressed tile for a window of {@code window.cols() × window.rows()} pixels at its top left.
     *
     * @throws IllegalArgumentException when the window's bands or cell types do not fit the spec
     */
    byte[] encode(MultibandTile window) {
        check(window);
        byte[] raw = new byte[rawTileBytes()];
        if (type == DataType.BOOL) {
            packBits(window.band(0), raw);
        } else {
            interleave(window, raw);
            predictor.apply(raw, spec.tileSize(), spec.bandCount(), bytesPerSample);
        }
        return Zlib.deflate(raw, 0, raw.length, level);
    }

    private void check(MultibandTile window) {
        if (window.bandCount() != spec.bandCount()) {
            throw new IllegalArgumentException("the window has " + window.bandCount() + " bands, the GeoTIFF "
                    + spec.bandCount());
        }
        for (Tile band : window.bands()) {
            if (band.cellType().dataType() != type) {
                throw new IllegalArgumentException("the window has " + band.cellType() + " cells, the GeoTIFF "
                        + spec.cellType() + "; convert the cells before writing");
            }
        }
    }

    private void interleave(MultibandTile window, byte[] raw) {
        int t = spec.tileSize();
        int spp = spec.bandCount();
        int cols = window.cols();
        int rows = window.rows();
        ByteBuffer out = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        if (fillBits != 0) {
            for (int i = 0, n = t * t * spp; i < n; i++) {
                put(out, i * bytesPerSample, fillBits);
            }
        }
        for (int b = 0; b < spp; b++) {
            Tile band = window.band(b);
            // Only a window whose NoData differs from the file's needs its NoData cells rewritten.
            boolean remap = spec.cellType().hasNoData() && !band.cellType().equals(spec.cellType());
            for (int r = 0; r < rows; r++) {
                int src = r * cols;
                int dst = (r * t * spp + b) * bytesPerSample;
                int step = spp * bytesPerSample;
                for (int c = 0; c < cols; c++, src++, dst += step) {
                    put(out, dst, remap && band.isNoData(src) ? fillBits : band.rawBits(src));
                }
            }
        }
    }

    private void put(ByteBuffer out, int at, long bits) {
        switch (bytesPerSample) {
            case 1 -> out.put(at, (byte) bits);
            case 2 -> out.putShort(at, (short) bits);
            case 4 -> out.putInt(at, (int) bits);
            default -> out.putLong(at, bits);
        }
    }

    private void packBits(Tile band, byte[] raw) {
        int t = spec.tileSize();
        int rowBytes = t / 8;
        for (int r = 0; r < band.rows(); r++) {
            for (int c = 0; c < band.cols(); c++) {
                if (band.rawBits(r * band.cols() + c) != 0) {
                    raw[r * rowBytes + (c >> 3)] |= (byte) (0x80 >>> (c & 7));
                }
            }
        }
    }
}
