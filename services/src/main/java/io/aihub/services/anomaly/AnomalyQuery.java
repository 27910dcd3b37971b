package io.aihub.services.anomaly;

import io.aihub.services.api.Ids;
import io.aihub.services.api.Timestamps;
import io.aihub.services.api.Violations;
import io.aihub.topology.anomaly.detect.DetectionMethod;
import io.aihub.topology.anomaly.detect.Point;
import io.aihub.topology.anomaly.detect.Sensitivity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
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

    private static final Comparator<Point> BY_TIME = Comparator.comparingLong(Point::epochMillis);

    /**
     * Validates every field and names each one at fault.
     *
     * @throws io.aihub.services.api.RequestRejectedException 422 with the violations
     */
    static AnomalyQuery validate(AnomalyRequest request) {
        Violations violations = new Violations();
        Ids.check(request.tenantId(), "tenant_id", violations);
        Ids.check(request.assetId(), "asset_id", violations);
        List<Point> series = points(request.timeSeries(), "time_series", true, violations);
        List<Point> training = points(request.trainingData(), "training_data", false, violations);
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

    private static List<Point> points(
            @Nullable List<? extends AnomalyRequest.@Nullable PointIn> posted,
            String field,
            boolean required,
            Violations violations) {
        if (posted == null) {
            if (required) {
                violations.add(field, "is required (an array of at least " + MIN_SERIES_POINTS + " points)");
            }
            return List.of();
        }
        if (required && posted.size() < MIN_SERIES_POINTS) {
            violations.add(field, "must have at least " + MIN_SERIES_POINTS + " points, got " + posted.size());
        }
        if (posted.size() > MAX_POINTS) {
            violations.add(field, "must have at most " + MAX_POINTS + " points, got " + posted.size());
            return List.of();
        }
        List<Point> points = new ArrayList<>(posted.size());
        for (int i = 0; i < posted.size(); i++) {
            var in = posted.get(i);
            String at = field + "[" + i + "]";
            if (in == null) {
                violations.add(at, "must be a point object {timestamp, value}");
                continue;
            }
            Instant timestamp = null;
            if (in.timestamp() == null) {
                violations.add(at + ".timestamp", "is required");
            } else {
                timestamp = Timestamps.parse(in.timestamp(), at + ".timestamp", violations);
            }
            Double value = in.value();
            if (value == null) {
                violations.add(at + ".value", "is required");
            } else if (!Double.isFinite(value)) {
                violations.add(at + ".value", "must be a finite number, got " + value);
            } else if (timestamp != null) {
                points.add(new Point(timestamp.toEpochMilli(), value));
            }
        }
        points.sort(BY_TIME);
        return List.copyOf(points);
    }
}
