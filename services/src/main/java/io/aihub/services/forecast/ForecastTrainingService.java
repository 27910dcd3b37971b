package io.aihub.services.forecast;

import io.aihub.schemas.ModelType;
import io.aihub.services.api.NotFoundException;
import io.aihub.services.api.ProblemException;
import io.aihub.services.config.AihubProperties;
import io.aihub.services.config.AihubProperties.ForecastPromotion;
import io.aihub.services.query.InteractiveQueries;
import io.aihub.services.registry.ModelNames;
import io.aihub.services.registry.ModelPublisher;
import io.aihub.services.registry.RegisteredModels;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.forecast.ForecastAccuracy;
import io.aihub.topology.forecast.ForecastTrainingSettings;
import io.aihub.topology.forecast.ForecastType;
import io.aihub.topology.forecast.ForecastValidationException;
import io.aihub.topology.forecast.Forecaster;
import io.aihub.topology.forecast.History;
import io.aihub.topology.forecast.QuantileGbmForecaster;
import io.aihub.topology.forecast.SeasonalBaselineForecaster;
import io.aihub.topology.forecast.StoredHistory;
import io.aihub.topology.registry.ModelId;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Trains a device's forecaster for one field ({@code POST /ml/forecasts/train/{device}}) on the instance that owns
 * the device: the series' readings of the window from the readings store; the last {@code AIHUB_ML_FORECAST_HOLDOUT}
 * held back; a {@link QuantileGbmForecaster} (the one configuration) trained on the rest; both it and the model it
 * would replace (the series' production forecast model, else the seasonal baseline the stream uses without one)
 * scored on the held-back tail by {@link ForecastAccuracy#holdout}; registered in staging with its figures, and
 * promoted as {@code AIHUB_ML_FORECAST_PROMOTION} says.
 */
@Service
class ForecastTrainingService {

    static final String TRAINED = "Model trained successfully";
    static final String PREFIX = "forecast-";
    /** The history the training part must span: the model's 168 h of inputs plus a day to learn and one to calibrate. */
    static final Duration MIN_TRAINING_SPAN = Duration.ofHours(168 + 48);

    private static final String[] STORES = {FeatureStores.READINGS, FeatureStores.SERIES};
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_]+");

    private final InteractiveQueries queries;
    private final ModelPublisher publisher;
    private final RegisteredModels models;
    private final AihubProperties.Ml settings;

    ForecastTrainingService(
            InteractiveQueries queries, ModelPublisher publisher, RegisteredModels models, AihubProperties settings) {
        this.queries = queries;
        this.publisher = publisher;
        this.models = models;
        this.settings = settings.ml();
    }

    /** The model name of a device's field: readable when unambiguous, else a hash of both. */
    static String modelName(String deviceId, String field) {
        String plain = PREFIX + deviceId + "-" + field;
        boolean unambiguous =
                WORD.matcher(deviceId).matches() && WORD.matcher(field).matches();
        return unambiguous && ModelId.isValidName(plain) ? plain : ModelNames.of(PREFIX, deviceId + "\n" + field);
    }

    /** Trains, evaluates, registers and (as configured) promotes; the answer's body. */
    Map<String, Object> train(int partition, ForecastTrainQuery query) {
        var series = new SeriesKey(query.tenantId(), query.deviceId(), query.field());
        History window = queries.queryLocal(partition, STORES, stores -> {
            Instant watermark = StoredHistory.watermark(stores[1], series);
            if (watermark == null) {
                throw new NotFoundException(
                        "Series not found",
                        "no readings of field '" + query.field() + "' of device '" + query.deviceId() + "' for tenant '"
                                + query.tenantId() + "' in the raw history");
            }
            return StoredHistory.read(
                    stores[0], series, watermark.minus(Duration.ofHours(query.hours())), watermark.plusMillis(1));
        });
        Instant newest = Instant.ofEpochMilli(window.time(window.size() - 1));
        Instant holdoutStart = newest.minus(settings.forecastHoldout());
        History training = before(window, holdoutStart);
        Duration span = training.size() < 2
                ? Duration.ZERO
                : Duration.ofMillis(training.time(training.size() - 1) - training.time(0));
        if (span.compareTo(MIN_TRAINING_SPAN) < 0) {
            throw tooLittleHistory(query, window, span, null);
        }
        QuantileGbmForecaster trained;
        try {
            trained = QuantileGbmForecaster.train(training, ForecastTrainingSettings.defaults());
        } catch (IllegalArgumentException e) {
            throw tooLittleHistory(query, window, span, e);
        }
        ForecastAccuracy ours = ForecastAccuracy.holdout(trained, window, holdoutStart, ForecastType.LOAD);
        var incumbent = models.productionForecaster(query.tenantId(), query.deviceId(), query.field());
        String comparedWith = incumbent.map(f -> f.model().id().toString()).orElse(SeasonalBaselineForecaster.NAME);
        ForecastAccuracy theirs = incumbentAccuracy(
                incumbent
                        .<Forecaster>map(RegisteredModels.Forecasting::forecaster)
                        .orElseGet(SeasonalBaselineForecaster::new),
                window,
                holdoutStart);
        boolean better = beats(ours, theirs);
        boolean promote = promotes(settings.forecastPromotion(), better);
        QuantileGbmForecaster.TrainingReport report = trained.report().orElseThrow();
        var metrics = new LinkedHashMap<String, Object>(ours.asMap());
        metrics.put("training_samples", training.size());
        metrics.put("training_rows", report.trainingRows());
        metrics.put("calibration_rows", report.calibrationRows());
        metrics.put("training_seconds", report.elapsed().toMillis() / 1000.0);

        var comparison = new LinkedHashMap<String, Object>();
        comparison.put("model", comparedWith);
        comparison.put("metrics", theirs.asMap());
        comparison.put("beaten", better);

        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("algorithm", QuantileGbmForecaster.NAME);
        metadata.put("asset_id", query.deviceId());
        metadata.put("metric", query.field());
        metadata.put("features", QuantileGbmForecaster.FEATURES);
        metadata.put("hours", query.hours());
        metadata.put("trained_from", Instant.ofEpochMilli(training.time(0)).toString());
        metadata.put(
                "trained_to",
                Instant.ofEpochMilli(training.time(training.size() - 1)).toString());
        metadata.put("holdout_from", holdoutStart.toString());
        metadata.put("holdout_to", newest.toString());
        metadata.put("calibration_from", report.calibrationStart().toString());
        metadata.put("calibration_offsets", report.offsets());
        metadata.put("compared_with", comparison);
        metadata.put("promotion", promotionRule());
        var published = publisher.publish(
                query.tenantId(),
                modelName(query.deviceId(), query.field()),
                ModelType.forecast,
                trained.model(),
                metadata,
                metrics,
                promote);

        var body = new LinkedHashMap<String, Object>();
        body.put("message", TRAINED);
        body.put("device_uuid", query.deviceId());
        body.put("field", query.field());
        body.put("tenant_id", query.tenantId());
        body.put("hours", query.hours());
        body.put("training_samples", training.size());
        body.put("trained_from", metadata.get("trained_from"));
        body.put("trained_to", metadata.get("trained_to"));
        body.put("holdout_from", holdoutStart.toString());
        body.put("holdout_to", newest.toString());
        body.put("metrics", ours.asMap());
        body.put("compared_with", comparison);
        body.put("promoted", published.stage().name().equals("production"));
        body.put("promotion", promotionRule());
        body.put("model_id", published.id().toString());
        body.put("version", published.id().version());
        body.put("stage", published.stage().name());
        return body;
    }

    /**
     * Whether the new model's held-back figures beat the incumbent's: a lower MAE, or any figures at all where the
     * incumbent could not forecast the tail.
     */
    static boolean beats(ForecastAccuracy ours, ForecastAccuracy theirs) {
        return ours.count() > 0 && (theirs.count() == 0 || ours.mae() < theirs.mae());
    }

    /** Whether the rule promotes a model that does ({@code better}) or does not beat the incumbent. */
    static boolean promotes(ForecastPromotion rule, boolean better) {
        return switch (rule) {
            case IF_BETTER -> better;
            case ALWAYS -> true;
            case NEVER -> false;
        };
    }

    private String promotionRule() {
        return settings.forecastPromotion().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The incumbent's accuracy on the tail; none (count 0) if it cannot forecast there (e.g. too little history). */
    private static ForecastAccuracy incumbentAccuracy(Forecaster incumbent, History window, Instant holdoutStart) {
        try {
            return ForecastAccuracy.holdout(incumbent, window, holdoutStart, ForecastType.LOAD);
        } catch (ForecastValidationException tooShort) {
            return new ForecastAccuracy();
        }
    }

    /** The values of {@code history} before {@code end}. */
    private static History before(History history, Instant end) {
        int n = history.lastIndexAtOrBefore(end.minusMillis(1)) + 1;
        long[] times = new long[n];
        double[] values = new double[n];
        Arrays.setAll(times, history::time);
        Arrays.setAll(values, history::value);
        return History.of(times, values);
    }

    private ProblemException tooLittleHistory(
            ForecastTrainQuery query, History window, Duration span, @Nullable IllegalArgumentException cause) {
        var counts = new LinkedHashMap<String, Object>();
        counts.put("device_uuid", query.deviceId());
        counts.put("hours", query.hours());
        counts.put("training_samples", window.size());
        counts.put("training_hours", span.toHours());
        counts.put("min_training_hours", MIN_TRAINING_SPAN.toHours());
        counts.put("holdout_hours", settings.forecastHoldout().toHours());
        return new ProblemException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "Insufficient training data",
                "field '" + query.field() + "' of device '" + query.deviceId() + "' has " + span.toHours()
                        + " hours of readings before the held-back last "
                        + settings.forecastHoldout().toHours()
                        + " hours; the model needs at least " + MIN_TRAINING_SPAN.toHours()
                        + (cause == null ? "" : " (" + cause.getMessage() + ")")
                        + ": raise hours (at most AIHUB_FEATURES_RETENTION) or wait for more readings",
                "hours",
                counts,
                cause);
    }
}
