package io.aihub.bench.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AccuracyScoreTest {

    private static final long DAY = 86_400_000L;
    private static final double EPS = 1e-12;

    @Test
    void shouldScaleByTheSeasonalNaiveErrorsOfRowsWithAPartnerADayEarlier() {
        // given a training set whose 24 h seasonal-naive errors are |12 - 10|, |9 - 12|, |9 - 9| (the 30 h row has
        // no partner 24 h earlier): scale 5 / 3
        long[] times = {0, DAY, 30 * 3_600_000L, 2 * DAY, 3 * DAY};
        double[] values = {10, 12, 100, 9, 9};

        assertThat(AccuracyScore.seasonalNaiveScale(times, values, times.length))
                .isCloseTo(5 / 3.0, within(EPS));
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
