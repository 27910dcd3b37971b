package io.aihub.topology.models;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/** Small synthetic training sets and models trained on them once per test JVM, with fixed seeds. */
final class Synthetic {

    static final List<String> ANOMALY_FEATURES = List.of("load_kw", "lag_1h", "rolling_std_24h");
    static final List<String> FORECAST_FEATURES = List.of("temperature", "hour_of_day");
    /** Monday 2024-01-01T00:00Z. */
    static final Instant MONDAY = Instant.parse("2024-01-01T00:00:00Z");

    private static IsolationForestModel forest;
    private static QuantileForecastModel quantiles;

    private Synthetic() {}

    /** n rows of three independent standard normal features. */
    static double[][] gaussianRows(long seed, int n) {
        var random = new Random(seed);
        double[][] rows = new double[n][ANOMALY_FEATURES.size()];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return rows;
    }

    /** x0 uniform in [0, 10], x1 uniform in [0, 10]. */
    static double[][] forecastRows(long seed, int n) {
        var random = new Random(seed);
        double[][] rows = new double[n][2];
        for (double[] row : rows) {
            row[0] = 10 * random.nextDouble();
            row[1] = 10 * random.nextDouble();
        }
        return rows;
    }

    /** The known relation the quantile model must recover: 3 x0 - 2 x1 + 5. */
    static double truth(double[] row) {
        return 3 * row[0] - 2 * row[1] + 5;
    }

    /** truth plus standard normal noise. */
    static double[] targets(double[][] rows, long seed) {
        var random = new Random(seed);
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = truth(rows[i]) + random.nextGaussian();
        }
        return y;
    }

    static synchronized IsolationForestModel forest() {
        if (forest == null) {
            forest = IsolationForestModel.train(ANOMALY_FEATURES, gaussianRows(1, 600), 50, 42);
        }
        return forest;
    }

    static synchronized QuantileForecastModel quantiles() {
        if (quantiles == null) {
            double[][] x = forecastRows(2, 500);
            quantiles = QuantileForecastModel.train(FORECAST_FEATURES, x, targets(x, 3), 100, 7);
        }
        return quantiles;
    }

    /**
     * Four weeks of hourly values: 100 + 10 per hour of the day, +50 on weekdays 09:00-17:00, plus noise of the
     * given scale; {@code offset} is added to all.
     */
    static SeasonalProfileModel profile(double offset) {
        int hours = 4 * 168;
        long[] times = new long[hours];
        double[] values = new double[hours];
        var random = new Random(5);
        for (int i = 0; i < hours; i++) {
            times[i] = MONDAY.toEpochMilli() + i * 3_600_000L;
            values[i] = offset + expectedShape(i % 168) + random.nextGaussian();
        }
        return SeasonalProfileModel.train(times, values);
    }

    static double expectedShape(int hourOfWeek) {
        int hourOfDay = hourOfWeek % 24;
        boolean weekday = hourOfWeek < 5 * 24;
        return 100 + 10 * hourOfDay + (weekday && hourOfDay >= 9 && hourOfDay < 17 ? 50 : 0);
    }
}
