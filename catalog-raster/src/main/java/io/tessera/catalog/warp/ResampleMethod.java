package io.tessera.catalog.warp;

import java.util.Locale;

/**
 * How {@link Warp} turns source pixels into a target pixel; each mirrors the {@code gdalwarp -r}
 * method of the same name (docs/warp.md lists where the results may differ).
 */
public enum ResampleMethod {
    /** The source pixel that contains the target pixel's centre ({@code -r near}). */
    NEAREST,
    /** Bilinear interpolation between pixel centres, widened when downsampling ({@code -r bilinear}). */
    BILINEAR,
    /** Keys cubic convolution (a = -0.5) on pixel centres, widened when downsampling ({@code -r cubic}). */
    CUBIC_CONVOLUTION,
    /** Coverage-weighted mean of the source pixels under the target pixel's footprint ({@code -r average}). */
    AVERAGE,
    /** Most frequent valid value under the target pixel's footprint ({@code -r mode}). */
    MODE;

    /**
     * Parses a method name as users type it: {@code nearest}, {@code bilinear}, {@code cubic},
     * {@code cubic-convolution}, {@code cubicconvolution}, {@code average} or {@code mode}, in any case.
     *
     * @throws IllegalArgumentException naming the accepted choices when the text is none of them
     */
    public static ResampleMethod parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "nearest":
                return NEAREST;
            case "bilinear":
                return BILINEAR;
            case "cubic":
            case "cubic-convolution":
            case "cubicconvolution":
                return CUBIC_CONVOLUTION;
            case "average":
                return AVERAGE;
            case "mode":
                return MODE;
            default:
                throw new IllegalArgumentException("unknown resampling method '" + text
                        + "'; expected one of nearest, bilinear, cubic (or cubic-convolution, cubicconvolution),"
                        + " average, mode");
        }
    }
}
