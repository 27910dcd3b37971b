package io.aihub.bench.registry;

import io.aihub.topology.models.SeasonalProfileModel;
import java.time.Instant;

/** The models and readings of the registry harness: what is registered, and what tells two swap versions apart. */
public final class SwapModels {

    static final String TENANT = "bench";
    static final String MODEL = "bench-profile";
    static final String WARMUP_MODEL = "bench-warmup";
    static final String SWAP_MODEL = "bench-swap";
    static final String SWAP_ASSET = "swap-meter";
    static final String METRIC = "value";
    /** The two levels the swap versions are trained on, alternately. */
    public static final double LOW = 10.0;

    public static final double HIGH = 100.0;
    static final long HOUR = 3_600_000L;

    private static final Instant TRAINING_START = Instant.parse("2026-01-05T00:00:00Z");

    private SwapModels() {}

    /**
     * The value of a reading at {@code eventTime} that {@code before} (the production version until the promote)
     * finds normal and {@code after} (the promoted one) anomalous: {@code before}'s expected value at that hour of
     * the week (robust z = 0). Throws if {@code after} would not flag it at {@code sensitivity}.
     */
    public static double readingValue(
            long eventTime, SeasonalProfileModel before, SeasonalProfileModel after, double sensitivity) {
        int hour = SeasonalProfileModel.hourOfWeek(eventTime);
        double value = before.expected(hour);
        if (Math.abs(before.robustZ(hour, value)) >= sensitivity
                || Math.abs(after.robustZ(hour, value)) < sensitivity) {
            throw new IllegalStateException("no reading separates the two swap versions at hour of week " + hour);
        }
        return value;
    }

    /** A seasonal profile trained on four weeks of hourly values around {@code level} (±0.5), as ModelHotSwapIT. */
    public static SeasonalProfileModel profileAround(double level) {
        int n = 24 * 7 * 4;
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = TRAINING_START.toEpochMilli() + i * HOUR;
            values[i] = level + ((i * 7919) % 11 - 5) * 0.1;
        }
        return SeasonalProfileModel.train(times, values);
    }

    /** The model id of the swap version registered in {@code round} (0: the first production version). */
    public static String swapId(int round) {
        return TENANT + ":" + SWAP_MODEL + ":v1.0." + round;
    }

    static String version(String id) {
        return id.substring(id.lastIndexOf(':') + 1);
    }
}
