package io.aihub.topology.anomaly;

/**
 * In-stream scoring settings.
 *
 * @param sensitivity a reading is an anomaly when its score reaches this many robust standard deviations (1.0-5.0,
 *     default 3.0, as the documented {@code sensitivity}); lower finds more anomalies
 */
public record ScoringSettings(double sensitivity) {

    public static final double DEFAULT_SENSITIVITY = 3.0;

    public ScoringSettings {
        if (!(sensitivity >= 1.0 && sensitivity <= 5.0)) {
            throw new IllegalArgumentException("sensitivity must be between 1.0 and 5.0, was " + sensitivity);
        }
    }

    public static ScoringSettings defaults() {
        return new ScoringSettings(DEFAULT_SENSITIVITY);
    }
}
