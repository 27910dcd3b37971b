package io.aihub.topology.forecast;

import io.aihub.topology.forecast.internal.SeriesIndex;

/** Where a forecast starts in its history, and the forecasters' shared check that enough history precedes it. */
final class IssueIndex {

    private IssueIndex() {}

    /**
     * The index of the last value at or before the request's issue time.
     *
     * @throws ForecastValidationException (field {@code historical_data}) unless at least {@code minHistoryHours} of
     *     history end there
     */
    static int of(SeriesIndex series, ForecastRequest request, int minHistoryHours, String forecaster) {
        int c = series.lastAtOrBefore(request.issuedAt().toEpochMilli());
        if (c < 0 || series.time(c) - series.time(0) < minHistoryHours * 3_600_000L) {
            throw new ForecastValidationException(
                    "historical_data",
                    forecaster + " needs " + minHistoryHours + " h of history before the issue time "
                            + request.issuedAt());
        }
        return c;
    }
}
