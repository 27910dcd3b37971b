package io.aihub.topology.forecast;

import java.time.Instant;
import java.util.SplittableRandom;

/** A known hourly series for the forecaster tests: a daily sine, a weekend dip and seeded Gaussian noise. */
final class SeasonalSeries {

    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    static final long HOUR = 3_600_000L;
    static final double NOISE_SD = 1.0;

    private SeasonalSeries() {}

    /** The noise-free value at a time. */
    static double truth(long epochMillis) {
        long hour = Math.floorDiv(epochMillis, HOUR);
        int hourOfDay = (int) Math.floorMod(hour, 24);
        int dayOfWeek = (int) Math.floorMod(Math.floorDiv(hour, 24) + 3, 7);
        return 100 + 20 * Math.sin(2 * Math.PI * hourOfDay / 24.0) - (dayOfWeek >= 5 ? 15 : 0);
    }

    /** {@code hours} hourly values from {@link #START}. */
    static History hourly(int hours, long seed) {
        var random = new SplittableRandom(seed);
        long[] times = new long[hours];
        double[] values = new double[hours];
        for (int i = 0; i < hours; i++) {
            times[i] = START.toEpochMilli() + i * HOUR;
            values[i] = truth(times[i]) + NOISE_SD * random.nextGaussian();
        }
        return History.of(times, values);
    }

    /** Small settings so a test trains in about a second. */
    static ForecastTrainingSettings quickSettings() {
        return new ForecastTrainingSettings(60, 16, 0.1, 3_000, 1_000, 14, 0.8, 0.5, 7);
    }
}
