package io.aihub.topology.anomaly.detect;

import io.aihub.topology.anomaly.ScoringSettings;

/**
 * The documented {@code sensitivity}: a reading is an anomaly when its score reaches it. 1.0 to 5.0, default 3.0;
 * lower finds more anomalies.
 */
public final class Sensitivity {

    public static final double MIN = 1.0;
    public static final double MAX = 5.0;
    public static final double DEFAULT = ScoringSettings.DEFAULT_SENSITIVITY;

    private Sensitivity() {}

    /**
     * @return the sensitivity
     * @throws IllegalArgumentException unless it is in [1.0, 5.0]
     */
    public static double check(double sensitivity) {
        if (!(sensitivity >= MIN && sensitivity <= MAX)) {
            throw new IllegalArgumentException("sensitivity must be between 1.0 and 5.0, was " + sensitivity);
        }
        return sensitivity;
    }
}
