package io.aihub.topology.anomaly;

import io.aihub.schemas.AnomalySeverity;

/** The documented severity bands of an anomaly score (robust standard deviations from expected). */
public final class Severity {

    private Severity() {}

    /** low 2.0-2.5, medium 2.5-3.5, high 3.5-4.5, critical above 4.5; none below 2.0 (and for NaN). */
    public static AnomalySeverity of(double score) {
        if (!(score >= 2.0)) {
            return AnomalySeverity.none;
        }
        if (score < 2.5) {
            return AnomalySeverity.low;
        }
        if (score < 3.5) {
            return AnomalySeverity.medium;
        }
        return score <= 4.5 ? AnomalySeverity.high : AnomalySeverity.critical;
    }
}
