package io.aihub.topology.forecast;

import io.aihub.topology.forecast.internal.IntervalCalibration;
import io.aihub.topology.forecast.internal.LeadFeatures;
import io.aihub.topology.forecast.internal.SeriesIndex;
import io.aihub.topology.forecast.internal.TrainingPairs;
import io.aihub.topology.models.QuantileForecastModel;
import io.aihub.topology.models.Quantiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The trained forecaster: a direct multi-horizon strategy with one smile quantile gradient-boosting model per quantile
 * ({@link QuantileForecastModel}, p10/p50/p90) for every lead, the lead being a feature ({@link LeadFeatures}); then
 * split-conformal widening of p10/p90 per lead band, fitted on a held-back tail of the training data ({@link
 * IntervalCalibration}). See {@code topology/FORECAST.md}.
 */
public final class QuantileGbmForecaster implements Forecaster {

    /** The name reported with its forecasts. */
    public static final String NAME = "quantile_gbm";

    private static final long DAY = 86_400_000L;

    private final QuantileForecastModel model;
    private final IntervalCalibration calibration;
    private final TrainingReport report;

    private QuantileGbmForecaster(QuantileForecastModel model, IntervalCalibration calibration, TrainingReport report) {
        this.model = model;
        this.calibration = calibration;
        this.report = report;
    }

    /**
     * Trains on a history: the quantile models on (issue time, lead) pairs whose targets precede the last {@code
     * calibrationDays}, the interval calibration on pairs within them. Same history and settings, same forecaster.
     *
     * @throws IllegalArgumentException if the history is too short for the settings
     */
    public static QuantileGbmForecaster train(History history, ForecastTrainingSettings settings) {
        long start = System.nanoTime();
        SeriesIndex series = history.index();
        if (series.size() < 2) {
            throw new ForecastValidationException("historical_data", "needs at least two values to train");
        }
        long end = series.time(series.size() - 1) + 1;
        long calibrationStart = end - settings.calibrationDays() * DAY;
        var random = new SplittableRandom(settings.seed());
        TrainingPairs fit = TrainingPairs.sample(
                series, series.time(0), calibrationStart, settings.trainingRows(), settings.shortLeadShare(), random);
        TrainingPairs held = TrainingPairs.sample(
                series, calibrationStart, end, settings.calibrationRows(), settings.shortLeadShare(), random);
        QuantileForecastModel model = QuantileForecastModel.train(
                LeadFeatures.NAMES, fit.rows(), fit.targets(), settings.shape(), settings.seed());
        double[] scores = new double[held.size()];
        int coveredBefore = 0;
        for (int i = 0; i < held.size(); i++) {
            Quantiles q = model.predict(held.rows()[i]);
            double y = held.targets()[i];
            scores[i] = Math.max(q.p10() - y, y - q.p90());
            coveredBefore += scores[i] <= 0 ? 1 : 0;
        }
        IntervalCalibration calibration = IntervalCalibration.fit(held.leadHours(), scores, settings.coverage());
        var report = new TrainingReport(
                fit.size(),
                held.size(),
                Instant.ofEpochMilli(calibrationStart),
                coveredBefore / (double) held.size(),
                Arrays.stream(calibration.offsets()).boxed().toList(),
                Duration.ofNanos(System.nanoTime() - start));
        return new QuantileGbmForecaster(model, calibration, report);
    }

    @Override
    public List<ForecastPoint> forecast(History history, ForecastRequest request) {
        SeriesIndex series = history.index();
        int c = IssueIndex.of(series, request, LeadFeatures.MIN_HISTORY_HOURS, NAME);
        long issue = request.issuedAt().toEpochMilli();
        LeadFeatures.Anchor anchor = LeadFeatures.anchor(series, c);
        double[] row = new double[LeadFeatures.NAMES.size()];
        var points = new ArrayList<ForecastPoint>(request.steps());
        for (int k = 1; k <= request.steps(); k++) {
            Instant target = request.targetTime(k);
            LeadFeatures.fill(series, anchor, issue, target.toEpochMilli() - issue, row);
            Quantiles q = model.predict(row);
            double widen = calibration.offset(row[0]);
            points.add(request.type()
                    .point(
                            target,
                            anchor.absolute(q.p10() - widen),
                            anchor.absolute(q.p50()),
                            anchor.absolute(q.p90() + widen)));
        }
        return points;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** What the training did. */
    public TrainingReport report() {
        return report;
    }

    /**
     * A training's figures.
     *
     * @param trainingRows pairs the quantile models were fitted on
     * @param calibrationRows held-back pairs the interval was calibrated on
     * @param calibrationStart where the held-back tail begins
     * @param heldBackCoverageBeforeCalibration the raw p10-p90 coverage on the held-back pairs
     * @param offsets the calibration's offsets per lead band (0-6, 6-24, 24-72, 72-168 h), in scale units
     * @param elapsed the wall time of the training
     */
    public record TrainingReport(
            int trainingRows,
            int calibrationRows,
            Instant calibrationStart,
            double heldBackCoverageBeforeCalibration,
            List<Double> offsets,
            Duration elapsed) {

        public TrainingReport {
            offsets = List.copyOf(offsets);
        }
    }
}
