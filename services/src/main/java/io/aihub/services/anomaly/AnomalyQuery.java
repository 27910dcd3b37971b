package io.aihub.services.anomaly;

import io.aihub.services.api.Ids;
import io.aihub.services.api.PostedPoints;
import io.aihub.services.api.Violations;
import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.detect.Point;
import io.aihub.topology.anomaly.detect.Sensitivity;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A validated {@code POST /ai/anomaly} request: the series and the training data in time order, the method, the
 * sensitivity and the lookback.
 *
 * @param series the posted {@code time_series}, sorted by timestamp (stable: equal timestamps keep their order)
 * @param training the posted {@code training_data}, sorted likewise; empty when none was posted
 */
record AnomalyQuery(
        String tenantId,
        String assetId,
        DetectionMethod method,
        double sensitivity,
        int lookbackHours,
        List<Point> series,
        List<Point> training) {

    static final DetectionMethod DEFAULT_METHOD = DetectionMethod.ISOLATION_FOREST;
    static final int DEFAULT_LOOKBACK_HOURS = 168;
    static final int MAX_LOOKBACK_HOURS = 8760;
    static final int MIN_SERIES_POINTS = 2;
    /** At most this many points in {@code time_series} and in {@code training_data} each: a request's cost is bounded. */
    static final int MAX_POINTS = 20_000;

    /**
     * Validates every field and names each one at fault.
     *
     * @throws io.aihub.services.api.RequestRejectedException 422 with the violations
     */
    static AnomalyQuery validate(AnomalyRequest request) {
        Violations violations = new Violations();
        Ids.check(request.tenantId(), "tenant_id", violations);
        Ids.check(request.assetId(), "asset_id", violations);
        List<Point> series =
                PostedPoints.parse(request.timeSeries(), "time_series", MIN_SERIES_POINTS, MAX_POINTS, violations);
        List<Point> training = PostedPoints.parse(request.trainingData(), "training_data", 0, MAX_POINTS, violations);
        DetectionMethod method = DEFAULT_METHOD;
        if (request.method() != null) {
            try {
                method = DetectionMethod.of(request.method());
            } catch (IllegalArgumentException e) {
                violations.add("method", e.getMessage());
            }
        }
        double sensitivity = request.sensitivity() == null ? Sensitivity.DEFAULT : request.sensitivity();
        if (!(sensitivity >= Sensitivity.MIN && sensitivity <= Sensitivity.MAX)) {
            violations.add("sensitivity", "must be between 1.0 and 5.0, got " + request.sensitivity());
        }
        int lookbackHours = request.lookbackHours() == null ? DEFAULT_LOOKBACK_HOURS : request.lookbackHours();
        if (lookbackHours < 1 || lookbackHours > MAX_LOOKBACK_HOURS) {
            violations.add("lookback_hours", "must be between 1 and " + MAX_LOOKBACK_HOURS + ", got " + lookbackHours);
        }
        violations.throwIfAny(HttpStatus.UNPROCESSABLE_CONTENT, "Invalid anomaly detection request");
        return new AnomalyQuery(
                request.tenantId(), request.assetId(), method, sensitivity, lookbackHours, series, training);
    }
}
