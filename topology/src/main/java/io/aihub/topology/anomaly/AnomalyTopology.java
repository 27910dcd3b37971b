package io.aihub.topology.anomaly;

import io.aihub.topology.Topics;
import io.aihub.topology.anomaly.internal.AnomalyLogProcessor;
import io.aihub.topology.anomaly.internal.DetectorProcessor;
import io.aihub.topology.anomaly.internal.ModelScoringProcessor;
import io.aihub.topology.catalog.DetectionPolicy;
import io.aihub.topology.features.FeatureStores;
import io.aihub.topology.registry.ProductionModels;
import java.time.Duration;
import org.apache.kafka.streams.Topology;

/**
 * In-stream anomaly detection, two children of the feature processor (they see each feature vector as it is made,
 * without re-reading the features topic):
 *
 * <ul>
 *   <li>{@link #DETECTORS}: the catalog's detectors per tenant and asset ({@link DetectionPolicy}), their state per
 *       series in {@link AnomalyStores#DETECTORS};
 *   <li>{@link #MODEL_SCORING}: the registry's production anomaly models (read through the registry's global store,
 *       so the registry's nodes must be in the same topology).
 * </ul>
 *
 * Both forward their anomalies to {@link #LOG}, which keeps them in {@link AnomalyStores#ANOMALY_LOG} and passes
 * them to the {@code anomalies} topic.
 */
public final class AnomalyTopology {

    public static final String DETECTORS = "aihub-anomaly-detectors";
    public static final String MODEL_SCORING = "aihub-model-scoring-processor";
    public static final String LOG = "aihub-anomaly-log-processor";
    public static final String ANOMALIES_SINK = "aihub-anomalies-sink";

    private AnomalyTopology() {}

    /**
     * Adds the detectors, the model scoring, the log and the sink under {@code parent}, which must forward every
     * feature vector to {@link #DETECTORS} and {@link #MODEL_SCORING} and own {@link FeatureStores#READINGS} (the
     * model scoring reads it).
     *
     * @param retention how long the anomaly log keeps events behind each asset's newest anomaly
     */
    public static Topology addTo(
            Topology topology,
            Topics topics,
            String parent,
            ProductionModels models,
            ScoringSettings settings,
            DetectionPolicy policy,
            Duration retention,
            ScoreListener listener) {
        topology.addProcessor(DETECTORS, () -> new DetectorProcessor(policy, settings, listener, LOG), parent);
        topology.addProcessor(MODEL_SCORING, () -> new ModelScoringProcessor(models, settings, LOG), parent);
        topology.addProcessor(LOG, () -> new AnomalyLogProcessor(retention, ANOMALIES_SINK), DETECTORS, MODEL_SCORING);
        topology.addStateStore(AnomalyStores.detectors(), DETECTORS);
        topology.addStateStore(AnomalyStores.anomalyLog(), LOG);
        // the models' metric:<name> inputs: the device's other metrics, from the feature processor's readings; the
        // detectors catch up from them after a restart
        topology.connectProcessorAndStateStores(MODEL_SCORING, FeatureStores.READINGS);
        topology.connectProcessorAndStateStores(DETECTORS, FeatureStores.READINGS);
        topology.addSink(
                ANOMALIES_SINK,
                topics.anomalies().name(),
                topics.anomalies().keySerde().serializer(),
                topics.anomalies().valueSerde().serializer(),
                LOG);
        return topology;
    }
}
