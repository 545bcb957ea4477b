package io.tessera.catalog.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ColorRampTest {

    @Test
    void endsAreTheFirstAndLastStops() {
        for (String name : ColorRamp.names()) {
            ColorRamp r = ColorRamp.named(name);
            int[] stops = r.stops();
            assertEquals(stops[0], r.rgb(0), name);
            assertEquals(stops[stops.length - 1], r.rgb(1), name);
        }
        assertEquals(0x440154, ColorRamp.VIRIDIS.rgb(0));
        assertEquals(0xfde725, ColorRamp.VIRIDIS.rgb(1));
    }

    @Test
    void interpolatesLinearlyBetweenEvenlySpacedStops() {
        ColorRamp r = ColorRamp.of("test", 0x000000, 0x804020, 0xffffff);
        assertEquals(0x804020, r.rgb(0.5));
        assertEquals(0x402010, r.rgb(0.25));
        assertEquals(0xc0a090, r.rgb(0.75), Integer.toHexString(r.rgb(0.75)));
        assertEquals(0x808080, ColorRamp.GRAYSCALE.rgb(0.5));
        assertEquals(0x21918c, ColorRamp.VIRIDIS.rgb(0.5));
    }

    @Test
    void clampsOutsideZeroToOne() {
        assertEquals(0x000000, ColorRamp.GRAYSCALE.rgb(-3));
        assertEquals(0xffffff, ColorRamp.GRAYSCALE.rgb(7));
        assertEquals(0x000000, ColorRamp.GRAYSCALE.rgb(Double.NaN));
    }

    @Test
    void namesIgnoreCaseAndUnknownNamesListTheKnownOnes() {
        assertSame(ColorRamp.VIRIDIS, ColorRamp.named("Viridis"));
        assertEquals(List.of("viridis", "magma", "grayscale"), ColorRamp.names());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ColorRamp.named("jet"));
        assertTrue(e.getMessage().contains("viridis"), e.getMessage());
    }

    @Test
    void badStopsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ColorRamp.of("one", 0xffffff));
        assertThrows(IllegalArgumentException.class, () -> ColorRamp.of("alpha", 0xff000000, 0));
    }
}
