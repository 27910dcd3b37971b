package io.aihub.topology.anomaly.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic series with known outliers, from fixed seeds. */
final class Series {

    /** Monday 2024-01-01T00:00Z. */
    static final long MONDAY = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    static final long FIVE_MINUTES = 300_000L;
    static final long TEN_MINUTES = 600_000L;
    static final double SIGMA = 2;

    private Series() {}

    /** n readings every 5 minutes of 50 + N(0, 2²). */
    static List<Point> noise(long seed, int n) {
        var random = new Random(seed);
        var points = new ArrayList<Point>(n);
        for (int i = 0; i < n; i++) {
            points.add(new Point(MONDAY + i * FIVE_MINUTES, 50 + SIGMA * random.nextGaussian()));
        }
        return points;
    }

    /** The noise with {@code delta} added to the readings at the given indices. */
    static List<Point> withSpikes(List<Point> clean, double delta, int... at) {
        var points = new ArrayList<>(clean);
        for (int i : at) {
            Point p = points.get(i);
            points.set(i, new Point(p.epochMillis(), p.value() + (i % 2 == 0 ? delta : -delta)));
        }
        return points;
    }

    /** The noise with {@code delta} added to every reading from index {@code from} on. */
    static List<Point> withLevelShift(List<Point> clean, double delta, int from) {
        var points = new ArrayList<>(clean);
        for (int i = from; i < points.size(); i++) {
            Point p = points.get(i);
            points.set(i, new Point(p.epochMillis(), p.value() + delta));
        }
        return points;
    }

    /**
     * Three weeks of readings every 10 minutes from Monday: a daily wave peaking at 14:00, {@code 100 + 20 cos(2π (hour
     * - 14) / 24)}, a smooth weekday bump of up to 15 between 08:00 and 18:00, plus N(0, 1).
     */
    static List<Point> seasonal(long seed) {
        var random = new Random(seed);
        int n = 3 * 7 * 24 * 6;
        var points = new ArrayList<Point>(n);
        for (int i = 0; i < n; i++) {
            long t = MONDAY + i * TEN_MINUTES;
            points.add(new Point(t, seasonalShape(t) + random.nextGaussian()));
        }
        return points;
    }

    static double seasonalShape(long epochMillis) {
        double hour = (epochMillis - MONDAY) % 86_400_000L / 3_600_000.0;
        int day = (int) ((epochMillis - MONDAY) / 86_400_000L % 7);
        double office = day < 5 && hour >= 8 && hour < 18 ? 15 * Math.sin(Math.PI * (hour - 8) / 10) : 0;
        return 100 + 20 * Math.cos(2 * Math.PI * (hour - 14) / 24) + office;
    }

    /** Index of the reading at 03:00 on Thursday of the third week, near the trough of the day. */
    static final int WRONG_HOUR = (2 * 7 + 3) * 24 * 6 + 3 * 6;

    /** The seasonal series with the reading at {@link #WRONG_HOUR} replaced by the Thursday 14:00 level. */
    static List<Point> seasonalWithWrongHourSpike(long seed) {
        var points = new ArrayList<>(seasonal(seed));
        Point p = points.get(WRONG_HOUR);
        long afternoon = p.epochMillis() + 11 * 3_600_000L;
        points.set(WRONG_HOUR, new Point(p.epochMillis(), seasonalShape(afternoon)));
        return points;
    }
}
