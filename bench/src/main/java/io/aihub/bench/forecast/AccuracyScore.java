package io.aihub.bench.forecast;

/**
 * Accumulates a model's forecast errors over every (issue time, target time) pair of an evaluation and gives MAE,
 * RMSE, MASE and p10-p90 coverage, exactly as {@code topology/FORECAST.md} defines them:
 *
 * <ul>
 *   <li>{@code mae = mean |actual - p50|}, {@code rmse = sqrt(mean (actual - p50)^2)} over all pairs;
 *   <li>{@code mase = mae / scale}, {@code scale} being the training set's 24 h seasonal-naive MAE ({@link
 *       #seasonalNaiveScale});
 *   <li>{@code coverage = share of pairs with p10 <= actual <= p90}.
 * </ul>
 */
public final class AccuracyScore {

    private static final long DAY = 86_400_000L;

    private long count;
    private double absSum;
    private double squareSum;
    private long covered;

    /** Adds one forecast point and its actual value. */
    public void add(double p10, double p50, double p90, double actual) {
        double error = actual - p50;
        count++;
        absSum += Math.abs(error);
        squareSum += error * error;
        if (actual >= p10 && actual <= p90) {
            covered++;
        }
    }

    public long count() {
        return count;
    }

    public double mae() {
        return absSum / count;
    }

    public double rmse() {
        return Math.sqrt(squareSum / count);
    }

    /** {@link #mae()} divided by the scale. */
    public double mase(double scale) {
        return mae() / scale;
    }

    public double coverage() {
        return covered / (double) count;
    }

    /**
     * The mean of {@code |y(t) - y(t - 24 h)|} over the training rows {@code [0, end)} whose time 24 h earlier is also
     * a training row (the in-sample MAE of the 24 h seasonal naive forecast, Hyndman and Koehler's MASE scale with
     * season m = 24 h).
     *
     * @throws ForecastDataException if no row has a partner 24 h earlier, or every pair is equal (scale 0)
     */
    public static double seasonalNaiveScale(long[] epochMillis, double[] values, int end) {
        double sum = 0;
        int n = 0;
        int j = 0;
        for (int i = 0; i < end; i++) {
            long earlier = epochMillis[i] - DAY;
            while (j < i && epochMillis[j] < earlier) {
                j++;
            }
            if (epochMillis[j] == earlier) {
                sum += Math.abs(values[i] - values[j]);
                n++;
            }
        }
        if (n == 0 || sum == 0) {
            throw new ForecastDataException(
                    "the training set has no non-zero 24 h seasonal-naive error to scale by", null);
        }
        return sum / n;
    }
}
