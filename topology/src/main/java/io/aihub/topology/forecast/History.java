package io.aihub.topology.forecast;

import io.aihub.topology.forecast.internal.SeriesIndex;
import java.time.Instant;

/**
 * A series' past: strictly increasing timestamps (epoch milliseconds, UTC) with a finite value each. Immutable; the
 * arrays are copied. Built once, it answers the forecasters' window queries in constant or logarithmic time, so one
 * history can serve many issue times (rolling-origin evaluation).
 */
public final class History {

    private final SeriesIndex index;

    private History(SeriesIndex index) {
        this.index = index;
    }

    /**
     * A history of timestamped values.
     *
     * @throws ForecastValidationException (field {@code historical_data}) if the arrays differ in length, the times
     *     are not strictly increasing or a value is not finite
     */
    public static History of(long[] epochMillis, double[] values) {
        if (epochMillis.length != values.length) {
            throw new ForecastValidationException(
                    "historical_data", epochMillis.length + " timestamps for " + values.length + " values");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new ForecastValidationException("historical_data", "value " + i + " is not finite: " + values[i]);
            }
            if (i > 0 && epochMillis[i] <= epochMillis[i - 1]) {
                throw new ForecastValidationException(
                        "historical_data",
                        "timestamps must be strictly increasing; " + Instant.ofEpochMilli(epochMillis[i]) + " follows "
                                + Instant.ofEpochMilli(epochMillis[i - 1]));
            }
        }
        return new History(new SeriesIndex(epochMillis.clone(), values.clone()));
    }

    /** The number of values. */
    public int size() {
        return index.size();
    }

    /** The time of value {@code i}, epoch milliseconds. */
    public long time(int i) {
        return index.time(i);
    }

    /** Value {@code i}. */
    public double value(int i) {
        return index.value(i);
    }

    /** The index of the last value at or before {@code t}, or -1 if none. */
    public int lastIndexAtOrBefore(Instant t) {
        return index.lastAtOrBefore(t.toEpochMilli());
    }

    SeriesIndex index() {
        return index;
    }
}
