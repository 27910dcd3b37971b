package io.aihub.bench.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AccuracyScoreTest {

    private static final long DAY = 86_400_000L;
    private static final double EPS = 1e-12;

    @Test
    void shouldComputeMaeRmseMaseAndCoverageOnAHandComputedExample() {
        var score = new AccuracyScore();
        // given four points: errors actual - p50 = 1, 3, 0, -2; the second actual is above its p90
        score.add(8, 10, 12, 11);
        score.add(0, 5, 6, 8);
        score.add(4, 4, 4, 4);
        score.add(3, 6, 9, 4);
        // and a training set whose 24 h seasonal-naive errors are |12 - 10|, |9 - 12|, |9 - 9| (the 30 h row has
        // no partner 24 h earlier): scale 5 / 3
        long[] times = {0, DAY, 30 * 3_600_000L, 2 * DAY, 3 * DAY};
        double[] values = {10, 12, 100, 9, 9};

        double scale = AccuracyScore.seasonalNaiveScale(times, values, times.length);

        assertThat(score.count()).isEqualTo(4);
        assertThat(score.mae()).isCloseTo(1.5, within(EPS));
        assertThat(score.rmse()).isCloseTo(Math.sqrt(3.5), within(EPS));
        assertThat(scale).isCloseTo(5 / 3.0, within(EPS));
        assertThat(score.mase(scale)).isCloseTo(0.9, within(EPS));
        // p10 <= actual <= p90, bounds included: points 1, 3 and 4
        assertThat(score.coverage()).isCloseTo(0.75, within(EPS));
    }

    @Test
    void shouldScaleByTheTrainingRowsOnly() {
        long[] times = {0, DAY, 30 * 3_600_000L, 2 * DAY, 3 * DAY};
        double[] values = {10, 12, 100, 9, 100};

        assertThat(AccuracyScore.seasonalNaiveScale(times, values, 4)).isCloseTo(2.5, within(EPS));
    }

    @Test
    void shouldRefuseAZeroScale() {
        assertThatThrownBy(() -> AccuracyScore.seasonalNaiveScale(new long[] {0, DAY}, new double[] {3, 3}, 2))
                .isInstanceOf(ForecastDataException.class);
    }
}
