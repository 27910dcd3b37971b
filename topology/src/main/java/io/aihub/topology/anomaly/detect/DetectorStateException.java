package io.aihub.topology.anomaly.detect;

/**
 * Bytes that are not a detector's state: another method's, an unknown layout version, truncated or trailing bytes, or
 * values that break the state's invariants (a window larger than its capacity, a non-finite statistic).
 */
public final class DetectorStateException extends IllegalArgumentException {

    public DetectorStateException(String message) {
        super(message);
    }

    public DetectorStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
