package io.aihub.topology.anomaly.internal;

import io.aihub.schemas.AnomalyEvent;
import io.aihub.schemas.FeatureVector;
import io.aihub.topology.anomaly.AnomalyStores;
import io.aihub.topology.anomaly.ScoreListener;
import io.aihub.topology.anomaly.ScoringSettings;
import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.detect.Detector;
import io.aihub.topology.anomaly.detect.DetectorStateException;
import io.aihub.topology.anomaly.detect.Detectors;
import io.aihub.topology.anomaly.detect.Scored;
import io.aihub.topology.catalog.DetectionPolicy;
import io.aihub.topology.features.SeriesKey;
import io.aihub.topology.features.internal.StoreKeys;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every feature vector's reading with the detectors the catalog's policy names for its tenant and asset, each
 * with its own state per series kept in {@link AnomalyStores#DETECTORS}, and forwards an {@link AnomalyEvent} for
 * each score that reaches the sensitivity. Detectors learn in time order: a reading at or before the last one a
 * series' detector learnt (a duplicate, or late within the grace period) is not scored again.
 */
public final class DetectorProcessor implements Processor<Object, Object, Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(DetectorProcessor.class);

    /** Detectors kept deserialised in heap per task; the least recently used beyond this are re-read when needed. */
    static final int MAX_HELD_DETECTORS = 20_000;

    /** The base of every detector's seed (isolation forest): a series' seed is this mixed with its key. */
    public static final long SEED = 0x5EED_A1B5L;

    private final DetectionPolicy policy;
    private final ScoringSettings settings;
    private final ScoreListener listener;
    private final String sink;
    private final Map<Bytes, Held> held = new LinkedHashMap<>(1024, 0.75f, true);
    private @Nullable ProcessorContext<Object, Object> context;
    private @Nullable KeyValueStore<Bytes, byte[]> store;

    private static final class Held {
        final Detector detector;
        long last;

        Held(Detector detector, long last) {
            this.detector = detector;
            this.last = last;
        }
    }

    public DetectorProcessor(DetectionPolicy policy, ScoringSettings settings, ScoreListener listener, String sink) {
        this.policy = policy;
        this.settings = settings;
        this.listener = listener;
        this.sink = sink;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
        // a revived task has its store restored from the changelog: never reuse detectors held before
        held.clear();
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
            Held detector = detector(key, method);
            if (t <= detector.last) {
                continue;
            }
            Scored scored = detector.detector.update(t, vector.getValue(), sensitivity);
            detector.last = t;
            byte[] state = detector.detector.toBytes();
            byte[] value = Arrays.copyOf(StoreKeys.longBytes(t), 8 + state.length);
            System.arraycopy(state, 0, value, 8, state.length);
            Objects.requireNonNull(store).put(key, value);
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

    private Held detector(Bytes key, DetectionMethod method) {
        Held found = held.get(key);
        if (found != null) {
            return found;
        }
        byte[] stored = Objects.requireNonNull(store).get(key);
        Held loaded = null;
        if (stored != null && stored.length > 8) {
            try {
                loaded = new Held(
                        Detectors.fromBytes(Arrays.copyOfRange(stored, 8, stored.length)), StoreKeys.toLong(stored));
            } catch (DetectorStateException e) {
                // a state this version cannot read (e.g. written by a newer one): start the series afresh
                log.warn(
                        "Cannot read the {} detector state of a series, starting it afresh: {}",
                        method.id(),
                        e.getMessage());
            }
        }
        if (loaded == null) {
            loaded = new Held(Detectors.create(method, SEED ^ Arrays.hashCode(key.get())), Long.MIN_VALUE);
        }
        held.put(key, loaded);
        if (held.size() > MAX_HELD_DETECTORS) {
            var eldest = held.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return loaded;
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

    @Override
    public void close() {
        held.clear();
    }
}
