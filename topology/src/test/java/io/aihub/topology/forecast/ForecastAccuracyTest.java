package io.aihub.topology.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastAccuracyTest {

    private static final double EPS = 1e-12;

    @Test
    void shouldComputeEveryFigureOnAHandComputedExample() {
        var score = new ForecastAccuracy();
        // given four points: errors actual - p50 = 1, 3, 0, -2; the second actual is above its p90
        score.add(8, 10, 12, 11);
        score.add(0, 5, 6, 8);
        score.add(4, 4, 4, 4);
        score.add(3, 6, 9, 4);

        assertThat(score.count()).isEqualTo(4);
        assertThat(score.mae()).isCloseTo(1.5, within(EPS));
        assertThat(score.rmse()).isCloseTo(Math.sqrt(3.5), within(EPS));
        // |error| / |actual| = 1/11, 3/8, 0, 2/4
        assertThat(score.mape()).isCloseTo(100 * (1 / 11.0 + 3 / 8.0 + 0.5) / 4, within(EPS));
        // actuals' mean 6.75, total sum of squares 34.75, errors' 14
        assertThat(score.r2()).isCloseTo(1 - 14 / 34.75, within(EPS));
        // p10 <= actual <= p90, bounds included: points 1, 3 and 4
        assertThat(score.coverage()).isCloseTo(0.75, within(EPS));
        assertThat(score.asMap())
                .containsKeys("mae", "rmse", "mape", "r2", "coverage_p10_p90")
                .containsEntry("points", 4L);
    }

    @Test
    void shouldLeaveOutFiguresThatAreNotDefined() {
        var score = new ForecastAccuracy();
        score.add(-1, 0, 1, 0);
        score.add(-1, 0, 1, 0);

        assertThat(score.mape()).isNaN();
        assertThat(score.r2()).isNaN();
        assertThat(score.asMap()).doesNotContainKeys("mape", "r2").containsEntry("mae", 0.0);
    }

    @Test
    void shouldIssueADayAheadForecastEveryHourOfTheTailFromThePastOnly() {
        // given 10 days of a known series and a tail of its last 48 h
        History history = SeasonalSeries.hourly(10 * 24, 3);
        Instant from = Instant.ofEpochMilli(history.time(history.size() - 48));
        List<Instant> issued = new java.util.ArrayList<>();
        Forecaster recording = new Forecaster() {
            @Override
            public List<ForecastPoint> forecast(History h, ForecastRequest request) {
                issued.add(request.issuedAt());
                return new SeasonalNaiveForecaster().forecast(h, request);
            }

            @Override
            public String name() {
                return "recording";
            }
        };

        ForecastAccuracy accuracy = ForecastAccuracy.holdout(recording, history, from, ForecastType.LOAD);

        // then 47 forecasts (issued at the tail's first 47 hours; the last value's hour has nothing left to score),
        // scored on every step that has an actual: sum over k of min(24, 47 - k)
        assertThat(issued).hasSize(47).first().isEqualTo(from);
        assertThat(accuracy.forecasts()).isEqualTo(47);
        long points = 0;
        for (int k = 0; k < 47; k++) {
            points += Math.min(24, 47 - k);
        }
        assertThat(accuracy.count()).isEqualTo(points);
        assertThat(accuracy.mae()).isGreaterThan(0).isLessThan(5);
    }

    @Test
    void shouldIssueAtTheSeriesOwnTimestampsSoThatTargetsFallOnThem() {
        // given 10 days of 10-minute values stamped at minute 7 of each 10 (never on a whole hour)
        int n = 10 * 24 * 6;
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = SeasonalSeries.START.toEpochMilli() + 7 * 60_000L + i * 600_000L;
            values[i] = SeasonalSeries.truth(times[i]);
        }
        History history = History.of(times, values);
        Instant from = Instant.ofEpochMilli(times[n - 48 * 6]);

        ForecastAccuracy accuracy =
                ForecastAccuracy.holdout(new SeasonalNaiveForecaster(), history, from, ForecastType.LOAD);

        // then one forecast an hour of the 48 h tail, each step scored where the tail has a value
        assertThat(accuracy.forecasts()).isEqualTo(48);
        long points = 0;
        for (int k = 0; k < 48; k++) {
            points += Math.min(24, 47 - k); // targets up to the last value, 47 h 50 min after the first
        }
        assertThat(accuracy.count()).isEqualTo(points);
    }
}
