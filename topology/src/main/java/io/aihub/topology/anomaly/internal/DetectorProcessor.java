package io.aihub.topology.anomaly.internal;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.FeatureVector;
import io.aihub.topology.anomaly.AnomalyStores;
import io.aihub.topology.anomaly.ScoreListener;
import io.aihub.topology.anomaly.ScoringSettings;
import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.detect.Detectors;
import io.aihub.topology.anomaly.detect.Scored;
import io.aihub.topology.catalog.DetectionPolicy;
import io.aihub.topology.features.SeriesKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.jspecify.annotations.Nullable;

/**
 * Scores every feature vector's reading with the detectors the catalog's policy names for its tenant and asset, each
 * with its own state per series kept in {@link AnomalyStores#DETECTORS}, and forwards an {@link AnomalyEvent} for
 * each score that reaches the sensitivity. Detectors learn in time order: a reading at or before the last one a
 * series' detector learnt (a duplicate, or late within the grace period) is not scored again.
 */
public final class DetectorProcessor implements Processor<Object, Object, Object, Object> {

    /** The base of every detector's seed (isolation forest): a series' seed is this mixed with its key. */
    public static final long SEED = 0x5EED_A1B5L;

    private final DetectionPolicy policy;
    private final ScoringSettings settings;
    private final ScoreListener listener;
    private final String sink;
    private @Nullable ProcessorContext<Object, Object> context;
    private @Nullable DetectorStore store;

    public DetectorProcessor(DetectionPolicy policy, ScoringSettings settings, ScoreListener listener, String sink) {
        this.policy = policy;
        this.settings = settings;
        this.listener = listener;
        this.sink = sink;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        this.store = context.getStateStore(AnomalyStores.DETECTORS);
    }

    @Override
    public void process(Record<Object, Object> record) {
        if (!(record.value() instanceof FeatureVector vector)) {
            return;
        }
        DetectionPolicy.Resolved rule = policy.resolve(vector.getTenantId(), vector.getAssetId());
        if (rule.methods().isEmpty()) {
            return;
        }
        double sensitivity = rule.sensitivity() != null ? rule.sensitivity() : settings.sensitivity();
        var series = new SeriesKey(vector.getTenantId(), vector.getAssetId(), vector.getMetric());
        long t = vector.getTimestamp().toEpochMilli();
        for (DetectionMethod method : rule.methods()) {
            Bytes key = AnomalyStores.detectorKey(series, method);
            DetectorStore detectors = Objects.requireNonNull(store);
            DetectorStore.Held detector =
                    detectors.detector(key, () -> Detectors.create(method, SEED ^ Arrays.hashCode(key.get())));
            if (t <= detector.last()) {
                continue;
            }
            Scored scored = detector.detector().update(t, vector.getValue(), sensitivity);
            detectors.learnt(key, detector, t);
            listener.scored(vector, method, scored);
            if (scored.anomaly()) {
                Objects.requireNonNull(context)
                        .forward(
                                new Record<Object, Object>(
                                        series.partitionKey(),
                                        event(vector, method, scored, sensitivity),
                                        record.timestamp()),
                                sink);
            }
        }
    }

    private static AnomalyEvent event(FeatureVector vector, DetectionMethod method, Scored scored, double sensitivity) {
        var expected = scored.expected();
        return AnomalyEvent.newBuilder()
                .setTenantId(vector.getTenantId())
                .setAssetId(vector.getAssetId())
                .setMetric(vector.getMetric())
                .setTimestamp(Instant.ofEpochMilli(vector.getTimestamp().toEpochMilli()))
                .setValue(vector.getValue())
                .setAnomalyScore(scored.score())
                .setIsAnomaly(scored.anomaly())
                .setExpectedRange(
                        expected == null
                                ? null
                                : new io.aihub.schemas.ExpectedRange(
                                        expected.min(), expected.max(), expected.mean(), expected.std()))
                .setSeverity(scored.severity())
                .setExplanation(scored.explanation())
                .setMethod(method.id())
                .setModelId(null)
                .setSensitivity(sensitivity)
                .build();
    }
}
