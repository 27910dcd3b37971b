package io.aihub.services.ml;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.AnomalySeverity;
import io.aihub.schemas.ModelType;
import io.aihub.services.api.NotFoundException;
import io.aihub.services.api.ProblemException;
import io.aihub.services.config.AihubProperties;
import io.aihub.services.query.InteractiveQueries;
import io.aihub.services.registry.ModelPublisher;
import io.aihub.topology.anomaly.AlignedRows;
import io.aihub.topology.anomaly.AnomalyLog;
import io.aihub.topology.anomaly.AnomalyStores;
import io.aihub.topology.anomaly.DeviceHistory;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.models.IsolationForestModel;
import io.aihub.topology.registry.ModelId;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Trains a device's isolation forest and reads its scored anomalies, for keys whose state is in this instance.
 *
 * <ul>
 *   <li>Training: the device's readings of all its metrics in its last {@code hours} hours of event time, from the
 *       readings store, aligned by forward fill ({@link AlignedRows}); at least {@code AIHUB_ML_MIN_TRAINING_SAMPLES}
 *       rows, else 422 with the counts. The forest's inputs are {@code metric:<name>}, which the stream fills the
 *       same way when it scores a reading; cuts are hyperplanes through all of them (extended isolation forest,
 *       extension level = metrics - 1). The threshold is the training scores' {@code 1 - contamination} quantile
 *       ({@link ScoreThreshold}). The model is registered in staging with its metrics, then promoted to production
 *       unless {@code AIHUB_ML_AUTO_PROMOTE=false}.
 *   <li>Detection: the anomalies the stream's isolation forest models scored for the device in its last {@code hours}
 *       hours of event time, from the anomaly log store.
 * </ul>
 */
@Service
class MlAnomalyService {

    static final String TRAINED = "Model trained successfully";
    static final String METHOD = "isolation_forest";

    private static final String[] HISTORY = {FeatureStores.READINGS, FeatureStores.SERIES};
    private static final String[] ANOMALIES = {AnomalyStores.ANOMALY_LOG, FeatureStores.SERIES};
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private final InteractiveQueries queries;
    private final ModelPublisher publisher;
    private final AihubProperties.Ml settings;

    MlAnomalyService(InteractiveQueries queries, ModelPublisher publisher, AihubProperties settings) {
        this.queries = queries;
        this.publisher = publisher;
        this.settings = settings.ml();
    }

    /** Trains, registers and (unless disabled) promotes the device's model; the documented response. */
    Map<String, Object> train(int partition, TrainQuery query) {
        AlignedRows rows = queries.queryLocal(
                partition,
                HISTORY,
                stores -> DeviceHistory.window(
                        stores[0],
                        stores[1],
                        query.tenantId(),
                        query.deviceId(),
                        query.hours() * HOUR,
                        settings.maxTrainingRows()));
        if (rows.size() < settings.minTrainingSamples()) {
            throw tooFewSamples(query, rows);
        }
        List<String> inputs =
                rows.metrics().stream().map(m -> DeviceHistory.METRIC_INPUT + m).toList();
        long newest = rows.timestamps()[rows.size() - 1];
        long seed = 31L * (query.tenantId() + ":" + query.deviceId()).hashCode() + newest;
        // hyperplane cuts through all metrics: a reading far out on one metric is extreme in nearly every direction
        int extensionLevel = inputs.size() - 1;
        var model = IsolationForestModel.train(inputs, rows.rows(), settings.trees(), seed, extensionLevel);
        double[] scores = new double[rows.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = model.score(rows.rows()[i]);
        }
        double threshold = ScoreThreshold.of(scores, query.contamination());
        Instant windowStart = Instant.ofEpochMilli(rows.timestamps()[0]);
        Instant windowEnd = Instant.ofEpochMilli(newest);

        var metrics = new LinkedHashMap<String, Object>();
        metrics.put("training_samples", rows.size());
        metrics.put("features", rows.metrics());
        metrics.put("contamination", query.contamination());
        metrics.put("score_threshold", threshold);
        var metadata = new LinkedHashMap<String, Object>(metrics);
        metadata.put("algorithm", METHOD);
        metadata.put("asset_id", query.deviceId());
        metadata.put("inputs", inputs);
        metadata.put("row_alignment", "forward_fill");
        metadata.put("hours", query.hours());
        metadata.put("trained_from", windowStart.toString());
        metadata.put("trained_to", windowEnd.toString());
        metadata.put("trees", model.trees());
        metadata.put("extension_level", extensionLevel);
        var published = publisher.publish(
                query.tenantId(),
                DeviceModels.modelName(query.deviceId()),
                ModelType.anomaly,
                model,
                metadata,
                metrics,
                settings.autoPromote());

        var body = new LinkedHashMap<String, Object>();
        body.put("message", TRAINED);
        body.put("device_uuid", query.deviceId());
        body.put("training_samples", rows.size());
        body.put("features", rows.metrics());
        body.put("contamination", query.contamination());
        body.put("tenant_id", query.tenantId());
        body.put("hours", query.hours());
        body.put("model_id", published.id().toString());
        body.put("version", published.id().version());
        body.put("stage", published.stage().name());
        body.put("score_threshold", threshold);
        body.put("trained_from", windowStart.toString());
        body.put("trained_to", windowEnd.toString());
        return body;
    }

