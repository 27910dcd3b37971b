package io.aihub.topology.forecast.internal;

import java.util.List;

/**
 * The inputs of the direct multi-horizon model for one (issue time, lead) pair, built only from values at or before
 * the issue time. Every level is expressed relative to the last value {@code y0} and divided by the scale {@code s}
 * (the standard deviation of the past 168 h, floored), and so is the target: {@code (y(T + lead) - y0) / s}. The model
 * thereby learns shapes, not levels, and its intervals scale with the series' recent volatility.
 */
public final class LeadFeatures {

    /** The feature names, in row order. */
    public static final List<String> NAMES = List.of(
            "lead_hours",
            "target_hour_of_day",
            "target_day_of_week",
            "same_hour_last_day",
            "same_hour_last_week",
            "same_hour_mean_7d",
            "change_1h",
            "change_24h",
            "mean_24h",
            "mean_168h",
            "std_24h");

    /** The history the features need before the issue time, hours. */
    public static final int MIN_HISTORY_HOURS = 168;

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 168 * HOUR;
    /** 1970-01-01 was a Thursday: day 3 of a week starting on Monday (day 0). */
    private static final int EPOCH_DAY_OF_WEEK = 3;

    private LeadFeatures() {}

    /** Whether the history before the issue index covers {@link #MIN_HISTORY_HOURS}. */
    public static boolean enoughHistory(SeriesIndex series, int issueIndex) {
        return issueIndex >= 0 && series.time(issueIndex) - series.time(0) >= MIN_HISTORY_HOURS * HOUR;
    }

    /** The anchor of a forecast issued with {@code issueIndex} the last value at or before the issue time. */
    public static Anchor anchor(SeriesIndex series, int issueIndex) {
        double y0 = series.value(issueIndex);
        double mean = series.mean(issueIndex, WEEK);
        double s = series.std(issueIndex, WEEK);
        return new Anchor(issueIndex, y0, Math.max(s, 1e-6 * Math.max(1, Math.abs(mean))));
    }

    /**
     * Fills {@code row} (length {@link #NAMES}{@code .size()}) for the target time {@code issueMillis + leadMillis}.
     *
     * @param issueMillis the issue time (at or after the anchor's value)
     */
    public static void fill(SeriesIndex series, Anchor anchor, long issueMillis, long leadMillis, double[] row) {
        int c = anchor.issueIndex();
        long target = issueMillis + leadMillis;
        long lastDay = target - DAY * Math.ceilDiv(leadMillis, DAY);
        long lastWeek = target - WEEK * Math.ceilDiv(leadMillis, WEEK);
        long issueValueTime = series.time(c);
        row[0] = leadMillis / (double) HOUR;
        row[1] = Math.floorMod(Math.floorDiv(target, HOUR), 24);
        row[2] = Math.floorMod(Math.floorDiv(target, DAY) + EPOCH_DAY_OF_WEEK, 7);
        row[3] = anchor.relative(series.valueAtOrBefore(lastDay, c));
        row[4] = anchor.relative(series.valueAtOrBefore(lastWeek, c));
        double sameHour = 0;
        for (int d = 0; d < 7; d++) {
            sameHour += anchor.relative(series.valueAtOrBefore(lastDay - d * DAY, c));
        }
        row[5] = sameHour / 7;
        row[6] = anchor.relative(series.valueAtOrBefore(issueValueTime - HOUR, c));
        row[7] = anchor.relative(series.valueAtOrBefore(issueValueTime - DAY, c));
        row[8] = anchor.relative(series.mean(c, DAY));
        row[9] = anchor.relative(series.mean(c, WEEK));
        row[10] = series.std(c, DAY) / anchor.scale();
    }

    /**
     * The level and scale a forecast is expressed against.
     *
     * @param issueIndex the index of the last value at or before the issue time
     * @param y0 that value
     * @param scale the standard deviation of the 168 h up to it, floored at {@code 1e-6 * max(1, |mean|)}
     */
    public record Anchor(int issueIndex, double y0, double scale) {

        /** {@code (y - y0) / scale}; a missing value (NaN) counts as {@code y0}. */
        public double relative(double y) {
            return Double.isNaN(y) ? 0 : (y - y0) / scale;
        }

        /** The inverse of {@link #relative}. */
        public double absolute(double z) {
            return y0 + z * scale;
        }
    }
}
