package io.aihub.topology.forecast;

import java.time.Instant;

/**
 * One forecast to compute: target times {@code issuedAt + k * interval} for {@code k = 1..steps()}.
 *
 * @param type what is forecast
 * @param issuedAt the issue time: the forecast reads only history at or before it
 * @param horizonHours how far ahead, 1-168 hours
 * @param intervalMinutes the spacing of the target times, 15-1440 minutes
 */
public record ForecastRequest(ForecastType type, Instant issuedAt, int horizonHours, int intervalMinutes) {

    /** The largest horizon, in hours (one week). */
    public static final int MAX_HORIZON_HOURS = 168;
    /** The finest interval, in minutes. */
    public static final int MIN_INTERVAL_MINUTES = 15;
    /** The coarsest interval, in minutes (one day). */
    public static final int MAX_INTERVAL_MINUTES = 1440;

    public ForecastRequest {
        if (horizonHours < 1 || horizonHours > MAX_HORIZON_HOURS) {
            throw new ForecastValidationException(
                    "horizon_hours", "must be in 1.." + MAX_HORIZON_HOURS + ", was " + horizonHours);
        }
        if (intervalMinutes < MIN_INTERVAL_MINUTES || intervalMinutes > MAX_INTERVAL_MINUTES) {
            throw new ForecastValidationException(
                    "interval_minutes",
                    "must be in " + MIN_INTERVAL_MINUTES + ".." + MAX_INTERVAL_MINUTES + ", was " + intervalMinutes);
        }
    }

    /** An hourly load forecast of {@code horizonHours} steps. */
    public static ForecastRequest hourly(Instant issuedAt, int horizonHours) {
        return new ForecastRequest(ForecastType.LOAD, issuedAt, horizonHours, 60);
    }

    /**
     * The number of target times: {@code floor(horizonHours * 60 / intervalMinutes)}, at least 1 (an interval longer
     * than the horizon gives the one step {@code issuedAt + interval}).
     */
    public int steps() {
        return Math.max(1, horizonHours * 60 / intervalMinutes);
    }

    /** The target time of step {@code k} (1-based). */
    public Instant targetTime(int k) {
        return issuedAt.plusSeconds(60L * intervalMinutes * k);
    }
}
