package io.aihub.topology.anomaly.detect;

import io.aihub.topology.anomaly.detect.internal.StateReader;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Detectors by method name, restored from their state, and run over a posted series. */
public final class Detectors {

    private Detectors() {}

    /**
     * A detector of the method with its default settings and no history.
     *
     * @param seed used by {@code isolation_forest} only (the other methods are deterministic without one)
     */
    public static Detector create(DetectionMethod method, long seed) {
        return switch (method) {
            case Z_SCORE -> ZScoreDetector.create();
            case IQR -> IqrDetector.create();
            case PROPHET_DECOMPOSITION -> SeasonalDecompositionDetector.create();
            case ISOLATION_FOREST -> IsolationForestDetector.create(seed);
            case LOCAL_OUTLIER_FACTOR -> LocalOutlierFactorDetector.create();
            case SEASONAL_LIKELIHOOD -> SeasonalLikelihoodDetector.create();
        };
    }

    /**
     * Restores any single-series detector from {@link Detector#toBytes()}.
     *
     * @throws DetectorStateException if the bytes are not a detector state (or a multivariate forest's, which
     *     {@link MultivariateForestDetector#fromBytes} reads)
     */
    public static Detector fromBytes(byte[] bytes) {
        int tag = StateReader.tagOf(bytes);
        if (tag < 0) {
            throw new DetectorStateException("not a detector state: no header");
        }
        return switch (DetectionMethod.ofTag(tag)) {
            case Z_SCORE -> ZScoreDetector.fromBytes(bytes);
            case IQR -> IqrDetector.fromBytes(bytes);
            case PROPHET_DECOMPOSITION -> SeasonalDecompositionDetector.fromBytes(bytes);
            case ISOLATION_FOREST -> IsolationForestDetector.fromBytes(bytes);
            case LOCAL_OUTLIER_FACTOR -> LocalOutlierFactorDetector.fromBytes(bytes);
            case SEASONAL_LIKELIHOOD -> SeasonalLikelihoodDetector.fromBytes(bytes);
        };
    }

    /**
     * Scores a posted series ({@code POST /ai/anomaly}) with a new detector of the method (default settings):
     *
     * <ol>
     *   <li>with {@code training}, the detector learns every training point, in the given order, without scoring them;
     *   <li>then it scores each point of the series in the given order, score-then-learn exactly as in-stream: a point
     *       is judged by the training and the series points before it, never by itself or later points.
     * </ol>
     *
     * Without training, the first points of the series are therefore warming up (score 0, not anomalies, the
     * explanation says how much history is missing): 30 readings for {@code z_score}, {@code iqr} and {@code
     * prophet_decomposition} (31 for the latter, whose first reading only sets the level), 100 for {@code
     * isolation_forest}, 64 for {@code local_outlier_factor}, 131 for {@code seasonal_likelihood}.
     *
     * @param series the points to score, at least one, in time order
     * @param training earlier points to learn first, in time order, or null
     * @param sensitivity the threshold, 1.0 to 5.0
     * @param seed the seed of {@code isolation_forest}'s trainings
     * @return one score per series point, in the series' order
     * @throws IllegalArgumentException if a value is not finite, the series is empty or the sensitivity out of range
     */
    public static List<Scored> detect(
            DetectionMethod method, List<Point> series, @Nullable List<Point> training, double sensitivity, long seed) {
        Sensitivity.check(sensitivity);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("the series to score is empty");
        }
        Detector detector = create(method, seed);
        if (training != null) {
            for (Point point : training) {
                detector.learn(point.epochMillis(), point.value());
            }
        }
        var scored = new ArrayList<Scored>(series.size());
        for (Point point : series) {
            scored.add(detector.update(point.epochMillis(), point.value(), sensitivity));
        }
        return scored;
    }

    /** {@link #detect(DetectionMethod, List, List, double, long)} by the method's API name. */
    public static List<Scored> detect(
            String method, List<Point> series, @Nullable List<Point> training, double sensitivity, long seed) {
        return detect(DetectionMethod.of(method), series, training, sensitivity, seed);
    }
}
