package io.aihub.topology.forecast.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ForecastMathTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void shouldGiveTheMeanAndStdOfATimeWindowEndingAtAnIndex() {
        // values 1..10 at hours 0..9, hour 4 missing
        long[] times = {0, HOUR, 2 * HOUR, 3 * HOUR, 5 * HOUR, 6 * HOUR, 7 * HOUR, 8 * HOUR, 9 * HOUR};
        double[] values = {1, 2, 3, 4, 6, 7, 8, 9, 10};
        var series = new SeriesIndex(times, values);

        // (hour 8 - 4 h, hour 8] = hours 5..8: 6, 7, 8, 9
        assertThat(series.mean(7, 4 * HOUR)).isCloseTo(7.5, within(1e-12));
        assertThat(series.std(7, 4 * HOUR)).isCloseTo(Math.sqrt(1.25), within(1e-12));
        // (hour 5 - 3 h, hour 5] = hours 3, 5 (4 missing): 4, 6
        assertThat(series.mean(4, 3 * HOUR)).isCloseTo(5, within(1e-12));
        assertThat(series.lastAtOrBefore(4 * HOUR)).isEqualTo(3);
        assertThat(series.exactly(4 * HOUR)).isEqualTo(-1);
        assertThat(series.valueAtOrBefore(9 * HOUR, 5)).isEqualTo(7);
        assertThat(series.valueAtOrBefore(-1, 5)).isNaN();
        assertThat(series.medianStepMillis()).isEqualTo(HOUR);
    }

    @Test
    void shouldWidenByTheConformalQuantileOfTheScoresPerLeadBand() {
        // 9 scores in the 0-6 h band: ceil((9 + 1) * 0.8) = 8th smallest = 0.7
        double[] shortLeads = {1, 2, 3, 4, 5, 6, 1, 2, 3};
        double[] shortScores = {-0.1, 0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9};
        // 4 scores in 24-72 h: ceil(5 * 0.8) = 4th = the largest, 2.0
        double[] leads = concat(shortLeads, new double[] {30, 40, 50, 60});
        double[] scores = concat(shortScores, new double[] {-1, 0.5, 1.5, 2.0});

        IntervalCalibration calibration = IntervalCalibration.fit(leads, scores, 0.8);

        assertThat(calibration.offset(3)).isEqualTo(0.7);
        assertThat(calibration.offset(48)).isEqualTo(2.0);
        // no rows in 6-24 h and 72-168 h: the quantile of all 13, ceil(14 * 0.8) = 12th smallest = 1.5
        assertThat(calibration.offset(12)).isEqualTo(1.5);
        assertThat(calibration.offset(100)).isEqualTo(1.5);
        assertThat(calibration.counts()).containsExactly(9, 0, 4, 0);
    }

    @Test
    void shouldTakeInterpolatedPercentilesAndWidenBySqrtOfDaysAhead() {
        double[] errors = {5, 1, 4, 2, 3, 0, 9, 8, 7, 6, 10};

        SpreadQuantiles spread = SpreadQuantiles.of(errors, errors.length);

        // type 7: h = (n - 1) p = 1, 5, 9 on 0..10
        assertThat(spread).isEqualTo(new SpreadQuantiles(1, 5, 9));
        assertThat(SpreadQuantiles.widening(HOUR)).isEqualTo(1);
        assertThat(SpreadQuantiles.widening(24 * HOUR)).isEqualTo(1);
        assertThat(SpreadQuantiles.widening(25 * HOUR)).isEqualTo(Math.sqrt(2));
        assertThat(SpreadQuantiles.of(new double[0], 0)).isEqualTo(new SpreadQuantiles(0, 0, 0));
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
