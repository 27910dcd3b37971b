package io.aihub.services.anomaly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Test series, as posted JSON points ({@code timestamp}, {@code value}), hourly from {@link #START}. */
final class Series {

    static final Instant START = Instant.parse("2025-10-01T00:00:00Z");

    private Series() {}

    /**
     * {@code n} hourly points alternating 10 and 12: mean 11, sample standard deviation just over 1, so a reading
     * {@code 11 + k} scores just under {@code k} with {@code z_score}.
     */
    static List<Double> alternating(int n) {
        List<Double> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(i % 2 == 0 ? 10.0 : 12.0);
        }
        return values;
    }

    /** {@code n} values of normal noise around 50 with standard deviation 2, from a fixed seed. */
    static List<Double> noise(int n, long seed) {
        Random random = new Random(seed);
        List<Double> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(50 + 2 * random.nextGaussian());
        }
        return values;
    }

    /**
     * {@code n} values of uniform noise in 50 ± 3 (standard deviation 1.73), from a fixed seed: no value is 1.8 standard
     * deviations from the mean, so a z-score or IQR detector never reaches even the lowest band on it.
     */
    static List<Double> uniformNoise(int n, long seed) {
        Random random = new Random(seed);
        List<Double> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(50 + 6 * (random.nextDouble() - 0.5));
        }
        return values;
    }

    /** The values as hourly points starting {@code from}. */
    static List<Map<String, Object>> hourly(Instant from, List<Double> values) {
        List<Map<String, Object>> points = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            points.add(point(from.plus(Duration.ofHours(i)), values.get(i)));
        }
        return points;
    }

    static Map<String, Object> point(Instant at, double value) {
        Map<String, Object> point = new LinkedHashMap<>();
        point.put("timestamp", at.toString());
        point.put("value", value);
        return point;
    }

    static Instant hour(int i) {
        return START.plus(Duration.ofHours(i));
    }

    /** A copy of {@code values} with {@code value} at index {@code at}. */
    static List<Double> with(List<Double> values, int at, double value) {
        List<Double> copy = new ArrayList<>(values);
        copy.set(at, value);
        return copy;
    }
}
