package io.aihub.topology.anomaly.internal;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.ExpectedRange;
import io.aihub.schemas.FeatureVector;
import io.aihub.schemas.ModelFamily;
import io.aihub.topology.anomaly.ScoringSettings;
import io.aihub.topology.anomaly.Severity;
import io.aihub.topology.models.IsolationForestModel;
import io.aihub.topology.models.ModelRef;
import io.aihub.topology.models.QuantileForecastModel;
import io.aihub.topology.models.RobustSummary;
import io.aihub.topology.models.SeasonalProfileModel;
import io.aihub.topology.models.TrainedModel;
import io.aihub.topology.registry.ModelRegistryStores;
import io.aihub.topology.registry.ProductionModels;
import io.aihub.topology.registry.ProductionModels.ProductionModel;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores each feature vector with the production anomaly models of its tenant that apply to its asset and metric
 * ({@link ProductionModels#anomalyModels}) and forwards an {@link AnomalyEvent} for each score that reaches the
 * sensitivity. Which models are in production is re-read when the registry changes, so a promote reaches the next
 * record. A model that cannot be loaded is skipped (and logged once per version): bad models never stop the stream.
 */
public final class ModelScoringProcessor implements Processor<Object, Object, Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(ModelScoringProcessor.class);
    private static final Duration RETRY_UNUSABLE = Duration.ofMinutes(1);

    private final ProductionModels models;
    private final ScoringSettings settings;
    private final String sink;
    private final Map<String, TenantModels> byTenant = new HashMap<>();
    /** Models that failed to load, by artifact, and when to try again: a bad model never costs a download per record. */
    private final Map<ModelRef, Long> unusableUntil = new HashMap<>();

    private @Nullable ProcessorContext<Object, Object> context;
    private @Nullable KeyValueStore<String, ModelFamily> registry;

    private record TenantModels(long generation, List<ProductionModel> models) {}

    public ModelScoringProcessor(ProductionModels models, ScoringSettings settings, String sink) {
        this.models = models;
        this.settings = settings;
        this.sink = sink;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.registry = context.getStateStore(ModelRegistryStores.REGISTRY);
    }

    @Override
    public void process(Record<Object, Object> record) {
        if (!(record.value() instanceof FeatureVector vector)) {
            return;
        }
        for (ProductionModel model : modelsOf(vector.getTenantId())) {
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

    private List<ProductionModel> modelsOf(String tenantId) {
        long generation = models.generation();
        TenantModels known = byTenant.get(tenantId);
        if (known == null || known.generation() != generation) {
            known = new TenantModels(
                    generation, ProductionModels.anomalyModels(Objects.requireNonNull(registry), tenantId));
            byTenant.put(tenantId, known);
        }
        return known.models();
    }

    private @Nullable AnomalyEvent score(ProductionModel model, FeatureVector vector) {
        ModelRef ref = model.ref();
        Long retryAt = unusableUntil.get(ref);
        long now = Objects.requireNonNull(context).currentSystemTimeMs();
        if (retryAt != null && now < retryAt) {
            return null;
        }
        TrainedModel trained;
        try {
            trained = models.load(model);
            unusableUntil.remove(ref);
        } catch (RuntimeException e) {
            unusableUntil.put(ref, now + RETRY_UNUSABLE.toMillis());
            log.warn(
                    "Cannot use model {} for in-stream scoring, skipping it for {}: {}",
                    model.id(),
                    RETRY_UNUSABLE,
                    e.getMessage());
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
        double[] row = new double[names.size()];
        for (int i = 0; i < row.length; i++) {
            Double value = "value".equals(names.get(i))
                    ? Double.valueOf(vector.getValue())
                    : vector.getFeatures().get(names.get(i));
            if (value == null || !Double.isFinite(value)) {
                return null; // a feature the model needs is not available yet (e.g. lag_24h early on)
            }
            row[i] = value;
        }
        double score = Math.max(0, forest.robustZ(row));
        String explanation = String.format(
                Locale.ROOT,
                "Isolation forest score %.3f is %.2f robust std devs above the training scores",
                forest.score(row),
                score);
        return event(model, vector, score, null, explanation, "isolation_forest");
    }

    private AnomalyEvent event(
            ProductionModel model,
            FeatureVector vector,
            double score,
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
                .setIsAnomaly(score >= settings.sensitivity())
                .setExpectedRange(range)
                .setSeverity(Severity.of(score))
                .setExplanation(explanation)
                .setMethod(method)
                .setModelId(model.id().toString())
                .setSensitivity(settings.sensitivity())
                .build();
    }
}
