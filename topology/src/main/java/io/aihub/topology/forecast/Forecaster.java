package io.aihub.topology.forecast;

import java.time.Duration;
import java.util.List;

/** Computes a probabilistic forecast from a history. Implementations are immutable and thread-safe. */
public interface Forecaster {

    /** The name reported with the forecast ({@code quantile_gbm}, {@code seasonal_baseline}, ...). */
    String name();

    /**
     * Forecasts {@link ForecastRequest#steps()} target times. Only the history's values at or before {@link
     * ForecastRequest#issuedAt()} are read, so a full series can be passed for a past issue time.
     *
     * @return one point per step, in target-time order
     * @throws ForecastValidationException if the history before the issue time is too short for this forecaster
     *     (field {@code historical_data})
     */
    List<ForecastPoint> forecast(History history, ForecastRequest request);

    /**
     * The least history, from its first reading to its last before the issue time, that {@link #forecast} accepts:
     * a history shorter than this is refused; a longer one may still be refused for other reasons. Zero when no
     * bound is known.
     */
    default Duration minHistory() {
        return Duration.ZERO;
    }
}
