package io.tessera.catalog.render;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A sequence of colours that maps a position from 0 to 1 to a colour by linear interpolation in
 * sRGB between evenly spaced stops: position 0 is the first stop, 1 the last.
 *
 * <p>The named ramps are {@link #VIRIDIS}, the default (perceptually uniform, readable by colour-blind
 * viewers and in grey print), {@link #MAGMA} (the same properties, dark to light through red) and
 * {@link #GRAYSCALE}. Their stops are samples of the published colour maps at every tenth of the
 * range; that close, interpolating in sRGB stays within a few levels of the original curves.
 */
public final class ColorRamp {

    /** Dark purple through blue and green to yellow: the default. */
    public static final ColorRamp VIRIDIS = of("viridis", 0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c,
            0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725);
    /** Black through purple and red to pale yellow. */
    public static final ColorRamp MAGMA = of("magma", 0x000004, 0x140e36, 0x3b0f70, 0x641a80, 0x8c2981, 0xb73779,
            0xde4968, 0xf7705c, 0xfe9f6d, 0xfecf92, 0xfcfdbf);
    /** Black to white. */
    public static final ColorRamp GRAYSCALE = of("grayscale", 0x000000, 0xffffff);

    private static final List<ColorRamp> NAMED = List.of(VIRIDIS, MAGMA, GRAYSCALE);

    private final String name;
    private final int[] stops;

    private ColorRamp(String name, int[] stops) {
        this.name = name;
        this.stops = stops;
    }

    /**
     * A ramp through the given colours, each {@code 0xRRGGBB}.
     *
     * @throws IllegalArgumentException with fewer than two stops or a value outside 24 bits
     */
    public static ColorRamp of(String name, int... rgbStops) {
        Objects.requireNonNull(name, "name");
        if (rgbStops.length < 2) {
            throw new IllegalArgumentException("a colour ramp needs at least two stops, got " + rgbStops.length);
        }
        for (int rgb : rgbStops) {
            if ((rgb & ~0xFFFFFF) != 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "colour stop 0x%x is not 0xRRGGBB", rgb));
            }
        }
        return new ColorRamp(name, rgbStops.clone());
    }

    /**
     * A named ramp, ignoring case.
     *
     * @throws IllegalArgumentException listing the names when there is no such ramp
     */
    public static ColorRamp named(String name) {
        for (ColorRamp r : NAMED) {
            if (r.name.equalsIgnoreCase(name)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no colour ramp '" + name + "'; known: " + names());
    }

    /** The names {@link #named} knows. */
    public static List<String> names() {
        return NAMED.stream().map(ColorRamp::name).toList();
    }

    public String name() {
        return name;
    }

    /** The stops, {@code 0xRRGGBB} each. */
    public int[] stops() {
        return stops.clone();
    }

    /** The colour at a position, {@code 0xRRGGBB}; positions outside 0..1 are clamped, NaN is 0. */
    public int rgb(double position) {
        double p = Double.isNaN(position) ? 0 : Math.max(0, Math.min(1, position));
        double x = p * (stops.length - 1);
        int i = Math.min((int) x, stops.length - 2);
        double f = x - i;
        int a = stops[i];
        int b = stops[i + 1];
        return channel(a, b, 16, f) << 16 | channel(a, b, 8, f) << 8 | channel(a, b, 0, f);
    }

    private static int channel(int a, int b, int shift, double f) {
        int ca = (a >> shift) & 0xFF;
        int cb = (b >> shift) & 0xFF;
        return (int) Math.round(ca + (cb - ca) * f);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColorRamp r && r.name.equals(name) && Arrays.equals(r.stops, stops);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(stops);
    }

    @Override
    public String toString() {
        return "ColorRamp(" + name + ", " + stops.length + " stops)";
    }
}
