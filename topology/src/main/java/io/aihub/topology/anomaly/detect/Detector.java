package io.aihub.topology.anomaly.detect;

/**
 * A streaming anomaly detector over one series: each reading is scored against the state learned from the earlier
 * readings only, then learned (score-then-learn, so a reading never judges itself). Scores are robust standard
 * deviations from expected for every method, so the severity bands and the sensitivity mean the same whichever
 * scored.
 *
 * <p>Not thread-safe: one instance per series, used by one thread at a time. Its whole state round-trips through
 * {@link #toBytes()} and {@link Detectors#fromBytes(byte[])}, and a restored detector continues with the scores the
 * original would have given.
 *
 * <p>The sensitivity is passed with each reading (it is not part of the state), so a changed setting applies to the
 * next reading without touching stored state.
 */
public sealed interface Detector
        permits ZScoreDetector,
                IqrDetector,
                SeasonalDecompositionDetector,
                IsolationForestDetector,
                LocalOutlierFactorDetector,
                SeasonalLikelihoodDetector {

    /** The documented method name, e.g. {@code z_score}. */
    String method();

    /**
     * Scores a reading against the earlier readings, then learns it.
     *
     * @param epochMillis when the reading was taken (readings are expected in time order)
     * @param value the reading, finite
     * @param sensitivity the threshold, 1.0 to 5.0: {@code anomaly = score >= sensitivity}
     * @throws IllegalArgumentException if the value is not finite or the sensitivity is out of range
     */
    Scored update(long epochMillis, double value, double sensitivity);

    /**
     * Learns a reading without scoring it (training), as {@link #update} would after scoring.
     *
     * @throws IllegalArgumentException if the value is not finite
     */
    void learn(long epochMillis, double value);

    /** How many readings the detector has learned. */
    long count();

    /** The state, in the method's versioned binary layout (see {@code topology/ANOMALY.md} for its size bound). */
    byte[] toBytes();
}
