package io.aihub.bench.forecast;

/**
 * The scale of MASE, exactly as {@code topology/FORECAST.md} defines it: {@code mase = mae / scale}, {@code scale}
 * being the training set's 24 h seasonal-naive MAE ({@link #seasonalNaiveScale}). MAE, RMSE and coverage are the
 * product's own {@link io.aihub.topology.forecast.ForecastAccuracy}.
 */
public final class AccuracyScore {

    private static final long DAY = 86_400_000L;

    private AccuracyScore() {}

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
