package io.aihub.topology.forecast;

import io.aihub.topology.forecast.internal.SeriesIndex;
import io.aihub.topology.forecast.internal.SpreadQuantiles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference: the value at the same time of day on the most recent observed day, {@code y(t - 24 h * ceil(lead /
 * 24 h))} (for leads up to 24 h simply {@code y(t - 24 h)}). p10/p90 add the 10th/90th percentiles of the 24 h changes
 * {@code y(t) - y(t - 24 h)} of the last {@value #ERROR_DAYS} days, widened by {@code sqrt(days ahead)}. Needs 24 h of
 * history.
 */
public final class SeasonalNaiveForecaster implements Forecaster {

    /** The name reported with its forecasts. */
    public static final String NAME = "seasonal_naive";
    /** Days of past 24 h changes the interval is taken from. */
    public static final int ERROR_DAYS = 28;

    private static final long DAY = 86_400_000L;

    @Override
    public List<ForecastPoint> forecast(History history, ForecastRequest request) {
        SeriesIndex series = history.index();
        int c = IssueIndex.of(series, request, 24, NAME);
        long issue = request.issuedAt().toEpochMilli();
        int first = series.lastAtOrBefore(series.time(c) - ERROR_DAYS * DAY) + 1;
        double[] changes = new double[c + 1 - first];
        int n = 0;
        for (int i = first; i <= c; i++) {
            int before = series.exactly(series.time(i) - DAY);
            if (before >= 0) {
                changes[n++] = series.value(i) - series.value(before);
            }
        }
        SpreadQuantiles spread = SpreadQuantiles.of(changes, n);
        var points = new ArrayList<ForecastPoint>(request.steps());
        for (int k = 1; k <= request.steps(); k++) {
            Instant target = request.targetTime(k);
            long lead = target.toEpochMilli() - issue;
            double w = SpreadQuantiles.widening(lead);
            double p50 = series.valueAtOrBefore(target.toEpochMilli() - DAY * Math.ceilDiv(lead, DAY), c);
            points.add(request.type().point(target, p50 + spread.e10() * w, p50, p50 + spread.e90() * w));
        }
        return points;
    }

    @Override
    public String name() {
        return NAME;
    }
}
