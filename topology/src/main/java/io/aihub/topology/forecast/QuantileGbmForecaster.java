package io.aihub.topology.forecast;

import io.aihub.topology.forecast.internal.IntervalCalibration;
import io.aihub.topology.forecast.internal.LeadFeatures;
import io.aihub.topology.forecast.internal.LinearWindow;
import io.aihub.topology.forecast.internal.SeriesIndex;
import io.aihub.topology.forecast.internal.TrainingPairs;
import io.aihub.topology.models.LeadCalibration;
import io.aihub.topology.models.LinearLeadModel;
import io.aihub.topology.models.QuantileForecastModel;
import io.aihub.topology.models.Quantiles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * The trained forecaster: a direct multi-horizon strategy with one smile quantile gradient-boosting model per quantile
 * ({@link QuantileForecastModel}, p10/p50/p90) for every lead, the lead being a feature ({@link LeadFeatures}); then
 * split-conformal widening of p10/p90 per lead band, fitted on a held-back tail of the training data ({@link
 * IntervalCalibration}). See {@code topology/FORECAST.md}.
 */
public final class QuantileGbmForecaster implements Forecaster {

    /** The name reported with its forecasts. */
    public static final String NAME = "quantile_gbm";
    /** Its inputs, the {@code features_used} of its forecasts. */
    public static final List<String> FEATURES = LeadFeatures.NAMES;

    private static final long DAY = 86_400_000L;

    private static final long HOUR = 3_600_000L;

    private final QuantileForecastModel model;
    private final LeadCalibration calibration;
    private final @Nullable TrainingReport report;

    private QuantileGbmForecaster(QuantileForecastModel model, @Nullable TrainingReport report) {
        this.model = model;
        this.calibration = model.calibration();
        this.report = report;
    }

    /**
     * The forecaster of a trained model, e.g. one read from the registry: it forecasts exactly as the forecaster
     * whose {@link #model()} it was.
     *
     * @throws IllegalArgumentException if the model does not read this forecaster's inputs or has no calibration
     */
    public static QuantileGbmForecaster of(QuantileForecastModel model) {
        if (!model.featureNames().equals(LeadFeatures.NAMES)
                || model.calibration().isEmpty()) {
            throw new IllegalArgumentException("not a " + NAME + " forecaster's model: it reads "
                    + model.featureNames() + (model.calibration().isEmpty() ? ", without calibration" : "")
                    + "; expected " + LeadFeatures.NAMES + " with a lead calibration");
        }
        return new QuantileGbmForecaster(model, null);
    }

    /** Whether {@link #of} accepts the model. */
    public static boolean accepts(QuantileForecastModel model) {
        return model.featureNames().equals(LeadFeatures.NAMES)
                && !model.calibration().isEmpty();
    }

    /**
     * Trains on a history: the quantile models on (issue time, lead) pairs whose targets precede the held-back tail,
     * the interval calibration on pairs within it. The tail is the last {@code calibrationDays}, or a quarter of the
     * history after its first 168 h if that is shorter (at least one day), so short histories train too. Same history
     * and settings, same forecaster.
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
        long usable = end - series.time(0) - LeadFeatures.MIN_HISTORY_HOURS * HOUR;
        long calibrationStart = end - Math.min(settings.calibrationDays() * DAY, Math.max(DAY, usable / 4));
        var random = new SplittableRandom(settings.seed());
        TrainingPairs fit = TrainingPairs.sample(
                series, series.time(0), calibrationStart, settings.trainingRows(), settings.shortLeadShare(), random);
        TrainingPairs held = TrainingPairs.sample(
                series, calibrationStart, end, settings.calibrationRows(), settings.shortLeadShare(), random);
        QuantileForecastModel model = QuantileForecastModel.train(
                        LeadFeatures.NAMES, fit.rows(), fit.targets(), settings.shape(), settings.seed())
                .withLinear(LinearWindow.fit(series, series.time(0), calibrationStart));
        LinearLeadModel linear = model.linear();
        double[] scores = new double[held.size()];
        int coveredBefore = 0;
        for (int i = 0; i < held.size(); i++) {
            double[] inputs = linear.isEmpty()
                    ? null
                    : LinearWindow.inputs(series, LeadFeatures.anchor(series, held.issueIndices()[i]), linear.window());
            Quantiles q = combined(model.predict(held.rows()[i]), linear, inputs, held.leadHours()[i]);
            double y = held.targets()[i];
            scores[i] = Math.max(q.p10() - y, y - q.p90());
            coveredBefore += scores[i] <= 0 ? 1 : 0;
        }
        IntervalCalibration calibration = IntervalCalibration.fit(held.leadHours(), scores, settings.coverage());
        QuantileForecastModel calibrated = model.withCalibration(calibration.asLeadCalibration());
        var report = new TrainingReport(
                fit.size(),
                held.size(),
                Instant.ofEpochMilli(calibrationStart),
                coveredBefore / (double) held.size(),
                Arrays.stream(calibration.offsets()).boxed().toList(),
                Duration.ofNanos(System.nanoTime() - start));
        return new QuantileGbmForecaster(calibrated, report);
    }

    @Override
    public List<ForecastPoint> forecast(History history, ForecastRequest request) {
        SeriesIndex series = history.index();
        int c = IssueIndex.of(series, request, LeadFeatures.MIN_HISTORY_HOURS, NAME);
        long issue = request.issuedAt().toEpochMilli();
        LeadFeatures.Anchor anchor = LeadFeatures.anchor(series, c);
        double[] row = new double[LeadFeatures.NAMES.size()];
        LinearLeadModel linear = model.linear();
        double[] inputs = linear.isEmpty() ? null : LinearWindow.inputs(series, anchor, linear.window());
        var points = new ArrayList<ForecastPoint>(request.steps());
        for (int k = 1; k <= request.steps(); k++) {
            Instant target = request.targetTime(k);
            LeadFeatures.fill(series, anchor, issue, target.toEpochMilli() - issue, row);
            Quantiles q = combined(model.predict(row), linear, inputs, row[0]);
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

    /**
     * The trees' quantiles moved so that the median is the mean of the trees' median and the linear forecast (when the
     * model has a linear part covering the lead): p10 and p90 move by the same amount, their spread is the trees'.
     */
    private static Quantiles combined(
            Quantiles trees, LinearLeadModel linear, double @Nullable [] inputs, double leadHours) {
        double line = inputs == null ? Double.NaN : linear.predict(inputs, leadHours);
        if (Double.isNaN(line)) {
            return trees;
        }
        double shift = (line - trees.p50()) / 2;
        return new Quantiles(trees.p10() + shift, trees.p50() + shift, trees.p90() + shift);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** What the training did; empty for a forecaster made {@link #of} a model. */
    public Optional<TrainingReport> report() {
        return Optional.ofNullable(report);
    }

    /** The calibrated model: what the registry keeps ({@code gradient_boost_quantiles}, payload v3). */
    public QuantileForecastModel model() {
        return model;
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
