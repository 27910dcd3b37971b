package io.aihub.topology;

import io.aihub.schemas.ModelFamily;
import io.aihub.schemas.RegistryReply;
import io.aihub.topology.anomaly.AnomalyTopology;
import io.aihub.topology.anomaly.ScoreListener;
import io.aihub.topology.anomaly.ScoringSettings;
import io.aihub.topology.features.FeatureSettings;
import io.aihub.topology.features.FeatureTopology;
import io.aihub.topology.forecast.ForecastTopology;
import io.aihub.topology.maintenance.MaintenanceTopology;
import io.aihub.topology.registry.ModelRegistryTopology;
import io.aihub.topology.registry.ProductionModels;
import io.aihub.topology.registry.RegistryListener;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.jspecify.annotations.Nullable;

/**
 * The application's whole topology, built by one function that production and tests both call: features, in-stream
 * anomaly detection (the catalog's detectors and the registry's production models), in-stream forecasts, the maintenance
 * feature views, and the model registry (writer and global stores).
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
        return build(features, scoring, topics, models, listener, ScoreListener.NONE);
    }

    /** As above, telling {@code scores} every score of the in-stream detectors (benchmarks). */
    public static Topology build(
            FeatureSettings features,
            ScoringSettings scoring,
            Topics topics,
            ProductionModels models,
            RegistryListener listener,
            ScoreListener scores) {
        Topology topology = FeatureTopology.build(
                features,
                topics,
                List.of(
                        AnomalyTopology.DETECTORS,
                        AnomalyTopology.MODEL_SCORING,
                        ForecastTopology.PROCESSOR,
                        MaintenanceTopology.PROCESSOR));
        AnomalyTopology.addTo(
                topology,
                topics,
                FeatureTopology.PROCESSOR,
                models,
                scoring,
                features.catalog().detectionPolicy(),
                features.retention(),
                scores);
        ForecastTopology.addTo(
                topology,
                topics,
                FeatureTopology.PROCESSOR,
                features.catalog().forecastPolicy(),
                models,
                features.retention());
        MaintenanceTopology.addTo(topology, topics, FeatureTopology.PROCESSOR);
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
