package io.aihub.topology.anomaly.detect;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The documented detection methods, by their API names. */
public enum DetectionMethod {
    Z_SCORE("z_score", 1),
    IQR("iqr", 2),
    PROPHET_DECOMPOSITION("prophet_decomposition", 3),
    ISOLATION_FOREST("isolation_forest", 4),
    LOCAL_OUTLIER_FACTOR("local_outlier_factor", 5),
    SEASONAL_LIKELIHOOD("seasonal_likelihood", 6);

    private final String id;
    private final int tag;

    DetectionMethod(String id, int tag) {
        this.id = id;
        this.tag = tag;
    }

    /** The API name, e.g. {@code z_score}. */
    public String id() {
        return id;
    }

    /** The byte that marks the method's state ({@code Detector.toBytes()}). */
    int tag() {
        return tag;
    }

    /**
     * The method of an API name.
     *
     * @throws IllegalArgumentException naming the options if there is none
     */
    public static DetectionMethod of(String id) {
        for (DetectionMethod method : values()) {
            if (method.id.equals(id)) {
                return method;
            }
        }
        throw new IllegalArgumentException("unknown anomaly detection method '" + id + "', expected one of "
                + Arrays.stream(values()).map(DetectionMethod::id).collect(Collectors.joining(", ")));
    }

    static DetectionMethod ofTag(int tag) {
        for (DetectionMethod method : values()) {
            if (method.tag == tag) {
                return method;
            }
        }
        throw new DetectorStateException("not a detector state: unknown method tag " + tag);
    }
}
