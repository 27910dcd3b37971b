package io.aihub.topology.anomaly.internal;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.AnomalySeverity;
import io.aihub.schemas.ExpectedRange;
import io.aihub.schemas.FeatureVector;
import io.aihub.topology.anomaly.DeviceHistory;
import io.aihub.topology.anomaly.ScoringSettings;
import io.aihub.topology.anomaly.Severity;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.models.IsolationForestModel;
import io.aihub.topology.models.QuantileForecastModel;
import io.aihub.topology.models.RobustSummary;
import io.aihub.topology.models.SeasonalProfileModel;
import io.aihub.topology.models.TrainedModel;
import io.aihub.topology.registry.ModelRegistryStores;
import io.aihub.topology.registry.ProductionModels;
import io.aihub.topology.registry.ProductionModels.ProductionModel;
import io.aihub.topology.registry.TaskModels;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Scores each feature vector with the production anomaly models of its tenant that apply to its asset and metric
 * ({@link ProductionModels#anomalyModels}) and forwards an {@link AnomalyEvent} for each score that reaches the
 * sensitivity. Which models are in production is re-read when the registry changes, so a promote reaches the next
 * record. A model that cannot be loaded is skipped (and logged once per version): bad models never stop the stream.
 *
 * <p>An isolation forest's inputs are read from the vector: {@code value}, a feature name, or {@code metric:<name>}
 * ({@link DeviceHistory#METRIC_INPUT}), the device's latest reading of metric {@code <name>} at or before the
 * vector's timestamp, from the readings store (the vector's own metric: its value); such a model scores only the
 * readings of its metrics. A model with a
 * {@code score_threshold} judges by it (raw score above it = anomaly) instead of by the sensitivity.
 */
public final class ModelScoringProcessor implements Processor<Object, Object, Object, Object> {

    private final TaskModels models;
    private final ScoringSettings settings;
    private final String sink;

    private @Nullable ProcessorContext<Object, Object> context;
    private @Nullable KeyValueStore<Bytes, byte[]> readings;

    public ModelScoringProcessor(ProductionModels models, ScoringSettings settings, String sink) {
        this.models = new TaskModels(models, ProductionModels::anomalyModels, "in-stream scoring");
        this.settings = settings;
        this.sink = sink;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.models.init(context.getStateStore(ModelRegistryStores.REGISTRY));
        this.readings = context.getStateStore(FeatureStores.READINGS);
    }

    @Override
    public void process(Record<Object, Object> record) {
        if (!(record.value() instanceof FeatureVector vector)) {
            return;
        }
        for (ProductionModel model : models.of(vector.getTenantId())) {
            if (model.appliesTo(vector.getAssetId(), vector.getMetric())) {
                AnomalyEvent event = score(model, vector);
                if (event != null && event.getIsAnomaly()) {
                    Objects.requireNonNull(context)
                            .forward(
                                    new Record<Object, Object>(
                                            vector.getTenantId() + ":" + vector.getAssetId(),
                                            event,
                                            record.timestamp()),
                                    sink);
                }
            }
        }
    }

    private @Nullable AnomalyEvent score(ProductionModel model, FeatureVector vector) {
        TrainedModel trained =
                models.load(model, Objects.requireNonNull(context).currentSystemTimeMs());
        if (trained == null) {
            return null;
        }
        return switch (trained) {
            case SeasonalProfileModel profile -> seasonal(model, profile, vector);
            case IsolationForestModel forest -> forest(model, forest, vector);
            case QuantileForecastModel ignored -> null;
        };
    }

    private AnomalyEvent seasonal(ProductionModel model, SeasonalProfileModel profile, FeatureVector vector) {
        long t = vector.getTimestamp().toEpochMilli();
        int hour = SeasonalProfileModel.hourOfWeek(t);
        RobustSummary cell = profile.cell(hour);
        double score = Math.abs(profile.robustZ(hour, vector.getValue()));
        double spread = cell.scale();
        var range = new ExpectedRange(
                cell.median() - settings.sensitivity() * spread,
                cell.median() + settings.sensitivity() * spread,
                cell.median(),
                spread);
        String explanation = String.format(
                Locale.ROOT,
                "Value deviates %.2f robust std devs from the %s %02d:00 UTC profile (expected %.3f)",
                score,
                DayOfWeek.of(hour / 24 + 1),
                hour % 24,
                cell.median());
        return event(model, vector, score, range, explanation, "prophet_decomposition");
    }

    private @Nullable AnomalyEvent forest(ProductionModel model, IsolationForestModel forest, FeatureVector vector) {
        List<String> names = forest.featureNames();
        if (!scores(names, vector.getMetric())) {
            return null;
        }
        double[] row = new double[names.size()];
        for (int i = 0; i < row.length; i++) {
            Double value = input(names.get(i), vector);
            if (value == null || !Double.isFinite(value)) {
                return null; // a feature the model needs is not available yet (e.g. lag_24h early on)
            }
            row[i] = value;
        }
        double raw = forest.score(row);
        double score = Math.max(0, forest.robustZ(row));
        Double threshold = model.scoreThreshold();
        if (threshold == null) {
            String explanation = String.format(
                    Locale.ROOT,
                    "Isolation forest score %.3f is %.2f robust std devs above the training scores",
                    raw,
                    score);
            return event(model, vector, score, null, explanation, "isolation_forest");
        }
        boolean anomaly = raw > threshold;
        AnomalySeverity severity = Severity.of(score);
        if (anomaly && severity == AnomalySeverity.none) {
            severity = AnomalySeverity.low; // above the model's own threshold: an anomaly, at least of low severity
        }
        String explanation = String.format(
                Locale.ROOT,
                "Isolation forest score %.3f %s the model's threshold %.3f (%.2f robust std devs above the training"
                        + " scores)",
                raw,
                anomaly ? "is above" : "is within",
                threshold,
                score);
        return event(
                model,
                vector,
                score,
                Math.max(0, forest.trainingScores().robustZ(threshold)),
                anomaly,
                severity,
                null,
                explanation,
                "isolation_forest");
    }

    /**
     * Whether a model with inputs {@code names} scores readings of {@code metric}: a model over its device's metrics
     * ({@code metric:<name>} inputs) scores the readings of those metrics only (a reading of another metric would
     * re-score the same row under another name); any other model scores every reading it applies to.
     */
    private static boolean scores(List<String> names, String metric) {
        boolean overMetrics = false;
        for (String name : names) {
            if (name.startsWith(DeviceHistory.METRIC_INPUT)) {
                if (name.length() == DeviceHistory.METRIC_INPUT.length() + metric.length() && name.endsWith(metric)) {
                    return true;
                }
                overMetrics = true;
            }
        }
        return !overMetrics;
    }

    /** One input of a model for {@code vector}: its value, one of its features, or a metric of its device. */
    private @Nullable Double input(String name, FeatureVector vector) {
        if ("value".equals(name)) {
            return vector.getValue();
        }
        if (name.startsWith(DeviceHistory.METRIC_INPUT)) {
            String metric = name.substring(DeviceHistory.METRIC_INPUT.length());
            if (metric.equals(vector.getMetric())) {
                return vector.getValue();
            }
            return DeviceHistory.latestAtOrBefore(
                    Objects.requireNonNull(readings),
                    new SeriesKey(vector.getTenantId(), vector.getAssetId(), metric),
                    vector.getTimestamp().toEpochMilli());
        }
        return vector.getFeatures().get(name);
    }

    private AnomalyEvent event(
            ProductionModel model,
            FeatureVector vector,
            double score,
            @Nullable ExpectedRange range,
            String explanation,
            String method) {
        return event(
                model,
                vector,
                score,
                settings.sensitivity(),
                score >= settings.sensitivity(),
                Severity.of(score),
                range,
                explanation,
                method);
    }

    private static AnomalyEvent event(
            ProductionModel model,
            FeatureVector vector,
            double score,
            double sensitivity,
            boolean anomaly,
            AnomalySeverity severity,
            @Nullable ExpectedRange range,
            String explanation,
            String method) {
        return AnomalyEvent.newBuilder()
                .setTenantId(vector.getTenantId())
                .setAssetId(vector.getAssetId())
                .setMetric(vector.getMetric())
                .setTimestamp(Instant.ofEpochMilli(vector.getTimestamp().toEpochMilli()))
                .setValue(vector.getValue())
                .setAnomalyScore(score)
                .setIsAnomaly(anomaly)
                .setExpectedRange(range)
                .setSeverity(severity)
                .setExplanation(explanation)
                .setMethod(method)
                .setModelId(model.id().toString())
                .setSensitivity(sensitivity)
                .build();
    }
}
