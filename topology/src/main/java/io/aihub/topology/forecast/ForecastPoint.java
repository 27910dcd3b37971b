package io.aihub.topology.forecast;

import java.time.Instant;

/**
 * The forecast of one target time: three quantiles, ordered {@code p10 <= p50 <= p90}, all finite.
 *
 * @param targetTime the time forecast
 * @param p10 the 10th percentile
 * @param p50 the median, the point forecast
 * @param p90 the 90th percentile
 */
public record ForecastPoint(Instant targetTime, double p10, double p50, double p90) {

    public ForecastPoint {
        if (!(Double.isFinite(p10) && Double.isFinite(p90) && p10 <= p50 && p50 <= p90)) {
            throw new IllegalArgumentException("quantiles must be finite and ordered p10 <= p50 <= p90, were " + p10
                    + ", " + p50 + ", " + p90 + " at " + targetTime);
        }
    }
}
