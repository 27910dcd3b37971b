package io.aihub.topology.forecast;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates forecast points against their actual values and gives the accuracy figures the product reports, exactly
 * as {@code topology/FORECAST.md} defines them, over all N points:
 *
 * <ul>
 *   <li>{@code mae = mean |actual - p50|}, {@code rmse = sqrt(mean (actual - p50)^2)};
 *   <li>{@code mape = 100 × mean |actual - p50| / |actual|} over the points whose actual is not 0 (NaN if none);
 *   <li>{@code r2 = 1 - Σ (actual - p50)^2 / Σ (actual - mean actual)^2} (NaN if the actuals are all equal);
 *   <li>{@code coverage = share of points with p10 <= actual <= p90}.
 * </ul>
 *
 * <p>{@link #holdout} scores a forecaster on the tail of a history the way {@code POST /ml/forecasts/train} does.
 */
public final class ForecastAccuracy {

    private static final long HOUR = 3_600_000L;
    /** The horizon of the held-back tail's forecasts, hours. */
    public static final int HOLDOUT_HORIZON_HOURS = 24;

    private long count;
    private double absSum;
    private double squareSum;
    private long covered;
    private long relativeCount;
    private double relativeSum;
    private double actualSum;
    private double actualSquareSum;
    private int forecasts;

    /** Adds one forecast point and its actual value. */
    public void add(double p10, double p50, double p90, double actual) {
        double error = actual - p50;
        count++;
        absSum += Math.abs(error);
        squareSum += error * error;
        covered += actual >= p10 && actual <= p90 ? 1 : 0;
        if (actual != 0) {
            relativeCount++;
            relativeSum += Math.abs(error / actual);
        }
        actualSum += actual;
        actualSquareSum += actual * actual;
    }

    /**
     * Issues a day-ahead forecast ({@value #HOLDOUT_HORIZON_HOURS} hourly steps) at the history's own timestamps from
     * {@code from} on, at least an hour apart (the first at or after {@code from}, each next one the first an hour or
     * more after the previous), up to but excluding the last value; each forecast reads the values at or before its
     * issue time only. Every step whose target time has a value in the history is scored: issued at the series' own
     * timestamps, the hourly targets of a regular series fall on its timestamps whatever their minute.
     *
     * @throws ForecastValidationException if the forecaster has too little history at the first issue time
     */
    public static ForecastAccuracy holdout(Forecaster forecaster, History history, Instant from, ForecastType type) {
        var accuracy = new ForecastAccuracy();
        int lastIndex = history.size() - 1;
        int i = history.lastIndexAtOrBefore(from.minusMillis(1)) + 1;
        while (i < lastIndex) {
            long issue = history.time(i);
            var request = new ForecastRequest(type, Instant.ofEpochMilli(issue), HOLDOUT_HORIZON_HOURS, 60);
            for (ForecastPoint p : forecaster.forecast(history, request)) {
                int at = history.lastIndexAtOrBefore(p.targetTime());
                if (at >= 0 && history.time(at) == p.targetTime().toEpochMilli()) {
                    accuracy.add(p.p10(), p.p50(), p.p90(), history.value(at));
                }
            }
            accuracy.forecasts++;
            i = history.lastIndexAtOrBefore(Instant.ofEpochMilli(issue + HOUR - 1)) + 1;
        }
        return accuracy;
    }

    public long count() {
        return count;
    }

    /** The forecasts {@link #holdout} issued (0 for an accumulator filled by {@link #add}). */
    public int forecasts() {
        return forecasts;
    }

    public double mae() {
        return absSum / count;
    }

    public double rmse() {
        return Math.sqrt(squareSum / count);
    }

    public double mape() {
        return relativeCount == 0 ? Double.NaN : 100 * relativeSum / relativeCount;
    }

    public double r2() {
        double total = actualSquareSum - actualSum * actualSum / count;
        return total > 0 ? 1 - squareSum / total : Double.NaN;
    }

    public double coverage() {
        return covered / (double) count;
    }

    /**
     * The figures as the registry's metrics.json and the API report them: {@code mae, rmse, mape, r2,
     * coverage_p10_p90, points, forecasts}; a figure that is not defined (NaN) is left out.
     */
    public Map<String, Object> asMap() {
        var map = new LinkedHashMap<String, Object>();
        putFinite(map, "mae", mae());
        putFinite(map, "rmse", rmse());
        putFinite(map, "mape", mape());
        putFinite(map, "r2", r2());
        putFinite(map, "coverage_p10_p90", coverage());
        map.put("points", count);
        map.put("forecasts", forecasts);
        return map;
    }

    private static void putFinite(Map<String, Object> map, String name, double value) {
        if (Double.isFinite(value)) {
            map.put(name, value);
        }
    }
}
