package io.aihub.topology.forecast;

import io.aihub.topology.forecast.internal.SeriesIndex;
import io.aihub.topology.forecast.internal.SpreadQuantiles;
import io.aihub.topology.models.SeasonalProfileModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The forecaster that needs no training, used until a model is promoted. At each issue time it builds the hour-of-week
 * profile ({@link SeasonalProfileModel}: per-cell medians) of the last {@value #PROFILE_WEEKS} weeks, shifts it by the
 * mean residual of the last 24 h (level adjustment), and takes p10/p90 from the spread of its own day-ahead errors over
 * the last {@value #ERROR_DAYS} days (out of sample: each day's forecast made from what came before it), widened by
 * {@code sqrt(days ahead)}. Needs 24 h of history; hours of the week
 * without a value in the window forecast the level alone.
 */
public final class SeasonalBaselineForecaster implements Forecaster {

    /** The name reported with its forecasts. */
    public static final String NAME = "seasonal_baseline";
    /** Weeks of history the profile is built from. */
    public static final int PROFILE_WEEKS = 12;
    /** Days of past day-ahead errors the interval is taken from. */
    public static final int ERROR_DAYS = 28;

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    @Override
    public List<ForecastPoint> forecast(History history, ForecastRequest request) {
        SeriesIndex series = history.index();
        int c = IssueIndex.of(series, request, 24, NAME);
        long issue = request.issuedAt().toEpochMilli();
        SeasonalProfileModel profile = profile(series, c);
        double level = level(series, profile, c);
        SpreadQuantiles spread = errorSpread(series, c);
        var points = new ArrayList<ForecastPoint>(request.steps());
        for (int k = 1; k <= request.steps(); k++) {
            Instant target = request.targetTime(k);
            double w = SpreadQuantiles.widening(target.toEpochMilli() - issue);
            double p50 = expected(profile, target.toEpochMilli()) + level;
            points.add(request.type().point(target, p50 + spread.e10() * w, p50, p50 + spread.e90() * w));
        }
        return points;
    }

    /** The mean of {@code y - profile} over the 24 h up to index {@code last}. */
    private static double level(SeriesIndex series, SeasonalProfileModel profile, int last) {
        long end = series.time(last);
        double sum = 0;
        int n = 0;
        for (int i = last; i >= 0 && series.time(i) > end - DAY; i--) {
            sum += series.value(i) - expected(profile, series.time(i));
            n++;
        }
        return sum / n;
    }

    /** The profile of the {@value #PROFILE_WEEKS} weeks up to index {@code last}. */
    private static SeasonalProfileModel profile(SeriesIndex series, int last) {
        int from = series.lastAtOrBefore(series.time(last) - PROFILE_WEEKS * 7 * DAY) + 1;
        long[] times = new long[last + 1 - from];
        double[] values = new double[times.length];
        for (int i = from; i <= last; i++) {
            times[i - from] = series.time(i);
            values[i - from] = series.value(i);
        }
        return SeasonalProfileModel.train(times, values);
    }

    /**
     * The spread of the baseline's day-ahead errors, out of sample: for each of the last {@value #ERROR_DAYS} days, the
     * forecast the baseline would have issued at its start (the profile and level of what came before) against the
     * day's values. Hours whose cell had no value yet are left out (they forecast the level alone, which says little
     * about a full profile's errors).
     */
    private static SpreadQuantiles errorSpread(SeriesIndex series, int last) {
        long end = series.time(last);
        int first = series.lastAtOrBefore(end - ERROR_DAYS * DAY);
        double[] errors = new double[Math.max(0, last - first)];
        int n = 0;
        for (int day = ERROR_DAYS; day >= 1; day--) {
            int issue = series.lastAtOrBefore(end - day * DAY);
            if (issue < 0 || series.time(issue) - series.time(0) < DAY) {
                continue;
            }
            SeasonalProfileModel before = profile(series, issue);
            double level = level(series, before, issue);
            int stop = series.lastAtOrBefore(end - (day - 1) * DAY);
            for (int i = issue + 1; i <= stop && n < errors.length; i++) {
                double median = before.expected(SeasonalProfileModel.hourOfWeek(series.time(i)));
                if (!Double.isNaN(median)) {
                    errors[n++] = series.value(i) - (median + level);
                }
            }
        }
        return SpreadQuantiles.of(Arrays.copyOf(errors, n), n);
    }

    private static double expected(SeasonalProfileModel profile, long epochMillis) {
        double median = profile.expected(SeasonalProfileModel.hourOfWeek(epochMillis));
        return Double.isNaN(median) ? 0 : median;
    }

    @Override
    public String name() {
        return NAME;
    }
}