    /** The device's anomalies scored by isolation forest models in the window; 404 for a device without readings. */
    Map<String, Object> detect(int partition, DetectQuery query) {
        return queries.queryLocal(partition, ANOMALIES, stores -> {
            var metrics = DeviceHistory.metrics(stores[1], query.tenantId(), query.deviceId());
            if (metrics.isEmpty()) {
                throw new NotFoundException(
                        "Device not found",
                        "no readings of device '" + query.deviceId() + "' for tenant '" + query.tenantId()
                                + "' in the raw history");
            }
            long to = metrics.newest();
            long from = to - query.hours() * HOUR + 1;
            List<Map<String, @Nullable Object>> anomalies =
                    AnomalyLog.between(stores[0], query.tenantId(), query.deviceId(), from, to).stream()
                            .filter(MlAnomalyService::byModelForest)
                            .map(MlAnomalyService::entry)
                            .toList();
            var body = new LinkedHashMap<String, Object>();
            body.put("device_uuid", query.deviceId());
            body.put("tenant_id", query.tenantId());
            body.put("hours", query.hours());
            body.put("window_start", Instant.ofEpochMilli(Math.max(0, from)).toString());
            body.put("window_end", Instant.ofEpochMilli(to).toString());
            body.put("anomalies", anomalies);
            body.put("count", anomalies.size());
            return body;
        });
    }

    private static boolean byModelForest(AnomalyEvent event) {
        return METHOD.equals(event.getMethod()) && event.getModelId() != null;
    }

    private static Map<String, @Nullable Object> entry(AnomalyEvent event) {
        var entry = new LinkedHashMap<String, @Nullable Object>();
        entry.put("timestamp", event.getTimestamp().toString());
        entry.put("metric", event.getMetric());
        entry.put("value", event.getValue());
        entry.put("score", event.getAnomalyScore());
        entry.put("severity", severity(event.getSeverity()));
        entry.put("is_anomaly", event.getIsAnomaly());
        entry.put("method", event.getMethod());
        String modelId = event.getModelId();
        entry.put(
                "model_version",
                modelId == null
                        ? null
                        : ModelId.parse(modelId).map(ModelId::version).orElse(null));
        entry.put("model_id", modelId);
        entry.put("explanation", event.getExplanation());
        return entry;
    }

    /** The documented two-level severity: critical for the critical band (score above 4.5), warning below it. */
    static String severity(AnomalySeverity band) {
        return band == AnomalySeverity.critical ? "critical" : "warning";
    }

    private ProblemException tooFewSamples(TrainQuery query, AlignedRows rows) {
        var counts = new LinkedHashMap<String, Object>();
        counts.put("device_uuid", query.deviceId());
        counts.put("training_samples", rows.size());
        counts.put("min_training_samples", settings.minTrainingSamples());
        counts.put("features", rows.metrics());
        counts.put("hours", query.hours());
        return new ProblemException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "Insufficient training data",
                "device '" + query.deviceId() + "' has " + rows.size() + " aligned rows of its metrics in its last "
                        + query.hours() + " hours; at least " + settings.minTrainingSamples()
                        + " are needed (AIHUB_ML_MIN_TRAINING_SAMPLES)",
                "hours",
                counts,
                null);
    }
}
