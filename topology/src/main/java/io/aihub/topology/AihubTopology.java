package io.aihub.topology;

import io.aihub.schemas.ModelFamily;
import io.aihub.schemas.RegistryReply;
import io.aihub.topology.anomaly.ModelScoringTopology;
import io.aihub.topology.anomaly.ScoringSettings;
import io.aihub.topology.features.FeatureSettings;
import io.aihub.topology.features.FeatureTopology;
import io.aihub.topology.registry.ModelRegistryTopology;
import io.aihub.topology.registry.ProductionModels;
import io.aihub.topology.registry.RegistryListener;
import org.apache.kafka.streams.Topology;
import org.jspecify.annotations.Nullable;

/**
 * The application's whole topology, built by one function that production and tests both call: features, in-stream
 * scoring with the registry's production models, and the model registry (writer and global stores).
 */
public final class AihubTopology {

    private AihubTopology() {}

    /**
     * @param listener told about every registry record applied on this instance (after {@code models}, which must
     *     see a change first so that scoring switches models before anyone is told the change is visible)
     */
    public static Topology build(
            FeatureSettings features,
            ScoringSettings scoring,
            Topics topics,
            ProductionModels models,
            RegistryListener listener) {
        Topology topology = FeatureTopology.build(features, topics, ModelScoringTopology.PROCESSOR);
        ModelScoringTopology.addTo(topology, topics, FeatureTopology.PROCESSOR, models, scoring);
        return ModelRegistryTopology.addTo(topology, topics, both(models, listener));
    }

    private static RegistryListener both(RegistryListener first, RegistryListener second) {
        return new RegistryListener() {
            @Override
            public void familyChanged(String familyKey, @Nullable ModelFamily family) {
                first.familyChanged(familyKey, family);
                second.familyChanged(familyKey, family);
            }

            @Override
            public void replied(RegistryReply reply) {
                first.replied(reply);
                second.replied(reply);
            }
        };
    }
}
