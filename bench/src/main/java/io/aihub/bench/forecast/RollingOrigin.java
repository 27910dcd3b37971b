package io.aihub.bench.forecast;

import io.aihub.topology.forecast.ForecastAccuracy;
import io.aihub.topology.forecast.ForecastPoint;
import io.aihub.topology.forecast.ForecastRequest;
import io.aihub.topology.forecast.ForecastType;
import io.aihub.topology.forecast.Forecaster;
import io.aihub.topology.forecast.History;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A rolling-origin evaluation: forecasts issued at {@code first}, {@code first + every}, ... while the last target
 * time stays within the data, each from the whole series up to its issue time (the forecasters read nothing later),
 * each scored against the actual values at its target times.
 *
 * @param issueTimes the issue times
 * @param type the forecast type of every request
 * @param horizonHours the horizon of every request
 * @param intervalMinutes the interval of every request
 */
public record RollingOrigin(List<Instant> issueTimes, ForecastType type, int horizonHours, int intervalMinutes) {

    public RollingOrigin {
        issueTimes = List.copyOf(issueTimes);
    }

    /** Issue times from {@code first} every {@code every} while {@code issue + horizon <= last}. */
    public static RollingOrigin every(
            Instant first, Duration every, Instant last, ForecastType type, int horizonHours, int intervalMinutes) {
        var times = new ArrayList<Instant>();
        for (Instant t = first; !t.plus(Duration.ofHours(horizonHours)).isAfter(last); t = t.plus(every)) {
            times.add(t);
        }
        return new RollingOrigin(times, type, horizonHours, intervalMinutes);
    }

    /**
     * Runs one forecaster over every issue time.
     *
     * @param csv where each point is written, or null
     */
    public Outcome run(Forecaster forecaster, History series, @Nullable ForecastCsvWriter csv) {
        var score = new ForecastAccuracy();
        long missing = 0;
        long nanos = 0;
        for (Instant issue : issueTimes) {
            var request = new ForecastRequest(type, issue, horizonHours, intervalMinutes);
            long start = System.nanoTime();
            List<ForecastPoint> points = forecaster.forecast(series, request);
            nanos += System.nanoTime() - start;
            for (ForecastPoint p : points) {
                int i = series.lastIndexAtOrBefore(p.targetTime());
                if (i < 0 || series.time(i) != p.targetTime().toEpochMilli()) {
                    missing++;
                    continue;
                }
                double actual = series.value(i);
                score.add(p.p10(), p.p50(), p.p90(), actual);
                if (csv != null) {
                    csv.write(issue, p.targetTime(), p.p10(), p.p50(), p.p90(), actual);
                }
            }
        }
        return new Outcome(score, issueTimes.size(), missing, Duration.ofNanos(nanos));
    }

    /**
     * What one forecaster scored.
     *
     * @param score the accumulated errors
     * @param forecasts forecasts issued
     * @param missingActuals target times without an actual value (not scored)
     * @param forecasting the wall time spent inside {@link Forecaster#forecast}
     */
    public record Outcome(ForecastAccuracy score, int forecasts, long missingActuals, Duration forecasting) {

        /** Milliseconds per forecast. */
        public double msPerForecast() {
            return forecasting.toNanos() / 1e6 / forecasts;
        }
    }
}
