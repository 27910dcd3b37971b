package io.aihub.topology.anomaly.internal;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.FeatureVector;
import io.aihub.topology.anomaly.AlignedRows.MetricSeries;
import io.aihub.topology.anomaly.AnomalyStores;
import io.aihub.topology.anomaly.DeviceHistory;
import io.aihub.topology.anomaly.ScoreListener;
import io.aihub.topology.anomaly.ScoringSettings;
import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.detect.Detectors;
import io.aihub.topology.anomaly.detect.Scored;
import io.aihub.topology.catalog.DetectionPolicy;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.features.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;

/**
 * Scores every feature vector's reading with the detectors the catalog's policy names for its tenant and asset, each
 * with its own state per series kept in {@link AnomalyStores#DETECTORS}, and forwards an {@link AnomalyEvent} for
 * each score that reaches the sensitivity. Detectors learn in time order: a reading at or before the last one a
 * series' detector learnt (a duplicate, or late within the grace period) is not scored again.
 *
 * <p>A detector read back from its store (after a restart, or on the instance a task moved to) may have been written
 * before its last readings, or only born there ({@link DetectorStore}): before it scores, it learns the series' readings after its last one
 * and before the scored one from {@link FeatureStores#READINGS}, in time order, without scoring them again (they were
 * scored when they arrived). For series whose readings arrive in time order this makes the detector exactly the one
 * that never stopped; a late reading arriving first after a restart can make it skip the readings between it and the
 * newest. Every {@link #CHECKPOINT_TICK} of wall-clock time the processor asks its store to write a share of the
 * changed detectors ({@link DetectorStore#checkpoint()}).
 */
public final class DetectorProcessor implements Processor<Object, Object, Object, Object> {

    /** The base of every detector's seed (isolation forest): a series' seed is this mixed with its key. */
    public static final long SEED = 0x5EED_A1B5L;

    /** How often the changed detectors are checkpointed, a share at a time. */
    public static final Duration CHECKPOINT_TICK = Duration.ofSeconds(1);

    private final DetectionPolicy policy;
    private final ScoringSettings settings;
    private final ScoreListener listener;
    private final String sink;
    private @Nullable ProcessorContext<Object, Object> context;
    private @Nullable DetectorStore store;
    private @Nullable KeyValueStore<Bytes, byte[]> readings;

    public DetectorProcessor(DetectionPolicy policy, ScoringSettings settings, ScoreListener listener, String sink) {
        this.policy = policy;
        this.settings = settings;
        this.listener = listener;
        this.sink = sink;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        this.context = context;
        DetectorStore detectors = context.getStateStore(AnomalyStores.DETECTORS);
        this.store = detectors;
        this.readings = context.getStateStore(FeatureStores.READINGS);
        context.schedule(CHECKPOINT_TICK, PunctuationType.WALL_CLOCK_TIME, now -> detectors.checkpoint());
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
                    detectors.detector(key, () -> Detectors.create(method, SEED ^ Arrays.hashCode(key.get())), t);
            if (!detector.caughtUp()) {
                catchUp(detectors, key, detector, series, t, sensitivity);
            }
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

    /** Has a detector read back from the store learn the series' readings after its last one and before {@code t}. */
    private void catchUp(
            DetectorStore detectors,
            Bytes key,
            DetectorStore.Held detector,
            SeriesKey series,
            long t,
            double sensitivity) {
        MetricSeries missed =
                DeviceHistory.readings(Objects.requireNonNull(readings), series, detector.last() + 1, t - 1);
        long[] times = missed.timestamps();
        double[] values = missed.values();
        for (int i = 0; i < times.length; i++) {
            detector.detector().update(times[i], values[i], sensitivity);
            detectors.learnt(key, detector, times[i]);
        }
        detectors.caughtUp(detector);
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
