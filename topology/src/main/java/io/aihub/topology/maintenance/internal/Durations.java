package io.aihub.topology.maintenance.internal;

import java.time.Duration;

/** Time constants and window tests of the view computations. */
final class Durations {

    static final long HOUR = Duration.ofHours(1).toMillis();
    static final long DAY = Duration.ofDays(1).toMillis();

    private Durations() {}

    /** Whether {@code time} lies in the {@code days}-day window ending at {@code asOf}: {@code (asOf - days, asOf]}. */
    static boolean within(long time, long asOf, int days) {
        return time <= asOf && time > asOf - days * DAY;
    }

    /** {@code (asOf - time)} in days (fractional). */
    static double daysSince(long time, long asOf) {
        return (asOf - time) / (double) DAY;
    }

    /** {@code a / b}, or null when {@code b} is 0. */
    static @org.jspecify.annotations.Nullable Double ratio(double a, double b) {
        return b == 0 ? null : a / b;
    }
}
