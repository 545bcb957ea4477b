package io.tessera.catalog.query;

import java.time.Instant;
import java.util.Objects;

/**
 * An inclusive span of time, {@code start <= t <= end}, as GeoTrellis's {@code Between}.
 *
 * <p>An interval whose start is after its end is allowed and selects nothing, because GeoTrellis
 * answers such a {@code Between} with an empty result rather than an error. Layers store instants
 * in whole milliseconds; both ends are truncated to the millisecond before comparing, as
 * GeoTrellis does with {@code toEpochMilli}.
 */
public record TimeInterval(Instant start, Instant end) {

    public TimeInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
    }

    /** The interval holding exactly one instant (its millisecond). */
    public static TimeInterval at(Instant instant) {
        return new TimeInterval(instant, instant);
    }

    /** True when the interval selects no instant at all. */
    public boolean isEmpty() {
        return startMillis() > endMillis();
    }

    /** The first selected epoch millisecond. */
    long startMillis() {
        return epochMillis(start);
    }

    /** The last selected epoch millisecond. */
    long endMillis() {
        return epochMillis(end);
    }

    /** {@link Instant#toEpochMilli()}, saturated so that {@code Instant.MIN}/{@code MAX} serve as open ends. */
    private static long epochMillis(Instant t) {
        try {
            return t.toEpochMilli();
        } catch (ArithmeticException outOfRange) {
            return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
