package io.aihub.topology.forecast;

import io.aihub.topology.forecast.internal.SeriesIndex;
import io.aihub.topology.forecast.internal.SpreadQuantiles;
import io.aihub.topology.models.SeasonalProfileModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The forecaster that needs no training, used until a model is promoted. At each issue time it builds the hour-of-week
 * profile ({@link SeasonalProfileModel}: per-cell medians) of the last {@value #PROFILE_WEEKS} weeks, shifts it by the
 * mean residual of the last 24 h (level adjustment), and takes p10/p90 from the spread of its own day-ahead errors over
 * the last {@value #ERROR_DAYS} days (out of sample: each day's forecast made from what came before it), widened by
 * {@code sqrt(days ahead)}. Needs 24 h of history. An hour of the week without a value in the window (a series younger
 * than a week) takes the median of its hour of day over the window instead.
 */
public final class SeasonalBaselineForecaster implements Forecaster {

    /** The name reported with its forecasts. */
    public static final String NAME = "seasonal_baseline";
    /** Weeks of history the profile is built from. */
    public static final int PROFILE_WEEKS = 12;
    /** Days of past day-ahead errors the interval is taken from. */
    public static final int ERROR_DAYS = 28;

    /** Past errors of full-profile forecasts below which the hour-of-day fallback's errors count too: one day's. */
    private static final int MIN_WEEKLY_ERRORS = 24;

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 7 * DAY;

    /** Intervals computed, by fingerprint of what they were computed from; null: none kept. */
    private final @Nullable Map<Long, SpreadQuantiles> memo;

    /** A forecaster that keeps nothing between forecasts (thread-safe). */
    public SeasonalBaselineForecaster() {
        this.memo = null;
    }

    private SeasonalBaselineForecaster(int capacity) {
        this.memo = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, SpreadQuantiles> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * A forecaster that remembers the intervals of its last {@code capacity} (history, UTC day) pairs: a series'
     * hourly forecasts of one day compute their interval once. The interval depends only on the values before the
     * issue time's UTC midnight, so it is looked up by a 64-bit fingerprint of those values (their times and bits) and
     * the midnight: the same forecasts as {@link #SeasonalBaselineForecaster()}, without the repeated work. Not
     * thread-safe: one per stream task.
     */
    public static SeasonalBaselineForecaster memoizing(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        return new SeasonalBaselineForecaster(capacity);
    }

    @Override
    public List<ForecastPoint> forecast(History history, ForecastRequest request) {
        SeriesIndex series = history.index();
        int c = IssueIndex.of(series, request, 24, NAME);
        long issue = request.issuedAt().toEpochMilli();
        Profile profile = profile(series, c);
        double level = level(series, profile, c);
        SpreadQuantiles spread = spread(series, issue);
        var points = new ArrayList<ForecastPoint>(request.steps());
        for (int k = 1; k <= request.steps(); k++) {
            Instant target = request.targetTime(k);
            double w = SpreadQuantiles.widening(target.toEpochMilli() - issue);
            double p50 = profile.expectedOrZero(target.toEpochMilli()) + level;
            points.add(request.type().point(target, p50 + spread.e10() * w, p50, p50 + spread.e90() * w));
        }
        return points;
    }

    /** The mean of {@code y - profile} over the 24 h up to index {@code last}. */
    private static double level(SeriesIndex series, Profile profile, int last) {
        long end = series.time(last);
        double sum = 0;
        int n = 0;
        for (int i = last; i >= 0 && series.time(i) > end - DAY; i--) {
            sum += series.value(i) - profile.expectedOrZero(series.time(i));
            n++;
        }
        return sum / n;
    }

    /** The profiles of the {@value #PROFILE_WEEKS} weeks up to index {@code last}. */
    private static Profile profile(SeriesIndex series, int last) {
        int from = series.lastAtOrBefore(series.time(last) - PROFILE_WEEKS * 7 * DAY) + 1;
        long[] times = new long[last + 1 - from];
        double[] values = new double[times.length];
        for (int i = from; i <= last; i++) {
            times[i - from] = series.time(i);
            values[i - from] = series.value(i);
        }
        return new Profile(SeasonalProfileModel.train(times, values), hourOfDayMedians(times, values));
    }

    /** The median of each UTC hour of the day (NaN for an hour without values). */
    private static double[] hourOfDayMedians(long[] times, double[] values) {
        double[][] cells = new double[24][values.length];
        int[] counts = new int[24];
        for (int i = 0; i < values.length; i++) {
            int hour = (int) Math.floorMod(Math.floorDiv(times[i], HOUR), 24L);
            cells[hour][counts[hour]++] = values[i];
        }
        double[] medians = new double[24];
        for (int h = 0; h < 24; h++) {
            double[] cell = Arrays.copyOf(cells[h], counts[h]);
            Arrays.sort(cell);
            int n = cell.length;
            medians[h] = n == 0 ? Double.NaN : n % 2 == 1 ? cell[n / 2] : (cell[n / 2 - 1] + cell[n / 2]) / 2;
        }
        return medians;
    }

    /**
     * The expected value at a time: its hour-of-week cell's median, else its hour of day's median over the window,
     * else NaN (the level alone is then forecast: 0 here, plus the level).
     */
    private record Profile(SeasonalProfileModel week, double[] hourOfDay) {

        double expected(long epochMillis) {
            double median = week.expected(SeasonalProfileModel.hourOfWeek(epochMillis));
            if (Double.isNaN(median)) {
                median = hourOfDay[(int) Math.floorMod(Math.floorDiv(epochMillis, HOUR), 24L)];
            }
            return median;
        }

        boolean hasWeekCell(long epochMillis) {
            return !Double.isNaN(week.expected(SeasonalProfileModel.hourOfWeek(epochMillis)));
        }

        double expectedOrZero(long epochMillis) {
            double median = expected(epochMillis);
            return Double.isNaN(median) ? 0 : median;
        }
    }

    /** The error spread of the days before the issue time's UTC midnight, from the memo if it has it. */
    private SpreadQuantiles spread(SeriesIndex series, long issue) {
        long midnight = Math.floorDiv(issue, DAY) * DAY;
        int last = series.lastAtOrBefore(midnight - 1);
        if (last < 0) {
            return SpreadQuantiles.of(new double[0], 0);
        }
        if (memo == null) {
            return errorSpread(series, last, midnight);
        }
        long key = fingerprint(series, last, midnight);
        SpreadQuantiles known = memo.get(key);
        if (known == null) {
            known = errorSpread(series, last, midnight);
            memo.put(key, known);
        }
        return known;
    }

    /**
     * A 64-bit fingerprint of everything {@link #errorSpread} reads: the midnight, the first value's time, and the
     * times and values from the earliest profile window's start to {@code last}.
     */
    private static long fingerprint(SeriesIndex series, int last, long midnight) {
        int oldestIssue = series.lastAtOrBefore(midnight - ERROR_DAYS * DAY - 1);
        int from = oldestIssue < 0 ? 0 : series.lastAtOrBefore(series.time(oldestIssue) - PROFILE_WEEKS * WEEK) + 1;
        long h = mix(midnight ^ mix(series.time(0)));
        for (int i = from; i <= last; i++) {
            h = mix(h ^ series.time(i));
            h = mix(h ^ Double.doubleToRawLongBits(series.value(i)));
        }
        return h;
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The spread of the baseline's day-ahead errors, out of sample: for each of the {@value #ERROR_DAYS} UTC days before
     * {@code midnight}, the forecast the baseline would have issued at its start (the profile and level of what came
     * before) against the day's values. The errors of hours whose hour-of-week cell had a value are used if there are at least {@value
     * #MIN_WEEKLY_ERRORS} of them, else those of the hour-of-day fallback too (a series younger than about 8 days).
     */
    private static SpreadQuantiles errorSpread(SeriesIndex series, int last, long midnight) {
        int first = series.lastAtOrBefore(midnight - ERROR_DAYS * DAY - 1);
        int capacity = Math.max(0, last - first);
        double[] weekly = new double[capacity];
        double[] daily = new double[capacity];
        int nWeekly = 0;
        int nDaily = 0;
        for (int day = ERROR_DAYS; day >= 1; day--) {
            int issue = series.lastAtOrBefore(midnight - day * DAY - 1); // the values before the day
            if (issue < 0 || midnight - day * DAY - series.time(0) < DAY) { // as a forecast issued at the day start
                continue;
            }
            Profile before = profile(series, issue);
            double level = level(series, before, issue);
            int stop = series.lastAtOrBefore(midnight - (day - 1) * DAY - 1);
            for (int i = issue + 1; i <= stop && nWeekly + nDaily < capacity; i++) {
                long t = series.time(i);
                double median = before.expected(t);
                if (Double.isNaN(median)) {
                    continue;
                }
                if (before.hasWeekCell(t)) {
                    weekly[nWeekly++] = series.value(i) - (median + level);
                } else {
                    daily[nDaily++] = series.value(i) - (median + level);
                }
            }
        }
        if (nWeekly >= MIN_WEEKLY_ERRORS) {
            return SpreadQuantiles.of(Arrays.copyOf(weekly, nWeekly), nWeekly);
        }
        double[] all = Arrays.copyOf(weekly, nWeekly + nDaily);
        System.arraycopy(daily, 0, all, nWeekly, nDaily);
        return SpreadQuantiles.of(all, all.length);
    }

    @Override
    public String name() {
        return NAME;
    }
}
