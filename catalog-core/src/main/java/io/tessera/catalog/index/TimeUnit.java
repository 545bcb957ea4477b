package io.tessera.catalog.index;

/**
 * Units for the temporal resolution of a {@link ZSpaceTimeKeyIndex}, with the fixed lengths
 * GeoTrellis's {@code ZCurveKeyIndexMethod.byX} methods use: calendar units are not calendar-aware,
 * a month is always 30 days and a year always 365 days.
 */
public enum TimeUnit {
    /** One millisecond. */
    MILLISECONDS(1L),
    /** 1 000 ms. */
    SECONDS(1_000L),
    /** 60 000 ms. */
    MINUTES(60_000L),
    /** 3 600 000 ms. */
    HOURS(3_600_000L),
    /** 86 400 000 ms. */
    DAYS(86_400_000L),
    /** Seven days, 604 800 000 ms. */
    WEEKS(604_800_000L),
    /** Thirty days, 2 592 000 000 ms. */
    MONTHS(2_592_000_000L),
    /** 365 days, 31 536 000 000 ms. */
    YEARS(31_536_000_000L);

    private final long millis;

    TimeUnit(long millis) {
        this.millis = millis;
    }

    /** Length of one unit in milliseconds. */
    public long millis() {
        return millis;
    }

    /**
     * Length of {@code count} units in milliseconds.
     *
     * @throws IllegalArgumentException if {@code count < 1}
     * @throws ArithmeticException      if the result overflows a long
     */
    public long millis(long count) {
        if (count < 1) {
            throw new IllegalArgumentException("time unit count must be at least 1, got " + count);
        }
        return Math.multiplyExact(millis, count);
    }
}
