package io.aihub.topology.forecast;

import io.aihub.topology.forecast.internal.SeriesIndex;
import io.aihub.topology.forecast.internal.SpreadQuantiles;
import io.aihub.topology.models.SeasonalProfileModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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

    /** The least history (hours from the first reading to the last before the issue time) it forecasts from. */
    public static final int MIN_HISTORY_HOURS = 24;
    /** Weeks of history the profile is built from. */
    public static final int PROFILE_WEEKS = 12;
    /** Days of past day-ahead errors the interval is taken from. */
    public static final int ERROR_DAYS = 28;

    /** Past errors of full-profile forecasts below which the hour-of-day fallback's errors count too: one day's. */
    private static final int MIN_WEEKLY_ERRORS = 24;

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    @Override
    public List<ForecastPoint> forecast(History history, ForecastRequest request) {
        SeriesIndex series = history.index();
        int c = IssueIndex.of(series, request, MIN_HISTORY_HOURS, NAME);
        long issue = request.issuedAt().toEpochMilli();
        Profile profile = profile(series, c);
        double level = level(series, profile, c);
        SpreadQuantiles spread = errorSpread(series, c);
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

    /**
     * The spread of the baseline's day-ahead errors, out of sample: for each of the last {@value #ERROR_DAYS} days, the
     * forecast the baseline would have issued at its start (the profile and level of what came before) against the
     * day's values. The errors of hours whose hour-of-week cell had a value are used if there are at least {@value
     * #MIN_WEEKLY_ERRORS} of them, else those of the hour-of-day fallback too (a series younger than about 8 days).
     */
    private static SpreadQuantiles errorSpread(SeriesIndex series, int last) {
        long end = series.time(last);
        int first = series.lastAtOrBefore(end - ERROR_DAYS * DAY);
        int capacity = Math.max(0, last - first);
        double[] weekly = new double[capacity];
        double[] daily = new double[capacity];
        int nWeekly = 0;
        int nDaily = 0;
        for (int day = ERROR_DAYS; day >= 1; day--) {
            int issue = series.lastAtOrBefore(end - day * DAY);
            if (issue < 0 || series.time(issue) - series.time(0) < DAY) {
                continue;
            }
            Profile before = profile(series, issue);
            double level = level(series, before, issue);
            int stop = series.lastAtOrBefore(end - (day - 1) * DAY);
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
    public Duration minHistory() {
        return Duration.ofHours(MIN_HISTORY_HOURS);
    }

    @Override
    public String name() {
        return NAME;
    }
}
