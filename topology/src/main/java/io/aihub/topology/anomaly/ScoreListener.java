package io.aihub.topology.anomaly;

import io.aihub.schemas.FeatureVector;
import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.detect.Scored;

/**
 * Told every score the in-stream detectors give, anomaly or not, on the stream thread (keep it cheap). The
 * {@code anomalies} topic carries only anomalies; benchmarks that need every score (NAB) listen here.
 */
@FunctionalInterface
public interface ScoreListener {

    ScoreListener NONE = (vector, method, scored) -> {};

    void scored(FeatureVector vector, DetectionMethod method, Scored scored);
}
