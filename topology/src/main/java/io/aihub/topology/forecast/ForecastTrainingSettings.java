package io.aihub.topology.forecast;

import io.aihub.topology.models.QuantileForecastModel;

/**
 * How {@link QuantileGbmForecaster#train} trains; {@link #defaults()} is the one configuration used for every series.
 *
 * @param trees trees per quantile model (&gt;= 1)
 * @param maxLeaves leaves per tree (&gt;= 2)
 * @param shrinkage the boosting's learning rate, in (0, 1]
 * @param trainingRows (issue time, lead) pairs sampled from the proper training part (&gt;= 10)
 * @param calibrationRows pairs sampled from the held-back tail for the interval calibration (&gt;= 10)
 * @param calibrationDays the length of the held-back tail, days (&gt;= 1)
 * @param coverage the p10-p90 coverage the calibration aims at, in (0, 1)
 * @param shortLeadShare the share of sampled pairs with a lead of at most 24 h (the rest: 24-168 h), in [0, 1]
 * @param seed the seed of the sampling and of smile's trainings
 */
public record ForecastTrainingSettings(
        int trees,
        int maxLeaves,
        double shrinkage,
        int trainingRows,
        int calibrationRows,
        int calibrationDays,
        double coverage,
        double shortLeadShare,
        long seed) {

    public ForecastTrainingSettings {
        requireAtLeast("trees", trees, 1);
        requireAtLeast("max_leaves", maxLeaves, 2);
        if (!(shrinkage > 0 && shrinkage <= 1)) {
            throw new ForecastValidationException("shrinkage", "must be in (0, 1], was " + shrinkage);
        }
        requireAtLeast("training_rows", trainingRows, 10);
        requireAtLeast("calibration_rows", calibrationRows, 10);
        requireAtLeast("calibration_days", calibrationDays, 1);
        if (!(coverage > 0 && coverage < 1)) {
            throw new ForecastValidationException("coverage", "must be in (0, 1), was " + coverage);
        }
        if (!(shortLeadShare >= 0 && shortLeadShare <= 1)) {
            throw new ForecastValidationException("short_lead_share", "must be in [0, 1], was " + shortLeadShare);
        }
    }

    /**
     * The one configuration: 200 trees of up to 16 leaves with shrinkage 0.05 per quantile, 20,000 training pairs (half
     * with leads up to 24 h), 5,000 calibration pairs from the last 60 days, 80 % coverage, seed 42.
     */
    public static ForecastTrainingSettings defaults() {
        return new ForecastTrainingSettings(200, 16, 0.05, 20_000, 5_000, 60, 0.8, 0.5, 42);
    }

    /** The shape of the quantile models' ensembles. */
    public QuantileForecastModel.Shape shape() {
        return new QuantileForecastModel.Shape(trees, maxLeaves, shrinkage);
    }

    private static void requireAtLeast(String field, int value, int min) {
        if (value < min) {
            throw new ForecastValidationException(field, "must be >= " + min + ", was " + value);
        }
    }
}
