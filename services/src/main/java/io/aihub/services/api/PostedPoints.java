package io.aihub.services.api;

import io.aihub.topology.anomaly.detect.Point;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads a posted series ({@code [{timestamp, value}, ...]}), naming each point at fault. */
public final class PostedPoints {

    private static final Comparator<Point> BY_TIME = Comparator.comparingLong(Point::epochMillis);

    private PostedPoints() {}

    /**
     * The valid points sorted by timestamp (stable: equal timestamps keep their order); each invalid one adds a
     * violation.
     *
     * @param minPoints at least this many points; 0: the field is optional (null gives an empty list)
     * @param maxPoints at most this many points, so a request's cost is bounded
     */
    public static List<Point> parse(
            @Nullable List<? extends @Nullable PostedPoint> posted,
            String field,
            int minPoints,
            int maxPoints,
            Violations violations) {
        if (posted == null) {
            if (minPoints > 0) {
                violations.add(field, "is required (an array of at least " + minPoints + " points)");
            }
            return List.of();
        }
        if (posted.size() < minPoints) {
            violations.add(field, "must have at least " + minPoints + " points, got " + posted.size());
        }
        if (posted.size() > maxPoints) {
            violations.add(field, "must have at most " + maxPoints + " points, got " + posted.size());
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
