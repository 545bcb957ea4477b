package io.tessera.catalog.render;

import io.tessera.catalog.histogram.Histogram;
import io.tessera.catalog.raster.CellType.DataType;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.imageio.ImageIO;

/**
 * Renders a raster as an image a person can look at, and writes it as PNG.
 *
 * <p><b>One or two bands</b>: the first band through a {@link ColorRamp}, stretched by histogram
 * equalisation: the knots of the stretch are the minimum and the upper bounds of 256 classes of
 * equal cell count, so equal shares of the cells get equal shares of the ramp, and a value that
 * fills many cells gets the middle of its share. Equalisation rather than a linear stretch
 * because layers are rarely spread evenly (elevations crowd in lowlands, reflectances have a few
 * very bright cells): it spends the ramp where the cells are, needs no clip percentage, and makes
 * the minimum the first stop and the maximum the last. A constant band is drawn in the middle
 * colour. A second band is ignored.
 *
 * <p><b>Three or more bands</b>: red, green and blue from bands 0, 1 and 2; further bands (an alpha
 * or near-infrared band) are ignored. A {@code uint8} band is used as is; any other band is stretched
 * linearly from its 2% to its 98% quantile, so a few extreme cells cannot wash the image out.
 *
 * <p>The stretch comes from the histograms the caller passes, one per band (the layer's
 * histograms, so that every query of a layer gets the same colours), or, when the list is empty,
 * from the raster's own cells. NoData cells, in any of the bands used, are transparent. Another
 * {@link Stretching} than {@link Stretching#AUTO AUTO} (the above) applies to every band used.
 */
public final class PngRenderer {

    /** How band values become positions on the ramp, or levels of red, green and blue. */
    public enum Stretching {
        /** Histogram equalisation for one band; three bands: uint8 as is, others 2%–98% linear. */
        AUTO,
        /** Histogram equalisation. */
        EQUALIZE,
        /** Linear from the 2% to the 98% quantile. */
        LINEAR,
        /** Linear from the minimum to the maximum. */
        MINMAX
    }

    /** Classes whose first and last-but-one upper bounds are the 2% and 98% quantiles. */
    private static final int PERCENTILE_CLASSES = 50;

    private PngRenderer() {
    }

    /**
     * The raster as an ARGB image of the same size.
     *
     * @param bandHistograms one histogram per band (at least as many as the bands used), or empty to
     *     compute the stretch from the raster
     * @param ramp the ramp of single-band rasters; unused for three or more bands
     * @throws IllegalArgumentException when histograms are given but fewer than the bands used
     */
    public static BufferedImage toImage(MultibandTile raster, List<? extends Histogram> bandHistograms, ColorRamp ramp) {
        return toImage(raster, bandHistograms, ramp, Stretching.AUTO);
    }

    /** {@link #toImage(MultibandTile, List, ColorRamp)} with the given stretching of every band used. */
    public static BufferedImage toImage(MultibandTile raster, List<? extends Histogram> bandHistograms, ColorRamp ramp,
            Stretching stretching) {
        Objects.requireNonNull(ramp, "ramp");
        Objects.requireNonNull(stretching, "stretching");
        int used = raster.bandCount() >= 3 ? 3 : 1;
        if (!bandHistograms.isEmpty() && bandHistograms.size() < used) {
            throw new IllegalArgumentException("rendering uses " + used + " bands but " + bandHistograms.size()
                    + " histograms were given; pass one per band, or none to compute them from the raster");
        }
        BufferedImage image = new BufferedImage(raster.cols(), raster.rows(), BufferedImage.TYPE_INT_ARGB);
        int[] argb = used == 3 ? rgb(raster, bandHistograms, stretching)
                : ramp(raster.band(0), bandHistograms, ramp, stretching == Stretching.AUTO ? Stretching.EQUALIZE : stretching);
        image.setRGB(0, 0, raster.cols(), raster.rows(), argb, 0, raster.cols());
        return image;
    }

    /**
     * Renders the raster as {@link #toImage} does and writes it as a PNG file, under a temporary
     * name first so that a failed write leaves no file.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static void render(MultibandTile raster, List<? extends Histogram> bandHistograms, ColorRamp ramp, Path out) {
        BufferedImage image = toImage(raster, bandHistograms, ramp);
        Path target = out.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(temp))) {
                if (!ImageIO.write(image, "png", stream)) {
                    throw new IllegalStateException("this JDK has no PNG writer");
                }
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot write PNG: " + e, e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Only a leftover of a write that has already failed.
            }
        }
    }

    private static Stretch stretch(Tile band, List<? extends Histogram> histograms, int index, Stretching how) {
        boolean own = histograms.isEmpty();
        return switch (how) {
            case MINMAX -> own ? Stretch.minMax(band) : Stretch.minMax(histograms.get(index));
            case LINEAR -> own ? Stretch.percentiles(band, PERCENTILE_CLASSES)
                    : Stretch.percentiles(histograms.get(index), PERCENTILE_CLASSES);
            default -> own ? Stretch.equalize(band) : Stretch.equalize(histograms.get(index));
        };
    }

    private static int[] ramp(Tile band, List<? extends Histogram> histograms, ColorRamp ramp, Stretching how) {
        Stretch stretch = stretch(band, histograms, 0, how);
        int[] argb = new int[band.size()];
        for (int i = 0; i < argb.length; i++) {
            if (!band.isNoData(i)) {
                argb[i] = 0xFF000000 | ramp.rgb(stretch.apply(band.getDouble(i)));
            }
        }
        return argb;
    }

    private static int[] rgb(MultibandTile raster, List<? extends Histogram> histograms, Stretching how) {
        int n = raster.cols() * raster.rows();
        int[] argb = new int[n];
        boolean[] transparent = new boolean[n];
        for (int b = 0; b < 3; b++) {
            Tile band = raster.band(b);
            boolean asIs = how == Stretching.AUTO && band.cellType().dataType() == DataType.UINT8;
            Stretch stretch = asIs ? null : stretch(band, histograms, b, how == Stretching.AUTO ? Stretching.LINEAR : how);
            int shift = 16 - 8 * b;
            for (int i = 0; i < n; i++) {
                if (band.isNoData(i)) {
                    transparent[i] = true;
                    continue;
                }
                int level = asIs ? band.getInt(i) : (int) Math.round(stretch.apply(band.getDouble(i)) * 255);
                argb[i] |= level << shift;
            }
        }
        for (int i = 0; i < n; i++) {
            argb[i] = transparent[i] ? 0 : argb[i] | 0xFF000000;
        }
        return argb;
    }
}
