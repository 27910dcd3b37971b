package io.aihub.topology.anomaly;

import io.aihub.topology.Topics;
import io.aihub.topology.anomaly.internal.ModelScoringProcessor;
import io.aihub.topology.registry.ProductionModels;
import org.apache.kafka.streams.Topology;

/**
 * In-stream anomaly scoring with the registry's production models: a child of the feature processor (it sees each
 * feature vector as it is made, without re-reading the features topic), writing to the {@code anomalies} topic.
 * Reads the registry through its global store, so the registry's nodes must be in the same topology.
 */
public final class ModelScoringTopology {

    public static final String PROCESSOR = "aihub-model-scoring-processor";
    public static final String ANOMALIES_SINK = "aihub-anomalies-sink";

    private ModelScoringTopology() {}

    /** Adds the scoring processor as a child of {@code parent} (which must forward feature vectors to it). */
    public static Topology addTo(
            Topology topology, Topics topics, String parent, ProductionModels models, ScoringSettings settings) {
        topology.addProcessor(PROCESSOR, () -> new ModelScoringProcessor(models, settings, ANOMALIES_SINK), parent);
        topology.addSink(
                ANOMALIES_SINK,
                topics.anomalies().name(),
                topics.anomalies().keySerde().serializer(),
                topics.anomalies().valueSerde().serializer(),
                PROCESSOR);
        return topology;
    }
}
